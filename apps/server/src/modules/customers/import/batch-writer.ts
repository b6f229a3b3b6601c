import { newId } from '@weixi/db';
import { type DuplicateKeys, type DuplicateReason, duplicateReasons, normalizeName } from '@weixi/domain';
import type { DuplicatePolicy } from '@weixi/shared';
import type { Ctx } from '../../../http/context';
import { recordAudit } from '../../platform/use-cases/record-audit';
import {
  addProgress,
  duplicateCandidatesForBatch,
  type ImportDuplicateCandidate,
  insertRejections,
  type RejectionWrite,
} from '../customer-import.repository';
import { refreshSearch, toContactWrite } from '../customer-input';
import {
  type CustomerWrite,
  insertContacts,
  insertCustomers,
  listContacts,
  updateCustomer,
} from '../customers.repository';
import { probeKeys } from '../use-cases/find-duplicates';
import { type ImportLocale, importMessage } from './messages';
import type { ConvertedRow, RowIssue } from './row-converter';

type Valid = Extract<ConvertedRow, { ok: true }>;

/**
 * What the job remembers across batches: keys of earlier rows, customers already updated and the
 * customers this import created. A row that repeats an earlier row of the file is "duplicate in
 * file" wherever the batches happen to be cut, so customers the import itself created are left out
 * of the archive matches (the earlier row's keys are here instead).
 */
export interface ImportMemory {
  creditCodes: Map<string, number>;
  nameKeys: Map<string, number>;
  phoneKeys: Map<string, number>;
  updatedTargets: Map<string, number>;
  createdIds: Set<string>;
}

export function newImportMemory(): ImportMemory {
  return {
    creditCodes: new Map(),
    nameKeys: new Map(),
    phoneKeys: new Map(),
    updatedTargets: new Map(),
    createdIds: new Set(),
  };
}

export interface BatchJob {
  id: string;
  policy: DuplicatePolicy;
  locale: ImportLocale;
  canAssign: boolean;
  /** Field key → column header, for naming the column of a duplicate. */
  header: (key: string) => string | null;
}

const reasonField: Record<DuplicateReason, string> = {
  credit_code: 'creditCode',
  name: 'name',
  phone: 'phone',
};

/** The earlier row of this file that a row repeats, and why; null when it repeats none. */
function repeatsEarlier(mem: ImportMemory, keys: DuplicateKeys) {
  if (keys.creditCode && mem.creditCodes.has(keys.creditCode))
    return { row: mem.creditCodes.get(keys.creditCode)!, reason: 'credit_code' as const };
  if (keys.nameKey && mem.nameKeys.has(keys.nameKey))
    return { row: mem.nameKeys.get(keys.nameKey)!, reason: 'name' as const };
  const phone = keys.phoneKeys.find((p) => mem.phoneKeys.has(p));
  return phone ? { row: mem.phoneKeys.get(phone)!, reason: 'phone' as const } : null;
}

function remember(mem: ImportMemory, keys: DuplicateKeys, row: number) {
  if (keys.creditCode && !mem.creditCodes.has(keys.creditCode)) mem.creditCodes.set(keys.creditCode, row);
  if (keys.nameKey && !mem.nameKeys.has(keys.nameKey)) mem.nameKeys.set(keys.nameKey, row);
  for (const p of keys.phoneKeys) if (!mem.phoneKeys.has(p)) mem.phoneKeys.set(p, row);
}

/** Fields an update writes: only the columns that had a value, the region as a whole. */
function updatePatch(row: Valid, current: ImportDuplicateCandidate): CustomerWrite {
  const { owner_id, custom, ...rest } = row.write;
  const patch: CustomerWrite = { ...rest };
  // The name matched: 查重甲 must not rename 查重甲有限公司. A genuinely different name (a match by
  // credit code after a renaming) is written.
  if (normalizeName(row.request.name) === current.name_key) delete patch.name;
  if (row.given.has('owner')) patch.owner_id = owner_id ?? null;
  if (custom && Object.keys(custom).length) patch.custom = { ...current.custom, ...custom };
  return patch;
}

/** A batch whose rows have been read and whose archive matches have been looked up. */
export interface ProbedBatch {
  rows: ConvertedRow[];
  valid: { row: Valid; keys: DuplicateKeys }[];
  candidates: ImportDuplicateCandidate[];
}

/**
 * Looks up, in one query of its own, the archive customers a batch's rows may repeat. It needs no
 * earlier batch to have committed — repeats of earlier rows are decided from the job's memory —
 * so the importer runs it for one batch while the previous batch is being written.
 */
