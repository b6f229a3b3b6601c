import { type DuplicateMatch, duplicateListSchema } from '@weixi/shared';

/**
 * The likely duplicates a `duplicate_suspected` problem carries in its `duplicates` member
 * (server: find-duplicates.ts duplicateError), checked with the shared schema; null when the
 * member is missing or not in that shape.
 */
export function problemDuplicates(extensions: Readonly<Record<string, unknown>>): DuplicateMatch[] | null {
  const parsed = duplicateListSchema.safeParse({ matches: extensions.duplicates });
  return parsed.success ? parsed.data.matches : null;
}
