import { existsSync, readFileSync, rmSync } from 'node:fs';
import path from 'node:path';
import { sql } from 'kysely';
import { type DatasetTarget, repoRoot } from '../generate';
import { ensureImportFile } from '../lib/import-file';
import { memoryOf, type Running, runCommand, sampleMemory, sleep } from '../lib/proc';
import type { CaseResult, EngineName } from '../lib/report';
import { type BenchSession, copyPgliteDir, startApp, startBare, withDatabase } from '../lib/servers';
import type { Cast } from './http';

export const importRoutesFile = path.join(
  repoRoot,
  'apps/server/src/modules/customers/customer-import.routes.ts',
);

/** The import and export routes are another helper's work: measure them only once they exist. */
export function importExportAvailable(): { import: boolean; export: boolean } {
  const routes = existsSync(importRoutesFile) ? readFileSync(importRoutesFile, 'utf8') : '';
  const exportFile = path.join(repoRoot, 'apps/server/src/modules/customers/customer-export.routes.ts');
  return {
    import: routes.includes('/api/v1/customer-imports/:id/start'),
    export: existsSync(exportFile) && readFileSync(exportFile, 'utf8').includes('/api/v1/customers/export'),
  };
}

interface ImportJob {
  id: string;
  status: string;
  version: number;
  processed: number;
  created: number;
  updated: number;
  skipped: number;
  rejected: number;
  totalRows: number | null;
  error: string | null;
  suggestedMapping?: Record<string, string | null>;
}

async function api<T>(
  server: Running,
  session: BenchSession,
  method: string,
  url: string,
  body?: unknown,
): Promise<T> {
  const res = await fetch(server.baseUrl + url, {
    method,
    headers: {
      ...session.headers,
      ...(body !== undefined && !(body instanceof FormData) ? { 'content-type': 'application/json' } : {}),
    },
    body: body instanceof FormData ? body : body !== undefined ? JSON.stringify(body) : undefined,
  });
  const text = await res.text();
  if (res.status >= 300) throw new Error(`${method} ${url} → ${res.status}: ${text.slice(0, 2000)}`);
  return JSON.parse(text) as T;
}

/** Removes what a benchmark import added to the PostgreSQL archive (the importer creates nothing else). */
export async function removeImported(target: DatasetTarget, importerId: string): Promise<number> {
  return withDatabase(target, async (db) => {
    const { rows: pending } = await sql<{ n: number }>`
      select count(*)::int as n from customer where created_by = ${importerId}`.execute(db);
    if (!pending[0]?.n) return 0;
    // Deleting a customer checks every foreign key that points at customer; one whose column has
    // no index (customer.merged_into_id) costs a scan of the whole table per deleted row — hours
    // for 70,000 rows. Index such columns for the clean-up and drop the indexes again.
    const { rows: unindexed } = await sql<{ tbl: string; col: string }>`
      select con.conrelid::regclass::text as tbl, a.attname as col
      from pg_constraint con
      join pg_attribute a on a.attrelid = con.conrelid and a.attnum = con.conkey[1]
      where con.contype = 'f' and con.confrelid = 'customer'::regclass and array_length(con.conkey, 1) = 1
        and not exists (select 1 from pg_index i where i.indrelid = con.conrelid and i.indkey[0] = con.conkey[1])`.execute(
      db,
    );
    const temporary = unindexed.map((u, i) => ({ ...u, name: `bench_cleanup_fk_${i}` }));
    for (const t of temporary)
      await sql`create index ${sql.ref(t.name)} on ${sql.table(t.tbl)} (${sql.ref(t.col)})`.execute(db);
    const res = await db.deleteFrom('customer').where('created_by', '=', importerId).executeTakeFirst();
    for (const t of temporary) await sql`drop index ${sql.ref(t.name)}`.execute(db);
    await db.deleteFrom('customer_import').where('created_by', '=', importerId).execute();
    await db.deleteFrom('audit_log').where('actor_id', '=', importerId).execute();
    const removed = Number(res.numDeletedRows);
    if (removed > 0) await sql`vacuum analyze customer, contact`.execute(db);
    return removed;
  });
}

/**
 * Upload → start → poll until done, end to end through HTTP, with the server's RSS sampled. On
 * PGlite the import goes into a copy of the archive; on PostgreSQL the imported rows are removed.
 */
