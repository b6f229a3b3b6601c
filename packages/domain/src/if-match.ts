/**
 * Reads the expected version from an If-Match header: `"3"`, `W/"3"` or `3`. Returns null when
 * the header is absent, undefined when present but not a version we issued.
 */
export function parseIfMatch(header: string | undefined): number | null | undefined {
  if (header === undefined || header.trim() === '') return null;
  const m = /^\s*(?:W\/)?"?(\d{1,9})"?\s*$/.exec(header);
  if (!m) return undefined;
  const n = Number(m[1]);
  return n >= 1 ? n : undefined;
}

export function etagFor(version: number): string {
  return `"${version}"`;
}
