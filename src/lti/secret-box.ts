// AES-256-GCM with a key derived from the site secret (HKDF-SHA256, one key per purpose), for private
// keys at rest. The output is "v1.<iv>.<tag>.<ciphertext>" in base64url, so the format can evolve.
import { createCipheriv, createDecipheriv, hkdfSync, randomBytes } from 'node:crypto';

export function deriveKey(secret: string, purpose: string): Buffer {
  return Buffer.from(hkdfSync('sha256', secret, 'luento', purpose, 32));
}

export function encryptSecret(key: Buffer, plain: string): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', key, iv);
  const data = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
  return ['v1', iv.toString('base64url'), cipher.getAuthTag().toString('base64url'), data.toString('base64url')].join('.');
}

export class SecretBoxError extends Error {
  readonly code = 'secret_box_failed';
}

export function decryptSecret(key: Buffer, boxed: string): string {
  const [version, iv, tag, data] = boxed.split('.');
  if (version !== 'v1' || !iv || !tag || data === undefined) throw new SecretBoxError('Unknown encrypted-secret format');
  try {
    const decipher = createDecipheriv('aes-256-gcm', key, Buffer.from(iv, 'base64url'));
    decipher.setAuthTag(Buffer.from(tag, 'base64url'));
    return Buffer.concat([decipher.update(Buffer.from(data, 'base64url')), decipher.final()]).toString('utf8');
  } catch {
    // A changed SECRET_KEY is the usual cause; say so rather than "unsupported state".
    throw new SecretBoxError('Cannot decrypt a stored key: was SECRET_KEY changed?');
  }
}
