// The plans of the list and search queries the app really sends: calls the repository's
// listCustomers on the PostgreSQL bench archive with a query log, then runs EXPLAIN (ANALYZE,
// BUFFERS) on every statement it sent, with its parameters.
//   npx tsx bench/explain.ts [case-name filter] [--full]
import type { DB } from '@weixi/db';
import { buildSearchQuery, normalizePhone, resolveScope } from '@weixi/domain';
import { Kysely, PostgresDialect } from 'kysely';
import pg from 'pg';
import { listCustomers } from '../apps/server/src/modules/customers/customers.repository';
import { departmentSubtreeIds } from '../apps/server/src/modules/identity/identity.repository';
import { pgTarget, pgUrl, readUsers } from './generate';

async function main() {
  const args = process.argv.slice(2);
  const full = args.includes('--full');
  const only = args.find((a) => !a.startsWith('--'));
  const pool = new pg.Pool({ connectionString: pgUrl(pgTarget().database!), max: 2 });
  const sent: { sql: string; parameters: readonly unknown[] }[] = [];
  const db = new Kysely<DB>({
    dialect: new PostgresDialect({ pool }),
    log: (e) => {
      if (e.level === 'query') sent.push({ sql: e.query.sql, parameters: e.query.parameters });
    },
  });
  const users = await readUsers(db);
  const am = users.find((u) => u.role === 'account_manager')!;
  const region = users.find((u) => u.role === 'department_manager' && u.parentDepartmentId === null)!;
  const regionScope = resolveScope(
    'department',
    region.id,
    await departmentSubtreeIds(db, region.departmentId!),
  );
  const q = (raw: string) => ({ ...buildSearchQuery(raw)!, raw, digits: normalizePhone(raw) });
  const own = resolveScope('own', am.id, []);
  const cases: [string, Parameters<typeof listCustomers>][] = [
    [
      'list owner+grade',
      [db, own, { status: 'active', ownerId: am.id, grade: ['A', 'B'] }, '-updatedAt', 50, null],
    ],
    ['list region', [db, regionScope, { status: 'active' }, '-updatedAt', 50, null]],
    ...['科技', '光电', 'hxkj', 'nbyx'].flatMap((t): [string, Parameters<typeof listCustomers>][] => [
      [`search ${t} all`, [db, { kind: 'all' }, { status: 'all', q: q(t) }, 'relevance', 20, null]],
      [`search ${t} own`, [db, own, { status: 'all', q: q(t) }, 'relevance', 20, null]],
    ]),
  ];
  for (const [name, call] of cases) {
    if (only && !name.includes(only)) continue;
    sent.length = 0;
    const t0 = performance.now();
    const r = await listCustomers(...call);
    const ms = performance.now() - t0;
    process.stdout.write(
      `\n=== ${name}: ${r.rows.length} rows, total ${r.total}${r.totalCapped ? '+' : ''}, ${ms.toFixed(1)} ms, ${sent.length} statement(s)\n`,
    );
    for (const s of sent.filter((x) => !/^\s*explain/i.test(x.sql))) {
      const plan = await pool.query(`explain (analyze, buffers) ${s.sql}`, s.parameters as unknown[]);
      const lines = plan.rows.map((row: Record<string, string>) => row['QUERY PLAN']!);
      const shown = full
        ? lines
        : lines.filter((l) => /Scan|Execution Time|Sort Method|Limit|Append/.test(l));
      process.stdout.write(`${shown.join('\n')}\n`);
    }
  }
  await db.destroy();
}

main().catch((err: unknown) => {
  process.stderr.write(`${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
  process.exit(1);
});
