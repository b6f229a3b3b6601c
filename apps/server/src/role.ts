export type Role = 'api' | 'worker' | 'all';

/** `--role api|worker|all` (default all): which parts of the server this process runs. */
export function parseRole(argv: string[]): Role {
  const i = argv.findIndex((a) => a === '--role' || a.startsWith('--role='));
  if (i === -1) return 'all';
  const value = argv[i]!.includes('=') ? argv[i]!.split('=')[1] : argv[i + 1];
  if (value === 'api' || value === 'worker' || value === 'all') return value;
  throw new Error(`--role must be api, worker or all (got ${value ?? 'nothing'})`);
}
