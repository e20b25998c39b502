// The tool's RSA keys: generated on first use, the private half stored encrypted, the public half
// published at /lti/jwks. Rotation adds a key and keeps the old kid published for a grace period.
import { randomUUID } from 'node:crypto';
import { exportJWK, exportPKCS8, generateKeyPair, importPKCS8, type CryptoKey, type JWK } from 'jose';
import { sql } from 'kysely';
import type { Db } from '../db/database.js';
import { decryptSecret, deriveKey, encryptSecret } from './secret-box.js';

export type SigningKey = { kid: string; privateKey: CryptoKey };
export type ToolKeys = {
  /** The newest key; generates one when there is none. */
  signingKey: () => Promise<SigningKey>;
  /** Public keys of every key not yet retired. */
  jwks: () => Promise<{ keys: JWK[] }>;
  rotate: () => Promise<{ newKid: string; retiringKids: string[] }>;
  /** Deletes keys whose grace period has ended; returns their kids. */
  retireExpired: () => Promise<string[]>;
};

export async function generateRsaKey(): Promise<{ kid: string; publicJwk: JWK; pkcs8: string }> {
  const { publicKey, privateKey } = await generateKeyPair('RS256', { modulusLength: 2048, extractable: true });
  const kid = randomUUID();
  const publicJwk = { ...(await exportJWK(publicKey)), kid, alg: 'RS256', use: 'sig' };
  return { kid, publicJwk, pkcs8: await exportPKCS8(privateKey) };
}

export function createToolKeys(opts: { db: Db; secretKey: string; graceDays: number; now: () => Date }): ToolKeys {
  const boxKey = deriveKey(opts.secretKey, 'lti-tool-keys');
  // Decrypting and importing costs ~1 ms; launches and deep links sign often, so keep the imported key.
  let cached: SigningKey | undefined;

  async function insertNewKey(): Promise<string> {
    const k = await generateRsaKey();
    await opts.db
      .insertInto('lti_tool_keys')
      .values({ kid: k.kid, public_jwk: JSON.stringify(k.publicJwk), private_key_enc: encryptSecret(boxKey, k.pkcs8), retire_at: null })
      .execute();
    return k.kid;
  }

  async function newestKey(): Promise<{ kid: string; private_key_enc: string } | undefined> {
    return opts.db.selectFrom('lti_tool_keys').select(['kid', 'private_key_enc']).where('retire_at', 'is', null).orderBy('created_at', 'desc').limit(1).executeTakeFirst();
  }

  async function signingKey(): Promise<SigningKey> {
    let row = await newestKey();
    if (!row) {
      // Two processes starting together must not both create a first key: serialize on an advisory lock.
      await opts.db.transaction().execute(async (trx) => {
        await sql`SELECT pg_advisory_xact_lock(7310042010)`.execute(trx);
        const again = await trx.selectFrom('lti_tool_keys').select('kid').where('retire_at', 'is', null).executeTakeFirst();
        if (!again) {
          const k = await generateRsaKey();
          await trx
            .insertInto('lti_tool_keys')
            .values({ kid: k.kid, public_jwk: JSON.stringify(k.publicJwk), private_key_enc: encryptSecret(boxKey, k.pkcs8), retire_at: null })
            .execute();
        }
      });
      row = await newestKey();
    }
    if (!row) throw new Error('No tool key after generating one');
    if (cached?.kid !== row.kid) cached = { kid: row.kid, privateKey: await importPKCS8(decryptSecret(boxKey, row.private_key_enc), 'RS256') };
    return cached;
  }

  return {
    signingKey,
    async jwks() {
      // The LMS fetches the JWKS before Luento ever signs: make the first key now if there is none.
      if (!(await newestKey())) await signingKey();
      const rows = await opts.db
        .selectFrom('lti_tool_keys')
        .select('public_jwk')
        .where((eb) => eb.or([eb('retire_at', 'is', null), eb('retire_at', '>', opts.now())]))
        .orderBy('created_at', 'desc')
        .execute();
      return { keys: rows.map((r) => r.public_jwk) };
    },
    async rotate() {
      const retireAt = new Date(opts.now().getTime() + opts.graceDays * 86_400_000);
      const retiring = await opts.db.updateTable('lti_tool_keys').set({ retire_at: retireAt }).where('retire_at', 'is', null).returning('kid').execute();
      const newKid = await insertNewKey();
      cached = undefined;
      return { newKid, retiringKids: retiring.map((r) => r.kid) };
    },
    async retireExpired() {
      const gone = await opts.db.deleteFrom('lti_tool_keys').where('retire_at', '<=', opts.now()).returning('kid').execute();
      return gone.map((r) => r.kid);
    },
  };
}
