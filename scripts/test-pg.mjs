// Runs the database-backed suites (packages/db, apps/server) against a real PostgreSQL.
// Each test file creates and drops its own database on that server.
import { spawnSync } from 'node:child_process';

const url = process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
const res = spawnSync('npx', ['vitest', 'run', 'packages/db', 'apps/server', ...process.argv.slice(2)], {
  stdio: 'inherit',
  env: { ...process.env, TEST_DATABASE_URL: url },
});
process.exit(res.status ?? 1);
