// `npm run migrate`: applies pending migrations (the server also does this at start).
import { migrateToLatest, openDatabase } from '@weixi/db';
import { loadConfig, pgliteDataDir } from '../config';
import { cliMain } from './cli';

cliMain(async () => {
  const config = loadConfig();
  const database = await openDatabase(
    config.DATABASE_URL ? { url: config.DATABASE_URL, poolSize: 1 } : { dataDir: pgliteDataDir(config) },
  );
  try {
    const applied = await migrateToLatest(database.db);
    process.stdout.write(
      applied.length ? `Applied: ${applied.join(', ')}\n` : 'The database is up to date.\n',
    );
  } finally {
    await database.close();
  }
});
