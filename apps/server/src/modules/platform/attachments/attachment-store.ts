import { createHash } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { mkdir, rm } from 'node:fs/promises';
import path from 'node:path';
import type { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { attachmentDir, type Config } from '../../../config';

/** Where an attachment's bytes live: <ATTACHMENT_DIR>/<storage key>; keys are ids, never user input. */
export function storedPath(config: Config, storageKey: string): string {
  return path.join(attachmentDir(config), storageKey);
}

/**
 * Streams an upload to disk under `storageKey`, hashing it on the way (never buffered whole).
 * `truncated` is set when the stream was cut at the size limit; the caller deletes the file then.
 */
export async function writeStored(
  config: Config,
  storageKey: string,
  stream: Readable & { truncated?: boolean },
): Promise<{ filePath: string; size: number; sha256: string; truncated: boolean }> {
  const filePath = storedPath(config, storageKey);
  await mkdir(path.dirname(filePath), { recursive: true });
  const hash = createHash('sha256');
  let size = 0;
  await pipeline(
    stream,
    async function* (source: AsyncIterable<Buffer>) {
      for await (const chunk of source) {
        hash.update(chunk);
        size += chunk.length;
        yield chunk;
      }
    },
    createWriteStream(filePath),
  );
  return { filePath, size, sha256: hash.digest('hex'), truncated: stream.truncated === true };
}

/** Deletes stored files; a file already gone is not an error (the row was what mattered). */
export async function removeStored(config: Config, storageKeys: readonly string[]): Promise<void> {
  await Promise.all(storageKeys.map((key) => rm(storedPath(config, key), { force: true })));
}
