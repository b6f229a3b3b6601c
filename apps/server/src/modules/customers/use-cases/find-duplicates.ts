import {
  type DuplicateKeys,
  duplicateReasons,
  normalizeCreditCode,
  normalizeName,
  normalizePhone,
} from '@weixi/domain';
import type { DuplicateMatch } from '@weixi/shared';
import { AppError } from '../../../http/app-error';
import type { Actor, Ctx } from '../../../http/context';
import { can } from '../customers.policy';
import { maskPhone } from '../customers.presenter';
import { type DuplicateCandidate, findDuplicateCandidates } from '../customers.repository';

export interface DuplicateProbe {
  name?: string | undefined;
  creditCode?: string | null | undefined;
  phones?: readonly (string | null | undefined)[];
}

export function probeKeys(p: DuplicateProbe): DuplicateKeys {
  return {
    creditCode: p.creditCode ? normalizeCreditCode(p.creditCode) : null,
    nameKey: p.name ? normalizeName(p.name) : '',
    phoneKeys: [...new Set((p.phones ?? []).map((x) => (x ? normalizePhone(x) : '')).filter(Boolean))],
  };
}

/**
 * Out-of-scope matches show only their name: enough to ask a colleague, not enough to leak. A
 * visible match's phone is masked like everywhere else (decision 007) unless the viewer owns it.
 */
export function presentMatch(
  c: DuplicateCandidate,
  reasons: DuplicateMatch['reasons'],
  viewer: Actor,
): DuplicateMatch {
  const plain = can(viewer, 'unmask') && c.owner_id === viewer.id;
  return {
    customer: {
      id: c.id,
      name: c.name,
      creditCode: c.visible ? c.credit_code : null,
      phone: c.visible ? (plain ? c.phone : maskPhone(c.phone)) : '',
      owner: c.owner_id ? { id: c.owner_id, name: c.owner_name ?? '' } : null,
      status: c.status as DuplicateMatch['customer']['status'],
      visible: c.visible,
    },
    reasons,
  };
}

/** Likely duplicates of a record being created or edited (查重), strongest evidence first. */
export async function findDuplicates(
  ctx: Ctx,
  probe: DuplicateProbe,
  excludeIds: string[] = [],
): Promise<DuplicateMatch[]> {
  const keys = probeKeys(probe);
  if (!keys.creditCode && !keys.nameKey && keys.phoneKeys.length === 0) return [];
  const candidates = await findDuplicateCandidates(ctx.db, await ctx.scope(), keys, excludeIds);
  const weight = { credit_code: 3, name: 2, phone: 1 } as const;
  return candidates
    .map((c) =>
      presentMatch(
        c,
        duplicateReasons(keys, { creditCode: c.credit_code, nameKey: c.name_key, phoneKeys: c.phone_keys }),
        ctx.actor,
      ),
    )
    .filter((m) => m.reasons.length > 0)
    .sort(
      (a, b) => b.reasons.reduce((s, r) => s + weight[r], 0) - a.reasons.reduce((s, r) => s + weight[r], 0),
    );
}

export function duplicateError(matches: DuplicateMatch[]): AppError {
  return new AppError(
    'duplicate_suspected',
    `This looks like ${matches.length} existing customer(s); check them, then confirm to save anyway`,
    { duplicates: matches },
  );
}
