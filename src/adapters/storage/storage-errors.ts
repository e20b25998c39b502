// Typed storage errors with stable codes; both stores throw the same ones.
import { AppError } from '../../http/errors.js';
import type { MessageKey } from '../../i18n/catalog.js';
import type { StorageMessageKey } from './storage.messages.js';

// The key is typed against our own set; it is a catalog key once storageMessages is listed in catalog.ts.
const key = (k: StorageMessageKey): MessageKey => k as unknown as MessageKey;

/** A key with path tricks (.., absolute, backslash, NUL) or otherwise malformed. */
export class BlobKeyInvalidError extends AppError {
  constructor(reason: string, keyText: string) {
    super('storage_key_invalid', 400, `Invalid storage key ${JSON.stringify(keyText.slice(0, 200))}: ${reason}`, key('storage.key_invalid'));
  }
}

export class BlobNotFoundError extends AppError {
  constructor(keyText: string) {
    super('storage_not_found', 404, `No stored object ${keyText}`, key('storage.not_found'));
  }
}

/** HTTP 416: the range starts past the end (RFC 9110 §15.5.17). `size` lets the caller send Content-Range. */
export class RangeNotSatisfiableError extends AppError {
  constructor(readonly size: number) {
    super('range_not_satisfiable', 416, `The range is outside the object (size ${size})`, key('storage.range_not_satisfiable'), { size });
  }
}
