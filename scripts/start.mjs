// `npm start`: builds what is missing or older than its sources (the web app, the server bundle),
// then runs the server in this process's place. Arguments pass through: `npm start -- --role api`.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildServer } from './build-server.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const skip = new Set(['node_modules', 'dist', '.git', 'data']);

/** Newest modification time under these directories (source files only). */
function newest(dirs) {
  let max = 0;
  const walk = (dir) => {
    if (!existsSync(dir)) return;
    if (!statSync(dir).isDirectory()) {
      max = Math.max(max, statSync(dir).mtimeMs);
      return;
    }
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      if (skip.has(entry.name)) continue;
      const p = path.join(dir, entry.name);
      if (entry.isDirectory()) walk(p);
      else max = Math.max(max, statSync(p).mtimeMs);
    }
  };
  for (const d of dirs) walk(path.join(root, d));
  return max;
}

function builtAt(file) {
  const p = path.join(root, file);
  return existsSync(p) ? statSync(p).mtimeMs : 0;
}

const shared = ['packages/shared/src', 'packages/domain/src'];
const webSources = ['apps/web/src', 'apps/web/index.html', 'apps/web/public', ...shared];
const serverSources = ['apps/server/src', 'packages/db/src', ...shared];

async function main() {
  if (builtAt('apps/web/dist/index.html') < newest(webSources)) {
    process.stdout.write('Building the web app…\n');
    const res = spawnSync(
      process.platform === 'win32' ? 'npm.cmd' : 'npm',
      ['run', 'build', '-w', '@weixi/web'],
      {
        cwd: root,
        stdio: 'inherit',
      },
    );
    if (res.status !== 0) process.exit(res.status ?? 1);
  }
  if (builtAt('apps/server/dist/main.js') < newest(serverSources)) {
    process.stdout.write('Building the server…\n');
    await buildServer();
  }
  const child = spawn(
    process.execPath,
    ['--enable-source-maps', path.join(root, 'apps/server/dist/main.js'), ...process.argv.slice(2)],
    { cwd: root, stdio: 'inherit' },
  );
  // The server handles SIGINT/SIGTERM itself (graceful shutdown); pass them on and mirror its exit.
  for (const sig of ['SIGINT', 'SIGTERM']) process.on(sig, () => child.kill(sig));
  child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
}

main().catch((err) => {
  process.stderr.write(`${err.stack ?? err}\n`);
  process.exit(1);
});
