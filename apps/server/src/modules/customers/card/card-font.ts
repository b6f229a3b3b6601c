import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import path from 'node:path';

/**
 * The CJK font the relationship card embeds: Noto Sans SC (SIL OFL 1.1) as static TrueType
 * files from the `@expo-google-fonts/noto-sans-sc` package — see docs/decisions/005-pdf-cjk-font.md.
 * It ships with the server's npm dependencies, so a card looks the same on every machine and
 * nothing is downloaded or taken from the operating system at run time.
 */
const fontPackage = '@expo-google-fonts/noto-sans-sc';
const files = {
  regular: '400Regular/NotoSansSC_400Regular.ttf',
  bold: '700Bold/NotoSansSC_700Bold.ttf',
} as const;

export interface CardFonts {
  regular: Buffer;
  bold: Buffer;
}

// Resolved through package.json (the package has no `exports` map) rather than a path relative to
// this file, so it keeps working wherever npm hoisted the package.
function fontDir(): string {
  const require = createRequire(import.meta.url);
  return path.dirname(require.resolve(`${fontPackage}/package.json`));
}

let loaded: Promise<CardFonts> | undefined;

/**
 * The font files' bytes, read once per process: each is ~10 MB and every card needs them, so
 * re-reading per request would dominate the render time. A failed read is not cached, so a
 * missing install shows up on every request (and the next one retries) instead of sticking.
 */
export function cardFonts(): Promise<CardFonts> {
  loaded ??= (async () => {
    const dir = fontDir();
    const [regular, bold] = await Promise.all([
      readFile(path.join(dir, files.regular)),
      readFile(path.join(dir, files.bold)),
    ]);
    return { regular, bold };
  })().catch((err: unknown) => {
    loaded = undefined;
    throw err;
  });
  return loaded;
}
