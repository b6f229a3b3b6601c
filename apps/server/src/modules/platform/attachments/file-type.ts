import { createReadStream } from 'node:fs';
import { open, readFile } from 'node:fs/promises';
import path from 'node:path';
import { createEncodingDetector } from '@weixi/domain';
import { readZipDirectory, readZipText, ZipError } from '../../customers/import/zip';

/**
 * What an uploaded file is, judged by its bytes (magic numbers, the parts inside an Office zip,
 * whether text decodes) and by its name — both must agree on an allowed type. The type the client
 * declared is ignored: it is whatever the browser guessed from the name.
 */
export type Judgement =
  | { ok: true; contentType: string }
  | { ok: false; found: string; reason: 'not_allowed' | 'name_mismatch' };

interface Kind {
  found: string;
  /** Allowed names for it, with the content type each is served as; empty: refused whatever the name. */
  exts: Record<string, string>;
}

const refused = (found: string): Kind => ({ found, exts: {} });

const ooxml: { marker: string; kind: Kind }[] = [
  {
    marker: 'wordprocessingml.document.main+xml',
    kind: {
      found: 'a Word document (.docx)',
      exts: { docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document' },
    },
  },
  {
    marker: 'spreadsheetml.sheet.main+xml',
    kind: {
      found: 'an Excel workbook (.xlsx)',
      exts: { xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' },
    },
  },
  {
    marker: 'presentationml.presentation.main+xml',
    kind: {
      found: 'a PowerPoint presentation (.pptx)',
      exts: { pptx: 'application/vnd.openxmlformats-officedocument.presentationml.presentation' },
    },
  },
];

const ascii = (b: Buffer, start: number, end: number) => b.subarray(start, end).toString('latin1');
const starts = (b: Buffer, bytes: number[]) => bytes.every((x, i) => b[i] === x);

/** Kinds recognised from the first bytes alone (null: look further). */
function sniffHead(b: Buffer): Kind | null {
  if (starts(b, [0xff, 0xd8, 0xff]))
    return { found: 'a JPEG image', exts: { jpg: 'image/jpeg', jpeg: 'image/jpeg' } };
  if (starts(b, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]))
    return { found: 'a PNG image', exts: { png: 'image/png' } };
  if (ascii(b, 0, 6) === 'GIF87a' || ascii(b, 0, 6) === 'GIF89a')
    return { found: 'a GIF image', exts: { gif: 'image/gif' } };
  if (ascii(b, 0, 4) === 'RIFF' && ascii(b, 8, 12) === 'WEBP')
    return { found: 'a WebP image', exts: { webp: 'image/webp' } };
  if (ascii(b, 0, 5) === '%PDF-') return { found: 'a PDF document', exts: { pdf: 'application/pdf' } };
  if (ascii(b, 0, 6) === '#!AMR\n') return { found: 'an AMR voice recording', exts: { amr: 'audio/amr' } };
  if (ascii(b, 4, 8) === 'ftyp') {
    const brand = ascii(b, 8, 12);
    if (brand === 'qt  ') return refused('a QuickTime movie');
    if (brand.startsWith('M4A') || brand.startsWith('M4B'))
      return { found: 'an M4A audio file', exts: { m4a: 'audio/mp4', mp4: 'audio/mp4' } };
    return { found: 'an MP4 media file', exts: { mp4: 'video/mp4', m4a: 'audio/mp4' } };
  }
  if (ascii(b, 0, 3) === 'ID3' || (b[0] === 0xff && b.length > 1 && (b[1]! & 0xe6) === 0xe2))
    return { found: 'an MP3 audio file', exts: { mp3: 'audio/mpeg' } };
  if (ascii(b, 0, 2) === 'MZ') return refused('a Windows program');
  if (ascii(b, 0, 4) === '\x7fELF') return refused('a Linux program');
  if (
    [0xfeedface, 0xfeedfacf, 0xcefaedfe, 0xcffaedfe, 0xcafebabe].includes(
      b.length >= 4 ? b.readUInt32BE(0) : 0,
    )
  )
    return refused('a macOS program');
  if (ascii(b, 0, 2) === '#!') return refused('a script');
  if (starts(b, [0x1f, 0x8b])) return refused('a gzip archive');
  if (ascii(b, 0, 4) === 'Rar!') return refused('a RAR archive');
  if (starts(b, [0x37, 0x7a, 0xbc, 0xaf, 0x27, 0x1c])) return refused('a 7z archive');
  if (ascii(b, 0, 5) === '{\\rtf') return refused('an RTF document');
  return null;
}

/** Markup a browser would render or run, refused even when it is valid text named .txt. */
function sniffMarkup(b: Buffer): Kind | null {
  const text = b
    .subarray(0, 512)
    .toString('utf8')
    .replace(/^\uFEFF/, '')
    .trimStart()
    .toLowerCase();
  if (text.startsWith('<svg') || (text.startsWith('<?xml') && text.includes('<svg')))
    return refused('an SVG image');
  if (
    text.startsWith('<!doctype html') ||
    text.startsWith('<html') ||
    text.startsWith('<script') ||
    text.startsWith('<head') ||
    text.startsWith('<body')
  )
    return refused('an HTML page');
  if (text.startsWith('<?xml')) return refused('an XML document');
  return null;
}

async function readHead(filePath: string, length: number): Promise<Buffer> {
  const fh = await open(filePath, 'r');
  try {
    const buf = Buffer.alloc(length);
    const { bytesRead } = await fh.read(buf, 0, length, 0);
    return buf.subarray(0, bytesRead);
  } finally {
    await fh.close();
  }
}

/** An Office Open XML file is a zip whose [Content_Types].xml names its main part. */
async function sniffZip(filePath: string, size: number): Promise<Kind> {
  try {
    const entries = await readZipDirectory(filePath, size);
    const types = entries.find((e) => e.name === '[Content_Types].xml');
    if (!types) return refused('a ZIP archive');
    const xml = await readZipText(filePath, types, 1024 * 1024);
    if (/macroEnabled/i.test(xml)) return refused('an Office document with macros');
    return ooxml.find((o) => xml.includes(o.marker))?.kind ?? refused('a ZIP archive');
  } catch (err) {
    if (err instanceof ZipError) return refused('a damaged ZIP archive');
    throw err;
  }
}

/** The signature of a Compound File (OLE2): Office 97–2003 documents, but also installers and mail. */
const compoundFile = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1];

