import type { CustomerDetail } from '@weixi/shared';
import { AppError, fieldError, notFound } from '../../../http/app-error';
import { staleVersion } from '../../../http/concurrency';
import type { Ctx } from '../../../http/context';
import { recomputeFollowUpFacts } from '../../engagement/interactions.repository';
import { customersMerged } from '../../ownership/use-cases/owner-changed';
import { recordAudit } from '../../platform/use-cases/record-audit';
import { refreshSearch } from '../customer-input';
import { assertCan } from '../customers.policy';
import { auditCustomer, presentCustomer } from '../customers.presenter';
import {
  type CustomerView,
  type CustomerWrite,
  findCustomer,
  lockCustomer,
  moveReferences,
  updateCustomer,
} from '../customers.repository';
import { getCustomer } from './get-customer';

/** Fields whose surviving value the user picks; everything else follows the survivor. */
export const mergeableFields = {
  name: 'name',
  shortName: 'short_name',
  creditCode: 'credit_code',
  industry: 'industry',
  scale: 'scale',
  region: ['province_code', 'city_code', 'district_code'],
  address: 'address',
  coordinates: ['latitude', 'longitude'],
  phone: 'phone',
  email: 'email',
  wechat: 'wechat',
  website: 'website',
  source: 'source',
  foundedOn: 'founded_on',
  signedOn: 'signed_on',
  preferences: 'preferences',
  owner: 'owner_id',
  category: 'category',
  grade: 'grade',
  valueTier: 'value_tier',
  lifecycle: 'lifecycle',
} as const satisfies Record<string, keyof CustomerView | readonly (keyof CustomerView)[]>;

/**
 * Merges `mergedId` into `survivorId`: chosen field values move over, tags and custom values are
 * united (survivor wins on conflicts unless told otherwise), every reference (contacts,
 * collaborators, and the tables later modules register) moves to the survivor, and the merged
 * record stays as status `merged` pointing at the survivor, so nothing of its history is lost.
 */
export async function mergeCustomers(
  ctx: Ctx,
  input: {
    survivorId: string;
    mergedId: string;
    survivorVersion: number;
    mergedVersion: number;
    take: Record<string, 'survivor' | 'merged'>;
  },
): Promise<CustomerDetail> {
  assertCan(ctx.actor, 'merge');
  if (input.survivorId === input.mergedId)
    throw fieldError('mergedId', 'same', 'cannot merge a customer into itself');
  for (const key of Object.keys(input.take)) {
    if (!(key in mergeableFields) && key !== 'tags' && key !== 'custom')
      throw fieldError(`take.${key}`, 'unknown_field', 'not a mergeable field');
  }
  const scope = await ctx.scope();
  const survivor = await findCustomer(ctx.db, scope, input.survivorId);
  if (!survivor) throw notFound('Customer (survivor)');
  const merged = await findCustomer(ctx.db, scope, input.mergedId);
  if (!merged) throw notFound('Customer (merged)');
  // Lock in id order so two opposite merges cannot deadlock.
  const versions = new Map<string, number | undefined>();
  for (const id of [input.survivorId, input.mergedId].sort())
    versions.set(id, (await lockCustomer(ctx.db, id))?.version);
  if (versions.get(input.survivorId) !== input.survivorVersion) {
    throw staleVersion('Customer (survivor)', versions.get(input.survivorId) ?? 0);
  }
  if (versions.get(input.mergedId) !== input.mergedVersion)
    throw staleVersion('Customer (merged)', versions.get(input.mergedId) ?? 0);
  if (survivor.status === 'merged' || merged.status === 'merged')
    throw new AppError('conflict', 'One of the customers was already merged');

  const patch: Record<string, unknown> = {};
  for (const [field, columns] of Object.entries(mergeableFields)) {
    if (input.take[field] !== 'merged') continue;
    for (const col of Array.isArray(columns) ? columns : [columns])
      patch[col] = merged[col as keyof CustomerView];
  }
  patch.tags = input.take.tags === 'merged' ? merged.tags : [...new Set([...survivor.tags, ...merged.tags])];
  patch.custom =
    input.take.custom === 'merged'
      ? { ...survivor.custom, ...merged.custom }
      : { ...merged.custom, ...survivor.custom };
  if (!survivor.verified_at || (merged.verified_at && merged.verified_at > survivor.verified_at)) {
    patch.verified_at = merged.verified_at;
    patch.verified_by = merged.verified_by;
  }
  if (patch.latitude !== undefined) patch.latitude = patch.latitude === null ? null : Number(patch.latitude);
  if (patch.longitude !== undefined)
    patch.longitude = patch.longitude === null ? null : Number(patch.longitude);

  const now = ctx.clock.now();
  const moved = await moveReferences(ctx.db, input.mergedId, input.survivorId);
  await updateCustomer(
    ctx.db,
    input.mergedId,
    input.mergedVersion,
    { status: 'merged', merged_into_id: input.survivorId },
    ctx.actor.id,
    now,
  );
  await updateCustomer(
    ctx.db,
    input.survivorId,
    input.survivorVersion,
    patch as CustomerWrite,
    ctx.actor.id,
    now,
  );
  await refreshSearch(ctx.db, input.survivorId);
  // The survivor now holds both customers' interactions: its follow-up facts (and through the
  // trigger its due date) come from all of them, with its owner as it is after the merge.
  await recomputeFollowUpFacts(ctx.db, input.survivorId);

  const result = await getCustomer(ctx, input.survivorId, { plain: true });
  const { contacts: _c, ...after } = result;
  const mergedSnapshot = auditCustomer(presentCustomer(merged, true));
  await recordAudit(ctx, {
    action: 'customer.merge',
    entity: 'customer',
    entityId: input.survivorId,
    before: { survivor: auditCustomer(presentCustomer(survivor, true)), merged: mergedSnapshot },
    after: { ...auditCustomer(after), mergedFrom: input.mergedId, moved },
  });
  await recordAudit(ctx, {
    action: 'customer.merged_into',
    entity: 'customer',
    entityId: input.mergedId,
    before: mergedSnapshot,
    after: { status: 'merged', mergedIntoId: input.survivorId },
  });
  await customersMerged(ctx, {
    survivorId: input.survivorId,
    survivorName: result.name,
    mergedId: input.mergedId,
    ownerBefore: survivor.owner_id,
    ownerAfter: result.owner?.id ?? null,
  });
  return getCustomer(ctx, input.survivorId);
}
