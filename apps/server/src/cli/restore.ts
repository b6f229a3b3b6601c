// `npm run restore -- <backup file> [--yes]`: restores a backup made by `npm run backup`.
import { loadConfig } from '../config';
import { BackupError, restoreDatabase } from './backup-restore';
import { cliMain } from './cli';

cliMain(async (argv) => {
  const file = argv.find((a) => !a.startsWith('--'));
  if (!file) throw new BackupError('Usage: npm run restore -- <backup file> [--yes]');
  const result = await restoreDatabase(loadConfig(), file, { force: argv.includes('--yes') });
  process.stdout.write(
    `Restored ${file} into the ${result.engine === 'pglite' ? 'embedded' : 'PostgreSQL'} database in ${(result.ms / 1000).toFixed(1)} s.\n` +
      (result.keptAside ? `The previous database was kept at ${result.keptAside}.\n` : '') +
      (result.migrationsApplied.length ? `Migrations applied: ${result.migrationsApplied.join(', ')}\n` : ''),
  );
});