/**
 * Which Office 97–2003 document a compound file is, by the stream its application keeps its
 * content in — not by the name, so a workbook renamed .doc is a mismatch as with the zip formats.
 * Other compound files (Windows installers, Outlook messages, …) are refused, and so are documents
 * carrying VBA macros, as their Office Open XML counterparts are.
 */
async function sniffCompound(filePath: string): Promise<Kind> {
  // Loaded on first use, like exceljs: most starts never meet an old Office file.
  const { default: CFB } = await import('cfb');
  let names: Set<string>;
  try {
    const container = CFB.read(await readFile(filePath), { type: 'buffer' });
    names = new Set(container.FileIndex.map((e) => e.name));
  } catch {
    return refused('a damaged Office 97–2003 file');
  }
  if (names.has('_VBA_PROJECT_CUR') || names.has('Macros') || names.has('_VBA_PROJECT'))
    return refused('an Office document with macros');
  if (names.has('WordDocument'))
    return { found: 'a Word 97–2003 document (.doc)', exts: { doc: 'application/msword' } };
  if (names.has('Workbook') || names.has('Book'))
    return { found: 'an Excel 97–2003 workbook (.xls)', exts: { xls: 'application/vnd.ms-excel' } };
  if (names.has('PowerPoint Document'))
    return {
      found: 'a PowerPoint 97–2003 presentation (.ppt)',
      exts: { ppt: 'application/vnd.ms-powerpoint' },
    };
  return refused('a compound file that is not an Office document (an installer, a mail message, …)');
}

/** Plain text: no NUL byte anywhere and valid UTF-8 or GB18030 throughout (read once, streamed). */
async function sniffText(filePath: string): Promise<Kind> {
  const detector = createEncodingDetector();
  for await (const chunk of createReadStream(filePath)) {
    const bytes = chunk as Buffer;
    if (bytes.includes(0)) return refused('a binary file of unknown type');
    detector.push(bytes);
  }
  const verdict = detector.finish();
  if (!verdict.ok || verdict.encoding.startsWith('utf-16')) return refused('text in an unknown encoding');
  const charset = verdict.encoding === 'gb18030' ? 'gb18030' : 'utf-8';
  return {
    found: 'plain text',
    exts: { txt: `text/plain; charset=${charset}`, csv: `text/csv; charset=${charset}` },
  };
}

export async function judgeFile(filePath: string, size: number, fileName: string): Promise<Judgement> {
  const ext = path.extname(fileName).slice(1).toLowerCase();
  const head = await readHead(filePath, 4096);
  let kind = sniffHead(head);
  if (!kind && starts(head, [0x50, 0x4b, 0x03, 0x04])) kind = await sniffZip(filePath, size);
  if (!kind && starts(head, compoundFile)) kind = await sniffCompound(filePath);
  kind ??= sniffMarkup(head) ?? (await sniffText(filePath));
  const contentType = kind.exts[ext];
  if (contentType) return { ok: true, contentType };
  if (Object.keys(kind.exts).length === 0) return { ok: false, found: kind.found, reason: 'not_allowed' };
  return { ok: false, found: kind.found, reason: 'name_mismatch' };
}
