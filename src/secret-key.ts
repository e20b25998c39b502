// The site secret signs tokens and encrypts stored private keys. Production sets SECRET_KEY; in
// development one is generated once and kept in DATA_DIR, so no secret ever lives in the repository.
import { randomBytes } from 'node:crypto';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';

export async function resolveSecretKey(opts: { configured: string | undefined; dataDir: string }): Promise<string> {
  if (opts.configured) return opts.configured;
  const file = path.join(opts.dataDir, 'secret.key');
  try {
    const existing = (await readFile(file, 'utf8')).trim();
    if (existing.length >= 32) return existing;
  } catch {
    // not there yet
  }
  await mkdir(opts.dataDir, { recursive: true });
  const key = randomBytes(48).toString('base64url');
  await writeFile(file, `${key}\n`, { mode: 0o600, flag: 'w' });
  return key;
}
