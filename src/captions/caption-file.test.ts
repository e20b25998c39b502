import { decodeCaptionBytes } from './caption-encoding.js';
import { CaptionParseError } from './caption-errors.js';
import { parseCaptionFile } from './caption-file.js';

const body = '1\n00:00:01,000 --> 00:00:02,000\nHyvää päivää\n';

function utf16(text: string, littleEndian: boolean, withBom: boolean): Uint8Array {
  const out = new Uint8Array((text.length + (withBom ? 1 : 0)) * 2);
  const view = new DataView(out.buffer);
  let offset = 0;
  if (withBom) {
    view.setUint16(0, 0xfeff, littleEndian);
    offset = 2;
  }
  for (let i = 0; i < text.length; i++) view.setUint16(offset + i * 2, text.charCodeAt(i), littleEndian);
  return out;
}

describe('decodeCaptionBytes', () => {
  test.each([
    { name: 'UTF-8 without BOM', bytes: new TextEncoder().encode(body), encoding: 'utf-8' },
    { name: 'UTF-8 with BOM', bytes: new Uint8Array([0xef, 0xbb, 0xbf, ...new TextEncoder().encode(body)]), encoding: 'utf-8' },
    { name: 'UTF-16 LE with BOM', bytes: utf16(body, true, true), encoding: 'utf-16le' },
    { name: 'UTF-16 BE with BOM', bytes: utf16(body, false, true), encoding: 'utf-16be' },
    { name: 'UTF-16 LE without BOM', bytes: utf16(body, true, false), encoding: 'utf-16le' },
    // Real Latin-1 bytes: "ä" is the single byte 0xE4, which is invalid as UTF-8.
    { name: 'Latin-1', bytes: Uint8Array.from(body, (c) => c.charCodeAt(0)), encoding: 'latin-1' },
  ])('$name', ({ bytes, encoding }) => {
    const decoded = decodeCaptionBytes(bytes);
    expect(decoded.encoding).toBe(encoding);
    expect(decoded.text).toBe(body);
  });

  test('windows-1252 characters in the Latin-1 fallback', () => {
    expect(decodeCaptionBytes(new Uint8Array([0x80, 0x20, 0xe4])).text).toBe('€ ä');
  });
});

describe('parseCaptionFile', () => {
  test('recognises SRT and WebVTT by content', () => {
    const latin1 = parseCaptionFile(Uint8Array.from(body, (c) => c.charCodeAt(0)));
    expect(latin1).toMatchObject({ format: 'srt', encoding: 'latin-1', cues: [{ start: 1, end: 2, text: 'Hyvää päivää' }] });
    const webvtt = parseCaptionFile(new TextEncoder().encode('\uFEFFWEBVTT\n\n00:01.000 --> 00:02.000\nhej\n'));
    expect(webvtt).toMatchObject({ format: 'vtt', encoding: 'utf-8', cues: [{ start: 1, end: 2, text: 'hej' }] });
  });

  test.each([
    { name: 'an empty file', bytes: new Uint8Array(), line: 1, code: 'no_cues' },
    { name: 'a text document', bytes: new TextEncoder().encode('\n\nDear students,\nhere are the captions'), line: 3, code: 'unknown_format' },
    { name: 'a PNG image', bytes: new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13]), line: 1, code: 'unknown_format' },
  ])('refuses $name', ({ bytes, line, code }) => {
    expect(() => parseCaptionFile(bytes)).toThrow(CaptionParseError);
    try {
      parseCaptionFile(bytes);
    } catch (e) {
      expect((e as CaptionParseError).problem).toMatchObject({ line, code });
    }
  });
});
