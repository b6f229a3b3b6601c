import { inflateSync } from 'node:zlib';

/**
 * Just enough of a PDF reader for tests to check what a generated card really contains: its pages,
 * its embedded fonts and its text, decoded through each font's ToUnicode CMap, the same way a PDF
 * viewer's copy-and-paste or search does. It needs no system tool (pdftotext), so CI needs nothing
 * beyond npm packages. It reads what pdfkit writes (uncompressed object syntax, Flate streams,
 * two-byte Identity-H text) and is not meant for PDFs from elsewhere.
 */

export interface PdfObject {
  num: number;
  /** The object's source before any stream data: a dictionary, array or plain value. */
  dict: string;
  /** Decoded stream data (Flate undone), when the object is a stream. */
  stream: Buffer | null;
}

export interface PdfFont {
  /** Resource name used by content streams, e.g. F1. */
  resource: string;
  /** e.g. BZZZZZ+NotoSansSC-Bold: a six-letter tag and '+' mark a subset font. */
  baseFont: string;
  subtype: string;
  /** The TrueType program is embedded (FontFile2), so the glyphs do not depend on the reader's fonts. */
  embedded: boolean;
  /** Raw size of the embedded font program in bytes (after Flate decoding). */
  programBytes: number;
}

const objectHeader = /(\d+)\s+\d+\s+obj\b/g;
const streamKeyword = />>\s*stream(?:\r\n|\r|\n)/g;

export function parsePdf(pdf: Buffer): Map<number, PdfObject> {
  // latin1 maps bytes 1:1 to string positions, so offsets found in the string index the buffer.
  const src = pdf.toString('latin1');
  const objects = new Map<number, PdfObject>();
  objectHeader.lastIndex = 0;
  for (let m = objectHeader.exec(src); m; m = objectHeader.exec(src)) {
    const num = Number(m[1]);
    const start = m.index + m[0].length;
    const end = src.indexOf('endobj', start);
    // The keyword right after the dictionary, not the word inside a title string ("Mainstream Ltd").
    streamKeyword.lastIndex = start;
    const sm = streamKeyword.exec(src);
    if (sm && (end === -1 || sm.index < end)) {
      const dict = src.slice(start, sm.index + 2);
      const length = Number(/\/Length\s+(\d+)\b(?!\s+\d+\s+R)/.exec(dict)?.[1]);
      if (!Number.isFinite(length)) throw new Error(`object ${num}: stream without a direct /Length`);
      const dataStart = sm.index + sm[0].length;
      const raw = pdf.subarray(dataStart, dataStart + length);
      const stream = /\/Filter\s*\/FlateDecode/.test(dict) ? inflateSync(raw) : Buffer.from(raw);
      objects.set(num, { num, dict, stream });
      // Binary stream data may contain anything, including "endobj": skip past it by length.
      objectHeader.lastIndex = dataStart + length;
    } else {
      objects.set(num, { num, dict: src.slice(start, end === -1 ? undefined : end), stream: null });
    }
  }
  return objects;
}

const ref = (dict: string, key: string): number | null => {
  const m = new RegExp(`/${key}\\s+(\\d+)\\s+\\d+\\s+R`).exec(dict);
  return m ? Number(m[1]) : null;
};

const name = (dict: string, key: string): string | null =>
  new RegExp(`/${key}\\s*/([^\\s/<>\\[\\]()]+)`).exec(dict)?.[1] ?? null;

/** Page objects (/Type /Page, not the /Pages tree nodes). */
export function pdfPages(objects: Map<number, PdfObject>): PdfObject[] {
  return [...objects.values()].filter((o) => /\/Type\s*\/Page(?![A-Za-z])/.test(o.dict));
}

export function pdfPageCount(pdf: Buffer): number {
  return pdfPages(parsePdf(pdf)).length;
}

/** The fonts a page's resources name, with where each font's glyphs come from. */
function pageFonts(objects: Map<number, PdfObject>, page: PdfObject): Map<string, number> {
  let resources = page.dict;
  const resRef = ref(page.dict, 'Resources');
  if (resRef !== null) resources = objects.get(resRef)?.dict ?? '';
  const fontDict = /\/Font\s*<<([\s\S]*?)>>/.exec(resources)?.[1] ?? '';
  const fonts = new Map<string, number>();
  for (const m of fontDict.matchAll(/\/([^\s/]+)\s+(\d+)\s+\d+\s+R/g)) fonts.set(m[1]!, Number(m[2]));
  return fonts;
}

