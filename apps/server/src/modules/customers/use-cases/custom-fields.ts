import { newId } from '@weixi/db';
import type { CustomFieldDefinition } from '@weixi/shared';
import { fieldError, notFound } from '../../../http/app-error';
import { staleVersion } from '../../../http/concurrency';
import type { Ctx } from '../../../http/context';
import { recordAudit } from '../../platform/use-cases/record-audit';
import { assertCan } from '../customers.policy';
import { presentCustomField } from '../customers.presenter';
import {
  findCustomField,
  insertCustomField,
  listCustomFields as listRows,
  updateCustomField as updateRow,
} from '../customers.repository';

type Option = { value: string; labelZh: string; labelEn: string };

function checkOptions(type: string, options: Option[]): void {
  const selects = type === 'single_select' || type === 'multi_select';
  if (selects && options.length === 0)
    throw fieldError('options', 'required', 'a select field needs at least one option');
  if (!selects && options.length > 0)
    throw fieldError('options', 'not_allowed', 'only select fields have options');
  const seen = new Set<string>();
  options.forEach((o, i) => {
    if (seen.has(o.value))
      throw fieldError(`options.${i}.value`, 'duplicate', 'option values must be unique');
    seen.add(o.value);
  });
}

/** Every signed-in user reads the definitions: forms, lists and imports render them. */
export async function listCustomFields(ctx: Ctx, entity: 'customer' | 'contact') {
  return { items: (await listRows(ctx.db, entity)).map(presentCustomField) };
}

export async function createCustomField(
  ctx: Ctx,
  input: {
    entity: 'customer' | 'contact';
    key: string;
    labelZh: string;
    labelEn: string;
    type: CustomFieldDefinition['type'];
    options: Option[];
    required: boolean;
    position: number;
  },
): Promise<CustomFieldDefinition> {
  assertCan(ctx.actor, 'manage_fields');
  checkOptions(input.type, input.options);
  const existing = await listRows(ctx.db, input.entity);
  if (existing.some((d) => d.key === input.key))
    throw fieldError('key', 'already_exists', 'a field with this key exists', 'already_exists');
  const id = newId();
  await insertCustomField(
    ctx.db,
    {
      id,
      entity: input.entity,
      key: input.key,
      label_zh: input.labelZh,
      label_en: input.labelEn,
      type: input.type,
      options: input.options,
      required: input.required,
      position: input.position,
    },
    ctx.actor.id,
  );
  const created = presentCustomField((await findCustomField(ctx.db, id))!);
  await recordAudit(ctx, {
    action: 'custom_field.create',
    entity: 'custom_field',
    entityId: id,
    after: created,
  });
  return created;
}

/** Key and type are fixed once created: stored values depend on them. Retire with active=false. */
export async function updateCustomField(
  ctx: Ctx,
  id: string,
  version: number,
  input: {
    labelZh?: string | undefined;
    labelEn?: string | undefined;
    options?: Option[] | undefined;
    required?: boolean | undefined;
    position?: number | undefined;
    active?: boolean | undefined;
  },
): Promise<CustomFieldDefinition> {
  assertCan(ctx.actor, 'manage_fields');
  const current = await findCustomField(ctx.db, id);
  if (!current) throw notFound('Custom field');
  if (current.version !== version) throw staleVersion('Custom field', current.version);
  if (input.options) checkOptions(current.type, input.options);
  const patch = {
    ...(input.labelZh !== undefined ? { label_zh: input.labelZh } : {}),
    ...(input.labelEn !== undefined ? { label_en: input.labelEn } : {}),
    ...(input.options !== undefined ? { options: input.options } : {}),
    ...(input.required !== undefined ? { required: input.required } : {}),
    ...(input.position !== undefined ? { position: input.position } : {}),
    ...(input.active !== undefined ? { active: input.active } : {}),
  };
  if (!(await updateRow(ctx.db, id, version, patch, ctx.actor.id, ctx.clock.now())))
    throw staleVersion('Custom field', version + 1);
  const updated = presentCustomField((await findCustomField(ctx.db, id))!);
  await recordAudit(ctx, {
    action: 'custom_field.update',
    entity: 'custom_field',
    entityId: id,
    before: presentCustomField(current),
    after: updated,
  });
  return updated;
}
