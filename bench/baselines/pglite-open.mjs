// Cold-start baseline: the least a process can do to answer from an existing PGlite data
// directory — start Node, PGlite.create(dir), `select 1`. Plain JavaScript, so no TypeScript
// loader adds to the time being measured. Usage: node bench/baselines/pglite-open.mjs <dir>
import { PGlite } from '@electric-sql/pglite';

const dir = process.argv[2];
if (!dir) {
  process.stderr.write('usage: node bench/baselines/pglite-open.mjs <pglite data dir>\n');
  process.exit(2);
}
const db = await PGlite.create(dir);
await db.query('select 1');
process.stdout.write(`ready ${Math.round(performance.now())}\n`);
await db.close();
