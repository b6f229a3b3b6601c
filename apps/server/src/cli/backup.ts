// `npm run backup [-- --out <file or directory>]`: backs up the configured database.
import { loadConfig } from '../config';
import { backupDatabase } from './backup-restore';
import { cliMain, flag } from './cli';

cliMain(async (argv) => {
  const result = await backupDatabase(loadConfig(), flag(argv, '--out'));
  process.stdout.write(
    `Backed up the ${result.engine === 'pglite' ? 'embedded' : 'PostgreSQL'} database to ${result.file} ` +
      `(${(result.bytes / 1024 / 1024).toFixed(1)} MB in ${(result.ms / 1000).toFixed(1)} s)\n`,
  );
});
