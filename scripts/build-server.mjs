// Bundles the server and its CLIs into apps/server/dist with esbuild: the workspace packages
// (@weixi/*, TypeScript sources) are compiled in; npm dependencies stay external and load from
// node_modules. A bundle starts in a fraction of the time tsx needs to transpile on every start.
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const outdir = path.join(root, 'apps/server/dist');

export const serverEntries = {
  main: 'apps/server/src/main.ts',
  migrate: 'apps/server/src/cli/migrate.ts',
  backup: 'apps/server/src/cli/backup.ts',
  restore: 'apps/server/src/cli/restore.ts',
  transfer: 'apps/server/src/cli/transfer.ts',
};

/**
 * Pure-JavaScript dependencies compiled into the bundle. Each ships hundreds of small ES modules
 * that Node 20 would resolve, read and link one by one at every start (kysely ~190 ms, zod and its
 * fastify type provider ~100 ms): one file loads in a fraction of that. They share one zod, so
 * zod and everything importing it are bundled together.
 */
const bundledDependencies = ['kysely', 'zod', 'fastify-type-provider-zod'];

/**
 * Bare imports stay external except our own workspace packages, which are source to compile, and
 * the dependencies above. External ones (native addons, WebAssembly, worker files, fonts) load from
 * node_modules as published.
 */
const externalDependencies = {
  name: 'external-dependencies',
  setup(b) {
    b.onResolve({ filter: /^[^./]/ }, (args) => {
      // Our sources, and JSON data files (Node 20's ESM loader needs import attributes for JSON,
      // which the compiled imports would not carry), are compiled into the bundle.
      if (args.path.startsWith('@weixi/') || args.path.endsWith('.json')) return undefined;
      const pkg = args.path.startsWith('@')
        ? args.path.split('/').slice(0, 2).join('/')
        : args.path.split('/')[0];
      if (bundledDependencies.includes(pkg)) return undefined;
      return { path: args.path, external: true };
    });
  },
};

export async function buildServer({ quiet = false } = {}) {
  mkdirSync(outdir, { recursive: true });
  const started = Date.now();
  await build({
    absWorkingDir: root,
    entryPoints: Object.fromEntries(Object.entries(serverEntries).map(([k, v]) => [k, path.join(root, v)])),
    outdir,
    bundle: true,
    splitting: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    sourcemap: true,
    logLevel: quiet ? 'error' : 'warning',
    plugins: [externalDependencies],
    chunkNames: 'chunks/[name]-[hash]',
  });
  writeFileSync(path.join(outdir, 'package.json'), '{ "type": "module" }\n');
  if (!quiet) process.stdout.write(`server bundle built in ${Date.now() - started} ms → ${outdir}\n`);
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  buildServer().catch((err) => {
    process.stderr.write(`${err.stack ?? err}\n`);
    process.exit(1);
  });
}
