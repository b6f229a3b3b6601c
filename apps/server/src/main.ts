import { DataDirLockedError, openDatabase } from '@weixi/db';
import { ConfigError, loadConfig, pgliteDataDir } from './config';
import { parseRole } from './role';

async function main() {
  let config: ReturnType<typeof loadConfig>;
  let role: ReturnType<typeof parseRole>;
  try {
    config = loadConfig();
    role = parseRole(process.argv.slice(2));
  } catch (err) {
    process.stderr.write(
      `${err instanceof ConfigError || err instanceof Error ? err.message : String(err)}\n`,
    );
    process.exit(2);
  }
  // The embedded engine takes about a second to start: start it first and load the HTTP app's
  // modules while it boots, instead of one after the other.
  const database = openDatabase(
    config.DATABASE_URL
      ? { url: config.DATABASE_URL, poolSize: config.DATABASE_POOL_SIZE }
      : { dataDir: pgliteDataDir(config) },
  );
  database.catch(() => undefined);
  const { startServer } = await import('./server');
  const running = await startServer(config, role, await database);
  let stopping = false;
  const shutdown = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    process.stdout.write(`\n${signal}: finishing in-flight requests and closing the database…\n`);
    const force = setTimeout(() => process.exit(1), 15_000);
    force.unref();
    await running.stop();
    process.exit(0);
  };
  process.on('SIGTERM', () => void shutdown('SIGTERM'));
  process.on('SIGINT', () => void shutdown('SIGINT'));
}

main().catch((err: unknown) => {
  if (err instanceof DataDirLockedError) {
    process.stderr.write(`Weixi did not start: ${err.message}\n`);
    process.exit(2);
  }
  process.stderr.write(
    `Weixi failed to start: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`,
  );
  process.exit(1);
});
