// Reads a caption upload's body: multipart/form-data from the page's form (fields and one file), or the
// file as the raw body (fetch, curl) with the language in the query and the CSRF token in a header. The
// body is small (a caption file of at most 2 MiB), so it is read whole; multipart per RFC 7578.
import type { RequestHandler } from 'express';
import express from 'express';
import { BadRequestError, PayloadTooLargeError } from '../http/errors.js';

export const MAX_CAPTION_FILE_BYTES = 2 * 1024 * 1024;
/** Room for the form's other fields and the part headers around the file. */
const MULTIPART_SLACK_BYTES = 64 * 1024;

export type CaptionUploadBody = { fields: Record<string, string>; file: { name: string; bytes: Buffer } | undefined };

/** Splits a multipart/form-data body; a text field's value is UTF-8, the file part is kept as bytes. */
export function parseMultipart(body: Buffer, contentType: string): CaptionUploadBody {
  const boundary = /boundary=(?:"([^"]+)"|([^;\s]+))/i.exec(contentType);
  const token = boundary?.[1] ?? boundary?.[2];
  if (!token) throw new BadRequestError('The upload form is malformed (no multipart boundary).', undefined, 'multipart_malformed');
  const delimiter = Buffer.from(`--${token}`);
  const result: CaptionUploadBody = { fields: {}, file: undefined };
  let at = body.indexOf(delimiter);
  while (at !== -1) {
    const start = at + delimiter.length;
    if (body.subarray(start, start + 2).toString() === '--') return result;
    const next = body.indexOf(delimiter, start);
    if (next === -1) break;
    readPart(body.subarray(start + 2, next - 2), result);
    at = next;
  }
  throw new BadRequestError('The upload form is malformed (it ends before its closing boundary).', undefined, 'multipart_malformed');
}

function readPart(part: Buffer, into: CaptionUploadBody): void {
  const headerEnd = part.indexOf('\r\n\r\n');
  if (headerEnd === -1) return;
  const headers = part.subarray(0, headerEnd).toString('utf8');
  const content = part.subarray(headerEnd + 4);
  const disposition = /content-disposition:[^\r\n]*/i.exec(headers)?.[0] ?? '';
  const name = /\bname="([^"]*)"/i.exec(disposition)?.[1];
  const fileName = /\bfilename="([^"]*)"/i.exec(disposition)?.[1];
  if (!name) return;
  if (fileName !== undefined) {
    // A form submitted without choosing a file sends an empty part with an empty file name.
    if (fileName !== '' || content.length > 0) into.file = { name: fileName, bytes: Buffer.from(content) };
  } else into.fields[name] = content.toString('utf8');
}

const readBody = express.raw({ type: () => true, limit: MAX_CAPTION_FILE_BYTES + MULTIPART_SLACK_BYTES });

/** Middleware: leaves the fields in req.body (so requireCsrf sees `_csrf`) and the file in res.locals.captionFile. */
export const readCaptionUpload: RequestHandler = (req, res, next) => {
  readBody(req, res, (err?: unknown) => {
    if (err) return next(err);
    try {
      const raw = Buffer.isBuffer(req.body) ? req.body : Buffer.alloc(0);
      const type = req.headers['content-type'] ?? '';
      const parsed: CaptionUploadBody = /^multipart\/form-data/i.test(type)
        ? parseMultipart(raw, type)
        : { fields: { _csrf: req.get('x-csrf-token') ?? '' }, file: raw.length > 0 ? { name: 'upload', bytes: raw } : undefined };
      if (parsed.file && parsed.file.bytes.length > MAX_CAPTION_FILE_BYTES) throw new PayloadTooLargeError('A caption file may be at most 2 MiB.');
      req.body = parsed.fields;
      res.locals.captionFile = parsed.file;
      next();
    } catch (e) {
      next(e);
    }
  });
};