export async function runImportCase(
  engine: EngineName,
  target: DatasetTarget,
  cast: Cast,
  sessions: Map<string, BenchSession>,
  rows: number,
  log: (m: string) => void,
  opts: { appArgs?: string[] } = {},
): Promise<CaseResult> {
  const file = await ensureImportFile(
    path.join(repoRoot, 'data', 'bench'),
    rows,
    cast.accountManagers.map((u) => u.name),
  );
  if (file.generatedMs !== null)
    log(
      `  wrote ${rows.toLocaleString('en')}-row import file (${Math.round(file.bytes / 1024)} KiB) in ${Math.round(file.generatedMs)} ms`,
    );
  const scratch = target.engine === 'pglite' ? `${target.dataDir}-import` : undefined;
  if (scratch) copyPgliteDir(target.dataDir!, scratch);
  const session = sessions.get(cast.importer.id)!;
  const app = await startApp(target, {
    ...(scratch ? { dataDir: scratch } : {}),
    ...(opts.appArgs ? { extraArgs: opts.appArgs } : {}),
  });
  let job: ImportJob;
  let uploadMs: number;
  let totalMs: number;
  let memory: ReturnType<ReturnType<typeof sampleMemory>['stop']>;
  const rssBefore = memoryOf(app.pid)?.rssMb ?? Number.NaN;
  try {
    const sampler = sampleMemory(app.pid, 200);
    const t0 = performance.now();
    const form = new FormData();
    form.append('file', new Blob([readFileSync(file.file)]), '客户清单.xlsx');
    const uploaded = await api<ImportJob>(app, session, 'POST', '/api/v1/customer-imports', form);
    uploadMs = performance.now() - t0;
    job = await api<ImportJob>(app, session, 'POST', `/api/v1/customer-imports/${uploaded.id}/start`, {
      mapping: uploaded.suggestedMapping,
      duplicatePolicy: 'skip',
      version: uploaded.version,
    });
    // Far past the 60 s target: stop waiting, report what was done (the server stop interrupts it).
    const giveUpAt = t0 + 20 * 60_000;
    while ((job.status === 'running' || job.status === 'uploaded') && performance.now() < giveUpAt) {
      await sleep(250);
      job = await api<ImportJob>(app, session, 'GET', `/api/v1/customer-imports/${uploaded.id}`);
    }
    totalMs = performance.now() - t0;
    memory = sampler.stop();
  } finally {
    await app.stop();
  }
  // The generated file has no U+FFFD: any in the imported text was made by reading it.
  const garbled = await withDatabase(
    target,
    async (db) => {
      const bad = '%\uFFFD%';
      const { rows } = await sql<{ n: number; example: string | null }>`
        select count(*)::int as n, min(name || ' / ' || address) as example from customer
        where created_by = ${cast.importer.id}
          and (name like ${bad} or short_name like ${bad} or address like ${bad})`.execute(db);
      const { rows: rejected } = await sql<{ n: number }>`
        select count(*)::int as n from customer_import_rejection r join customer_import i on i.id = r.import_id
        where i.created_by = ${cast.importer.id} and r.message like ${bad}`.execute(db);
      return {
        importedRows: rows[0]?.n ?? 0,
        example: rows[0]?.example ?? null,
        rejectedCells: rejected[0]?.n ?? 0,
      };
    },
    scratch,
  );
  if (scratch) rmSync(scratch, { recursive: true, force: true });
  else await removeImported(target, cast.importer.id);
  const parse = await runCommand(process.execPath, [
    '--import',
    'tsx',
    path.join(repoRoot, 'bench/baselines/xlsx-read.ts'),
    file.file,
  ]);
  const parsed = JSON.parse(parse.stdout.trim()) as { rows: number; ms: number };
  log(
    `  import ${engine} ${rows} rows: ${job.status} in ${(totalMs / 1000).toFixed(1)} s (created ${job.created}, skipped ${job.skipped}, rejected ${job.rejected}); parse-only ${(parsed.ms / 1000).toFixed(1)} s; peak RSS ${memory.peakRssMb} MB; U+FFFD in ${garbled.importedRows} imported rows, ${garbled.rejectedCells} rejection messages`,
  );
  return {
    scenario: 'import',
    engine,
    label: `${rows.toLocaleString('en')} rows from .xlsx, upload → done (duplicates: skip)`,
    app: { runs: [Math.round(totalMs / 100) / 10], median: Math.round(totalMs / 100) / 10, unit: 's' },
    bare: { runs: [Math.round(parsed.ms / 100) / 10], median: Math.round(parsed.ms / 100) / 10, unit: 's' },
    ratio: parsed.ms / totalMs,
    checks: [
      {
        name: 'end to end',
        target: '< 60 s',
        value: Math.round(totalMs / 100) / 10,
        unit: 's',
        pass: job.status === 'done' && totalMs < 60_000,
      },
      {
        // The file has none: any U+FFFD was made by reading it (exceljs#2063 did, before xlsx.ts).
        name: 'text intact',
        target: '0 rows with U+FFFD',
        value: garbled.importedRows + garbled.rejectedCells,
        unit: 'rows',
        pass: garbled.importedRows + garbled.rejectedCells === 0,
      },
    ],
    extra: {
      status: job.status,
      error: job.error,
      fileBytes: file.bytes,
      uploadMs: Math.round(uploadMs),
      processed: job.processed,
      created: job.created,
      updated: job.updated,
      skipped: job.skipped,
      rejected: job.rejected,
      rowsPerSecond: Math.round((job.processed / totalMs) * 1000),
      replacementCharacters: garbled,
      rssBeforeMb: Math.round(rssBefore),
      peakRssMb: memory.peakRssMb,
      rssCurve: memory.curve,
    },
    note: 'bare = reading the same .xlsx with exceljs\u2019s streaming reader only (no validation, no database)',
  };
}

