// Turns the bytes of an uploaded caption file into text. WebVTT must be UTF-8 (WebVTT §4.1), but real
// SRT files arrive as UTF-16 from Windows tools and as Latin-1 from old ones, so we accept those too.

export type CaptionEncoding = 'utf-8' | 'utf-16le' | 'utf-16be' | 'latin-1';

export type DecodedCaptionText = { text: string; encoding: CaptionEncoding };

/**
 * Decodes caption bytes: a byte-order mark wins (UTF-8, UTF-16 LE/BE); otherwise valid UTF-8 is UTF-8,
 * text whose every other byte is zero is UTF-16 without a BOM, and anything else is Latin-1. "Latin-1"
 * is decoded as windows-1252, its superset, as browsers do (WHATWG Encoding), so "€" and curly quotes
 * from Windows tools survive. The BOM is not part of the text.
 */
export function decodeCaptionBytes(bytes: Uint8Array): DecodedCaptionText {
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) return { text: decode('utf-8', bytes.subarray(3)), encoding: 'utf-8' };
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return { text: decode('utf-16le', bytes.subarray(2)), encoding: 'utf-16le' };
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return { text: decode('utf-16be', bytes.subarray(2)), encoding: 'utf-16be' };
  const utf16 = guessBomlessUtf16(bytes);
  if (utf16) return { text: decode(utf16, bytes), encoding: utf16 };
  try {
    return { text: new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(bytes), encoding: 'utf-8' };
  } catch {
    return { text: decodeWindows1252(bytes), encoding: 'latin-1' };
  }
}

function decode(label: string, bytes: Uint8Array): string {
  return new TextDecoder(label, { ignoreBOM: true }).decode(bytes);
}

// windows-1252 differs from ISO-8859-1 only in 0x80–0x9F (WHATWG Encoding index). Node's TextDecoder
// decodes the "windows-1252" label as plain ISO-8859-1, so the table is here.
const WINDOWS_1252_HIGH = '€\u0081‚ƒ„…†‡ˆ‰Š‹Œ\u008dŽ\u008f\u0090‘’“”•–—˜™š›œ\u009džŸ';

function decodeWindows1252(bytes: Uint8Array): string {
  let out = '';
  for (const byte of bytes) out += byte >= 0x80 && byte <= 0x9f ? WINDOWS_1252_HIGH[byte - 0x80] : String.fromCharCode(byte);
  return out;
}

/** Caption text is mostly ASCII, so in UTF-16 one byte of each pair is zero; other text has no zeros. */
function guessBomlessUtf16(bytes: Uint8Array): 'utf-16le' | 'utf-16be' | undefined {
  const sample = bytes.subarray(0, Math.min(bytes.length, 200) & ~1);
  if (sample.length < 4) return undefined;
  let evenZeros = 0;
  let oddZeros = 0;
  for (let i = 0; i < sample.length; i += 2) {
    if (sample[i] === 0) evenZeros++;
    if (sample[i + 1] === 0) oddZeros++;
  }
  const pairs = sample.length / 2;
  if (oddZeros > pairs * 0.6 && evenZeros === 0) return 'utf-16le';
  if (evenZeros > pairs * 0.6 && oddZeros === 0) return 'utf-16be';
  return undefined;
}
