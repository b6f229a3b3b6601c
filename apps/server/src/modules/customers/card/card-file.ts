import { type CardLang, cardLabels } from './card-labels';

// Characters that Windows, macOS or a browser's save dialog refuse or silently rewrite.
const unsafeInFileName = /[\\/:*?"<>|\p{Cc}]+/gu;
const fileNameMaxChars = 80;

/** 客户关系卡-宁波怡信光电.pdf: the name a browser offers when the user saves the card. */
export function cardFileName(lang: CardLang, customerName: string): string {
  const cleaned = customerName.replace(unsafeInFileName, '_').replace(/\s+/g, ' ').trim();
  // By code point, so a name is never cut through the middle of a surrogate pair.
  const name = Array.from(cleaned).slice(0, fileNameMaxChars).join('').trim();
  return `${cardLabels[lang].filename}-${name || 'customer'}.pdf`;
}

/** RFC 5987 ext-value: UTF-8, percent-encoded, with the few characters encodeURIComponent leaves. */
export function encodeRfc5987(value: string): string {
  return encodeURIComponent(value).replace(
    /['()*]/g,
    (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`,
  );
}

/**
 * `inline` so that the browser shows the card in a tab ready to print, with the real UTF-8 name in
 * `filename*` (RFC 6266 / 5987, which every current browser prefers) and an ASCII `filename` for
 * clients that only know the old parameter.
 */
export function inlineDisposition(fileName: string, asciiFallback: string): string {
  const ascii = asciiFallback.replace(/[^\x20-\x7e]|["\\]/g, '_');
  return `inline; filename="${ascii}"; filename*=UTF-8''${encodeRfc5987(fileName)}`;
}
