import { z } from 'zod';

export const uuidSchema = z.uuid({ message: 'must be a UUID' });
export const idParamsSchema = z.strictObject({ id: uuidSchema });
export const isoDateTime = z.iso.datetime({ offset: true });
export const versionSchema = z.number().int().min(1);