async function download(
  server: Running,
  url: string,
  headers: Record<string, string>,
): Promise<{ ms: number; ttfbMs: number; bytes: number; lines: number; status: number }> {
  const t0 = performance.now();
  const res = await fetch(server.baseUrl + url, { headers });
  const ttfbMs = performance.now() - t0;
  let bytes = 0;
  let lines = 0;
  const reader = res.body!.getReader();
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    bytes += value.byteLength;
    for (let i = 0; i < value.length; i++) if (value[i] === 10) lines++;
  }
  return { ms: performance.now() - t0, ttfbMs, bytes, lines, status: res.status };
}

/**
 * The whole archive (status=all) as csv and as xlsx, as the executive, from a fresh server
 * process whose RSS is sampled while it streams; the bare baseline streams the same rows as CSV.
 */
export async function runExportCases(
  engine: EngineName,
  target: DatasetTarget,
  cast: Cast,
  sessions: Map<string, BenchSession>,
  log: (m: string) => void,
): Promise<CaseResult[]> {
  const session = sessions.get(cast.executive.id)!;
  const headers = { cookie: session.headers.cookie! };
  const results: CaseResult[] = [];

  const bare = await startBare(
    target,
    target.engine === 'pglite' ? path.join(target.dataDir!, 'pglite') : undefined,
  );
  let bareRun: Awaited<ReturnType<typeof download>>;
  let bareMemory: ReturnType<ReturnType<typeof sampleMemory>['stop']>;
  try {
    const sampler = sampleMemory(bare.pid);
    bareRun = await download(bare, '/api/v1/customers/export.csv', headers);
    bareMemory = sampler.stop();
  } finally {
    await bare.stop();
  }
  log(
    `  export ${engine} bare csv: ${(bareRun.ms / 1000).toFixed(1)} s, ${bareRun.lines - 1} rows, peak RSS ${bareMemory.peakRssMb} MB`,
  );

  for (const format of ['csv', 'xlsx'] as const) {
    // A fresh process per format: its peak (VmHWM) belongs to this export alone.
    const app = await startApp(target);
    try {
      await fetch(`${app.baseUrl}/api/v1/me`, { headers }).then((r) => r.arrayBuffer());
      const before = memoryOf(app.pid)!;
      const sampler = sampleMemory(app.pid);
      const run = await download(app, `/api/v1/customers/export?format=${format}&status=all`, headers);
      const memory = sampler.stop();
      const after = memoryOf(app.pid)!;
      if (run.status !== 200) throw new Error(`export ${format} answered ${run.status}`);
      // VmHWM also holds the start-up peak: it counts only when the export raised it.
      const peak = Math.max(memory.peakRssMb, after.hwmMb > before.hwmMb ? after.hwmMb : 0);
      const growth = peak - before.rssMb;
      log(
        `  export ${engine} ${format}: ${(run.ms / 1000).toFixed(1)} s, ${Math.round(run.bytes / 1048576)} MiB, RSS ${Math.round(before.rssMb)} → peak ${Math.round(peak)} MB`,
      );
      results.push({
        scenario: 'export',
        engine,
        label: `all ${target.customers.toLocaleString('en')} customers as ${format}, as executive`,
        app: { runs: [Math.round(run.ms / 100) / 10], median: Math.round(run.ms / 100) / 10, unit: 's' },
        bare:
          format === 'csv'
            ? {
                runs: [Math.round(bareRun.ms / 100) / 10],
                median: Math.round(bareRun.ms / 100) / 10,
                unit: 's',
              }
            : null,
        ratio: format === 'csv' ? bareRun.ms / run.ms : null,
        checks: [
          {
            name: 'flat memory',
            target: 'peak RSS ≤ RSS before + 150 MB',
            value: Math.round(growth),
            unit: 'MB growth',
            pass: growth <= 150,
          },
        ],
        extra: {
          rows: format === 'csv' ? run.lines - 1 : null,
          bytes: run.bytes,
          ttfbMs: Math.round(run.ttfbMs),
          rowsPerSecond: format === 'csv' ? Math.round(((run.lines - 1) / run.ms) * 1000) : null,
          rssBeforeMb: Math.round(before.rssMb),
          peakRssMb: Math.round(peak),
          vmHwmMb: Math.round(after.hwmMb),
          rssCurve: memory.curve,
          ...(format === 'csv'
            ? { bareRows: bareRun.lines - 1, bareBytes: bareRun.bytes, barePeakRssMb: bareMemory.peakRssMb }
            : {}),
        },
        note:
          format === 'csv'
            ? 'bare = hand-written keyset pages of 1,000 rows → CSV lines, fewer columns'
            : 'no bare xlsx baseline',
      });
    } finally {
      await app.stop();
    }
  }
  return results;
}