export async function probeBatch(ctx: Ctx, job: BatchJob, rows: ConvertedRow[]): Promise<ProbedBatch> {
  const valid: ProbedBatch['valid'] = [];
  for (const row of rows) {
    if (!row.ok) continue;
    const phones = [row.request.phone, row.contact?.phone];
    valid.push({
      row,
      keys: probeKeys({ name: row.request.name, creditCode: row.write.credit_code ?? null, phones }),
    });
  }
  if (job.policy === 'create' || valid.length === 0) return { rows, valid, candidates: [] };
  const scope = await ctx.scope();
  const keys = {
    creditCodes: [...new Set(valid.flatMap((v) => (v.keys.creditCode ? [v.keys.creditCode] : [])))],
    nameKeys: [...new Set(valid.map((v) => v.keys.nameKey).filter(Boolean))],
    phoneKeys: [...new Set(valid.flatMap((v) => v.keys.phoneKeys))],
  };
  const candidates = await ctx.db
    .transaction()
    .execute((trx) => duplicateCandidatesForBatch(trx, scope, keys));
  return { rows, valid, candidates };
}

/**
 * Writes one probed batch in the caller's transaction: duplicate decisions (against earlier rows of
 * the file and the archive matches), inserts, updates, rejections, progress and one audit entry.
 * Either all of it commits or none, so a crash never leaves half a batch. Batches are written in
 * file order, one after another: each one's decisions read the memory the ones before it left.
 */