export function pdfFonts(pdf: Buffer): PdfFont[] {
  const objects = parsePdf(pdf);
  const out: PdfFont[] = [];
  for (const page of pdfPages(objects)) {
    for (const [resource, num] of pageFonts(objects, page)) {
      const font = objects.get(num);
      if (!font) continue;
      // A Type0 (composite) font keeps its descriptor on the descendant CIDFont.
      const descendant = /\/DescendantFonts\s*\[\s*(\d+)\s+\d+\s+R/.exec(font.dict)?.[1];
      const cid = descendant ? objects.get(Number(descendant)) : font;
      const descriptorRef = cid ? ref(cid.dict, 'FontDescriptor') : null;
      const descriptor = descriptorRef !== null ? objects.get(descriptorRef) : undefined;
      const programRef = descriptor ? ref(descriptor.dict, 'FontFile2') : null;
      const program = programRef !== null ? objects.get(programRef) : undefined;
      out.push({
        resource,
        baseFont: name(font.dict, 'BaseFont') ?? '',
        subtype: name(font.dict, 'Subtype') ?? '',
        embedded: Boolean(program?.stream),
        programBytes: program?.stream?.length ?? 0,
      });
    }
  }
  return out;
}

/** Glyph code → text, from a ToUnicode CMap (bfchar and both bfrange forms). */
export function parseToUnicode(cmap: string): Map<number, string> {
  const map = new Map<number, string>();
  // A ligature maps to several code units, which pdfkit writes space-separated: <0066 0069> for "fi".
  const utf16 = (spaced: string) => {
    const hex = spaced.replace(/\s+/g, '');
    const units: number[] = [];
    for (let i = 0; i + 4 <= hex.length; i += 4) units.push(Number.parseInt(hex.slice(i, i + 4), 16));
    return String.fromCharCode(...units);
  };
  for (const block of cmap.matchAll(/beginbfchar([\s\S]*?)endbfchar/g)) {
    for (const m of block[1]!.matchAll(/<([0-9a-fA-F]+)>\s*<([0-9a-fA-F\s]*)>/g))
      map.set(Number.parseInt(m[1]!, 16), utf16(m[2]!));
  }
  for (const block of cmap.matchAll(/beginbfrange([\s\S]*?)endbfrange/g)) {
    const body = block[1]!;
    for (const m of body.matchAll(/<([0-9a-fA-F]+)>\s*<([0-9a-fA-F]+)>\s*(\[[^\]]*\]|<[0-9a-fA-F\s]*>)/g)) {
      const lo = Number.parseInt(m[1]!, 16);
      const hi = Number.parseInt(m[2]!, 16);
      const dst = m[3]!;
      if (dst.startsWith('[')) {
        const items = [...dst.matchAll(/<([0-9a-fA-F\s]*)>/g)].map((x) => utf16(x[1]!));
        items.forEach((text, i) => {
          if (lo + i <= hi) map.set(lo + i, text);
        });
      } else {
        // <lo> <hi> <dst>: consecutive codes map to consecutive code units from dst.
        const first = dst.slice(1, -1).replace(/\s+/g, '');
        const base = Number.parseInt(first.slice(-4), 16);
        for (let code = lo; code <= hi; code++)
          map.set(code, utf16(first.slice(0, -4)) + String.fromCharCode(base + code - lo));
      }
    }
  }
  return map;
}

/**
 * The text of every page, one line per text object (pdfkit writes each laid-out line in its own
 * BT … ET), decoded through the fonts' ToUnicode CMaps.
 */
export function pdfText(pdf: Buffer): string {
  const objects = parsePdf(pdf);
  const lines: string[] = [];
  for (const page of pdfPages(objects)) {
    const cmaps = new Map<string, Map<number, string>>();
    for (const [resource, num] of pageFonts(objects, page)) {
      const toUnicode = ref(objects.get(num)?.dict ?? '', 'ToUnicode');
      const stream = toUnicode !== null ? objects.get(toUnicode)?.stream : null;
      cmaps.set(resource, stream ? parseToUnicode(stream.toString('latin1')) : new Map());
    }
    const contentsRef = ref(page.dict, 'Contents');
    const content = contentsRef !== null ? objects.get(contentsRef)?.stream : null;
    if (!content) continue;
    let cmap = new Map<number, string>();
    for (const block of content.toString('latin1').matchAll(/\bBT\b([\s\S]*?)\bET\b/g)) {
      let line = '';
      // Operators in order: font selections and the hex strings shown by Tj / TJ.
      for (const m of block[1]!.matchAll(/\/([^\s/]+)\s+[\d.]+\s+Tf|<([0-9a-fA-F\s]*)>/g)) {
        if (m[1] !== undefined) {
          cmap = cmaps.get(m[1]) ?? new Map();
          continue;
        }
        const hex = m[2]!.replace(/\s+/g, '');
        for (let i = 0; i + 4 <= hex.length; i += 4) {
          line += cmap.get(Number.parseInt(hex.slice(i, i + 4), 16)) ?? '\uFFFD';
        }
      }
      lines.push(line);
    }
  }
  return lines.join('\n');
}
