import { DataDirLockedError } from '@weixi/db';
import { ConfigError } from '../config';
import { BackupError } from './backup-restore';

/** The value after `--name` or in `--name=value`. */
export function flag(argv: string[], name: string): string | undefined {
  const i = argv.findIndex((a) => a === name || a.startsWith(`${name}=`));
  if (i === -1) return undefined;
  return argv[i]!.includes('=') ? argv[i]!.slice(name.length + 1) : argv[i + 1];
}

/** Runs a command-line task: expected failures print one clear line and exit 2, bugs a stack and 1. */
export function cliMain(task: (argv: string[]) => Promise<void>): void {
  task(process.argv.slice(2)).then(
    () => process.exit(0),
    (err: unknown) => {
      const known =
        err instanceof BackupError || err instanceof ConfigError || err instanceof DataDirLockedError;
      process.stderr.write(`${known ? (err as Error).message : ((err as Error).stack ?? String(err))}\n`);
      process.exit(known ? 2 : 1);
    },
  );
}