export async function writeBatch(ctx: Ctx, job: BatchJob, mem: ImportMemory, batch: ProbedBatch) {
  const { rows, valid } = batch;
  const now = ctx.clock.now();
  const msg = (code: string, params: Record<string, string | number> = {}) =>
    importMessage(job.locale, code, params);
  const rejected = new Map<number, { raw: string[]; issues: RowIssue[] }>();
  const reject = (row: { number: number; raw: string[] }, issue: RowIssue) =>
    rejected.set(row.number, { raw: row.raw, issues: [...(rejected.get(row.number)?.issues ?? []), issue] });
  for (const row of rows) if (!row.ok) rejected.set(row.number, { raw: row.raw, issues: row.issues });

  // A customer an earlier batch created is in the archive by now, or not yet: either way the row
  // that created it is in the memory, which decides.
  const candidates = batch.candidates.filter((c) => !mem.createdIds.has(c.id));
  const byKey = new Map<string, ImportDuplicateCandidate[]>();
  const index = (key: string, c: ImportDuplicateCandidate) => byKey.set(key, [...(byKey.get(key) ?? []), c]);
  for (const c of candidates) {
    if (c.credit_code) index(`c:${c.credit_code}`, c);
    index(`n:${c.name_key}`, c);
    for (const p of c.phone_keys) index(`p:${p}`, c);
  }

  const creates: Valid[] = [];
  const updates: { row: Valid; target: ImportDuplicateCandidate }[] = [];
  let skipped = 0;
  const columnOf = (reason: DuplicateReason | undefined) =>
    reason === undefined
      ? null
      : (job.header(reasonField[reason]) ?? (reason === 'phone' ? job.header('contactPhone') : null));
  for (const { row, keys } of valid) {
    if (job.policy === 'create') {
      creates.push(row);
      continue;
    }
    const near = new Set([
      ...(keys.creditCode ? (byKey.get(`c:${keys.creditCode}`) ?? []) : []),
      ...(byKey.get(`n:${keys.nameKey}`) ?? []),
      ...keys.phoneKeys.flatMap((p) => byKey.get(`p:${p}`) ?? []),
    ]);
    const matches = [...near]
      .map((c) => ({
        ...c,
        reasons: duplicateReasons(keys, {
          creditCode: c.credit_code,
          nameKey: c.name_key,
          phoneKeys: c.phone_keys,
        }),
      }))
      .filter((c) => c.reasons.length > 0);
    // Already in the archive and the user chose to skip those: nothing else about the row matters.
    if (matches.length > 0 && job.policy === 'skip') {
      remember(mem, keys, row.number);
      skipped++;
      continue;
    }
    const earlier = repeatsEarlier(mem, keys);
    if (earlier) {
      reject(row, {
        column: job.header(reasonField[earlier.reason]),
        code: 'duplicate_in_file',
        message: msg('duplicate_in_file', { row: earlier.row, reason: msg(`reason_${earlier.reason}`) }),
      });
      continue;
    }
    remember(mem, keys, row.number);
    const column = columnOf(matches[0]?.reasons[0]);
    if (matches.length === 0) creates.push(row);
    else if (matches.length > 1) {
      reject(row, {
        column,
        code: 'duplicate_ambiguous',
        message: msg('duplicate_ambiguous', {
          count: matches.length,
          names: matches.map((m) => m.name).join('、'),
        }),
      });
    } else {
      const target = matches[0]!;
      const earlierRow = mem.updatedTargets.get(target.id);
      if (!target.visible)
        reject(row, {
          column,
          code: 'duplicate_out_of_scope',
          message: msg('duplicate_out_of_scope', { name: target.name, owner: target.owner_name ?? '—' }),
        });
      else if (target.status !== 'active')
        reject(row, {
          column,
          code: 'duplicate_inactive',
          message: msg('duplicate_inactive', { name: target.name }),
        });
      else if (earlierRow !== undefined)
        reject(row, {
          column,
          code: 'duplicate_in_file',
          message: msg('duplicate_in_file', { row: earlierRow, reason: target.name }),
        });
      else if (row.given.has('owner') && row.write.owner_id !== target.owner_id && !job.canAssign)
        reject(row, {
          column: job.header('owner'),
          code: 'owner_forbidden',
          message: msg('owner_forbidden'),
        });
      else {
        mem.updatedTargets.set(target.id, row.number);
        updates.push({ row, target });
      }
    }
  }

  const created = await createRows(ctx, creates, now);
  for (const id of created) mem.createdIds.add(id);
  const updatedIds: string[] = [];
  const existingContacts = await listContacts(
    ctx.db,
    updates.filter((u) => u.row.contact).map((u) => u.target.id),
  );
  for (const { row, target } of updates) {
    const ok = await updateCustomer(
      ctx.db,
      target.id,
      target.version,
      updatePatch(row, target),
      ctx.actor.id,
      now,
    );
    if (!ok) {
      reject(row, {
        column: null,
        code: 'version_conflict',
        message: msg('version_conflict', { name: target.name }),
      });
      continue;
    }
    const contact = row.contact;
    if (contact && !existingContacts.some((c) => c.customer_id === target.id && c.name === contact.name)) {
      await insertContacts(
        ctx.db,
        [
          {
            // Custom values were checked against the contact definitions when the row was read.
            ...toContactWrite({ ...contact, isKey: true }, contact.custom),
            id: newId(),
            customer_id: target.id,
            name: contact.name,
          },
        ],
        ctx.actor.id,
        now,
      );
    }
    await refreshSearch(ctx.db, target.id);
    updatedIds.push(target.id);
  }

  const rejections: RejectionWrite[] = [];
  for (const [number, r] of rejected) {
    for (const [seq, issue] of r.issues.entries()) {
      rejections.push({
        row_number: number,
        seq,
        column_name: issue.column,
        code: issue.code,
        message: issue.message,
        raw: seq === 0 ? r.raw : [],
      });
    }
  }
  await insertRejections(ctx.db, job.id, rejections);
  const counts = {
    processed: rows.length,
    created: created.length,
    updated: updatedIds.length,
    skipped,
    rejected: rejected.size,
  };
  await addProgress(ctx.db, job.id, counts, now);
  await recordAudit(ctx, {
    action: 'customer.import_batch',
    entity: 'customer_import',
    entityId: job.id,
    after: {
      rows: { from: rows[0]?.number ?? null, to: rows.at(-1)?.number ?? null },
      created,
      updated: updatedIds,
      skipped,
      rejectedRows: [...rejected.keys()].sort((a, b) => a - b),
    },
  });
  return counts;
}

async function createRows(ctx: Ctx, rows: Valid[], now: Date): Promise<string[]> {
  const customers = [];
  const contacts = [];
  for (const row of rows) {
    const id = newId();
    const { write, request, contact } = row;
    customers.push({ ...write, id, name: request.name, ...row.search });
    // The one contact a row carries is the customer's main contact, hence a key contact.
    if (contact)
      contacts.push({
        ...toContactWrite({ ...contact, isKey: true }, contact.custom),
        id: newId(),
        customer_id: id,
        name: contact.name,
      });
  }
  await insertCustomers(ctx.db, customers, ctx.actor.id, now);
  await insertContacts(ctx.db, contacts, ctx.actor.id, now);
  return customers.map((c) => c.id);
}
