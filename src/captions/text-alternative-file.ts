// Which transcript documents are accepted as a text alternative, decided from the bytes, not from the
// name or the browser's Content-Type: plain text (UTF-8), PDF, Word (.docx) and OpenDocument text (.odt).
// HTML is refused: a document that a browser would run is not worth the risk, even served as attachment.
import { BadRequestError, PayloadTooLargeError } from '../http/errors.js';

export const MAX_TEXT_ALTERNATIVE_BYTES = 10 * 1024 * 1024;

export type DocumentKind = { ext: 'txt' | 'pdf' | 'docx' | 'odt'; contentType: string };

const kinds = {
  txt: { ext: 'txt', contentType: 'text/plain; charset=utf-8' },
  pdf: { ext: 'pdf', contentType: 'application/pdf' },
  docx: { ext: 'docx', contentType: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document' },
  odt: { ext: 'odt', contentType: 'application/vnd.oasis.opendocument.text' },
} as const satisfies Record<string, DocumentKind>;

export const allowedExtensions = Object.keys(kinds) as Array<keyof typeof kinds>;

/** The names of a ZIP archive's entries, from its central directory (APPNOTE 4.3.12, 4.3.16). */
export function zipEntryNames(b: Buffer): string[] | undefined {
  // The end-of-central-directory record is in the last 22 + 65,535 bytes (its comment is at most 64 KiB).
  const from = Math.max(0, b.length - 22 - 0xffff);
  const eocd = b.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
  if (eocd < from || eocd + 22 > b.length) return undefined;
  const count = b.readUInt16LE(eocd + 10);
  let at = b.readUInt32LE(eocd + 16);
  const names: string[] = [];
  for (let i = 0; i < count; i++) {
    if (at + 46 > b.length || b.readUInt32LE(at) !== 0x02014b50) return undefined;
    const nameLength = b.readUInt16LE(at + 28);
    const extra = b.readUInt16LE(at + 30);
    const comment = b.readUInt16LE(at + 32);
    if (at + 46 + nameLength > b.length) return undefined;
    names.push(b.subarray(at + 46, at + 46 + nameLength).toString('utf8'));
    at += 46 + nameLength + extra + comment;
  }
  return names;
}

const isZip = (b: Buffer) => b.length >= 30 && b.readUInt32LE(0) === 0x04034b50;

// ODF 1.2 part 3, §3.3: the first entry is "mimetype", stored uncompressed, holding the media type.
function isOdt(b: Buffer): boolean {
  if (!isZip(b) || b.readUInt16LE(26) !== 8 || b.subarray(30, 38).toString('latin1') !== 'mimetype') return false;
  const data = 38 + b.readUInt16LE(28);
  return b.subarray(data, data + kinds.odt.contentType.length).toString('latin1') === kinds.odt.contentType;
}

function isDocx(b: Buffer): boolean {
  if (!isZip(b)) return false;
  const names = zipEntryNames(b);
  return !!names && names.includes('[Content_Types].xml') && names.includes('word/document.xml');
}

function isUtf8Text(b: Buffer): boolean {
  if (b.includes(0)) return false;
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(b);
    return true;
  } catch {
    return false;
  }
}

const looksLikeHtml = (b: Buffer) => /^\s*(<!doctype html|<html|<head|<body|<script|<svg)/i.test(b.subarray(0, 512).toString('utf8').replace(/^\uFEFF/, ''));

/** What the bytes are, if they are an allowed document whose name says the same; otherwise a clear 400. */
export function detectDocument(fileName: string, b: Buffer): DocumentKind {
  const ext = /\.([a-z0-9]+)$/i.exec(fileName)?.[1]?.toLowerCase() ?? '';
  const allowed = allowedExtensions.map((e) => `.${e}`).join(', ');
  if (b.length === 0) throw new BadRequestError('The file is empty. Choose the transcript document to upload.', undefined, 'text_alternative_empty');
  if (b.length > MAX_TEXT_ALTERNATIVE_BYTES) throw new PayloadTooLargeError(`A transcript document may be at most ${MAX_TEXT_ALTERNATIVE_BYTES / 1024 / 1024} MiB.`);
  if (!(allowedExtensions as string[]).includes(ext)) throw new BadRequestError(`“${fileName}” is not an accepted document type. Upload one of: ${allowed}.`, undefined, 'text_alternative_type');
  const matches: Record<keyof typeof kinds, (x: Buffer) => boolean> = {
    txt: (x) => isUtf8Text(x) && !looksLikeHtml(x),
    pdf: (x) => x.subarray(0, 5).toString('latin1') === '%PDF-',
    docx: isDocx,
    odt: isOdt,
  };
  const kind = ext as keyof typeof kinds;
  if (!matches[kind](b)) {
    const why = kind === 'txt' ? 'it is not plain UTF-8 text' : `its content is not a valid ${kind.toUpperCase()} document`;
    throw new BadRequestError(`“${fileName}” was refused: the name ends in .${kind}, but ${why}. Upload one of: ${allowed}.`, undefined, 'text_alternative_content');
  }
  return kinds[kind];
}

/** A file name safe to store and to send back in Content-Disposition: no path, no control characters. */
export function cleanFileName(name: string, ext: string): string {
  const last = name.split(/[\\/]/).pop() ?? '';
  const base = [...last].filter((c) => c.charCodeAt(0) >= 0x20 && c.charCodeAt(0) !== 0x7f && c !== '"').join('').trim().slice(0, 200);
  return base || `transcript.${ext}`;
}
