import { createReadStream } from 'node:fs';
import type { Transform } from 'node:stream';
import { unescapeFormulaText } from '@weixi/domain';
import type { ImportUploadResponse } from '@weixi/shared';
import iconv from 'iconv-lite';
import Papa from 'papaparse';
import type { Cell, SheetRow } from './cells';

type Encoding = NonNullable<ImportUploadResponse['encoding']>;

const iconvName: Record<Encoding, string> = {
  'utf-8': 'utf8',
  // iconv-lite drops the byte-order mark while decoding.
  'utf-8-bom': 'utf8',
  gb18030: 'gb18030',
  'utf-16le': 'utf16le',
  'utf-16be': 'utf16be',
};

/**
 * Rows of a CSV file, streamed: bytes → iconv-lite decoding → papaparse, which pauses when the
 * consumer falls behind, so memory stays flat. The delimiter (comma, tab, semicolon) is detected.
 * Every record counts as a row — a blank line is a blank row in Excel too — so row numbers match
 * what the user sees when opening the file; blank rows are not yielded.
 */
export async function* readCsvRows(path: string, encoding: Encoding): AsyncGenerator<SheetRow> {
  const input = createReadStream(path);
  // iconv-lite's streams are Transforms; its typings only promise ReadWriteStream.
  const decoder = iconv.decodeStream(iconvName[encoding]) as unknown as Transform;
  const parser = Papa.parse(Papa.NODE_STREAM_INPUT, { skipEmptyLines: false });
  input.on('error', (err) => decoder.destroy(err));
  decoder.on('error', (err) => parser.destroy(err));
  input.pipe(decoder).pipe(parser);
  let number = 0;
  try {
    for await (const record of parser as AsyncIterable<string[]>) {
      number++;
      if (record.every((v) => v.trim() === '')) continue;
      // Cells are never evaluated; an apostrophe that Weixi's own export put before =, +, - or @
      // (against formula injection) is taken off again.
      const cells: Cell[] = record.map((v) => (v === '' ? null : { t: 'text', v: unescapeFormulaText(v) }));
      yield { number, cells };
    }
  } finally {
    input.destroy();
  }
}
