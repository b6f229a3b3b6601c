// `npm run transfer -- --to postgres://user:pass@host:5432/weixi [--yes]`: copies the embedded
// database (DATA_DIR) into a PostgreSQL database, which the server then uses through DATABASE_URL.
import { loadConfig, pgliteDataDir } from '../config';
import { cliMain, flag } from './cli';
import { formatTransferReport, redactUrl, TransferError, transferData } from './transfer-data';

cliMain(async (argv) => {
  const to = flag(argv, '--to');
  if (!to)
    throw new TransferError(
      'Usage: npm run transfer -- --to postgres://user:pass@host:5432/weixi [--yes]\n' +
        'Copies the embedded database in DATA_DIR into that PostgreSQL database. Stop the server first.',
    );
  const config = loadConfig();
  const dataDir = pgliteDataDir(config);
  process.stdout.write(`Transferring ${dataDir} → ${redactUrl(to)}\n`);
  const result = await transferData({
    dataDir,
    targetUrl: to,
    replace: argv.includes('--yes'),
    log: (line) => process.stdout.write(`${line}\n`),
  });
  process.stdout.write(
    `${formatTransferReport(result)}\n` +
      (result.migrationsApplied.target.length
        ? `Migrations applied to the target: ${result.migrationsApplied.target.join(', ')}\n`
        : '') +
      `Start Weixi with DATABASE_URL=${redactUrl(to)} to use it. The embedded database keeps its data: keep it until Weixi runs well on PostgreSQL.\n`,
  );
});
