// SQL of the terms of use: versions, acceptances, and the one query the gate runs per request.
import { sql, type ExpressionBuilder } from 'kysely';
import type { Database } from '../db/schema.js';
import type { Db } from '../db/database.js';
import { TERMS_SETTINGS_KEY } from './terms-policy.js';

export type TermsVersion = { version: number; bodies: { fi: string; sv: string; en: string }; requiresAcceptance: boolean; publishedAt: Date };

type VersionRow = { version: number; body_fi: string; body_sv: string; body_en: string; requires_acceptance: boolean; published_at: Date };
const toVersion = (r: VersionRow): TermsVersion => ({
  version: r.version,
  bodies: { fi: r.body_fi, sv: r.body_sv, en: r.body_en },
  requiresAcceptance: r.requires_acceptance,
  publishedAt: r.published_at,
});
const versionColumns = ['version', 'body_fi', 'body_sv', 'body_en', 'requires_acceptance', 'published_at'] as const;

/** What the gate needs about a user, in one round trip. */
export type GateRow = {
  isDisabled: boolean;
  /** The newest version that requires acceptance; null: nothing to accept. */
  requiredVersion: number | null;
  latestVersion: number | null;
  /** The newest version this user accepted. */
  acceptedVersion: number | null;
  policy: unknown;
};

/**
 * The gate's columns for the user `u` of a query, as select expressions: the session query reads them
 * with the session (src/auth/sessions.ts), so the gate costs no round trip of its own.
 */
export function gateSelections(eb: ExpressionBuilder<Database & { u: Database['users'] }, 'u'>) {
  return [
    eb.ref('u.disabled_at').as('disabled_at'),
    eb.selectFrom('terms_versions').select((e) => e.fn.max('version').as('v')).where('requires_acceptance', '=', true).as('required'),
    eb.selectFrom('terms_versions').select((e) => e.fn.max('version').as('v')).as('latest'),
    eb.selectFrom('terms_acceptances as a').select((e) => e.fn.max('a.version').as('v')).whereRef('a.user_id', '=', 'u.id').as('accepted'),
    eb.selectFrom('app_settings').select('value').where('key', '=', TERMS_SETTINGS_KEY).as('policy'),
  ] as const;
}

type GateColumns = { disabled_at: Date | null; required: number | null; latest: number | null; accepted: number | null; policy: unknown };

/** A session whose user row is gone (row undefined) is treated as disabled: nothing may run in its name. */
export function toGateRow(row: GateColumns | undefined): GateRow {
  if (!row) return { isDisabled: true, requiredVersion: null, latestVersion: null, acceptedVersion: null, policy: null };
  return { isDisabled: row.disabled_at !== null, requiredVersion: row.required ?? null, latestVersion: row.latest ?? null, acceptedVersion: row.accepted ?? null, policy: row.policy };
}

export async function findLatestVersion(db: Db): Promise<TermsVersion | undefined> {
  const row = await db.selectFrom('terms_versions').select(versionColumns).orderBy('version', 'desc').limit(1).executeTakeFirst();
  return row && toVersion(row);
}

/** The next version number; concurrent publishes collide on the primary key and one of them fails. */
export async function insertVersion(db: Db, v: { bodies: TermsVersion['bodies']; requiresAcceptance: boolean; publishedBy: string | null; now: Date }): Promise<TermsVersion> {
  const row = await db
    .insertInto('terms_versions')
    .values({
      version: sql<number>`(SELECT coalesce(max(version), 0) + 1 FROM terms_versions)`,
      body_fi: v.bodies.fi,
      body_sv: v.bodies.sv,
      body_en: v.bodies.en,
      // The first version always requires acceptance: there is nothing earlier to have accepted.
      requires_acceptance: sql<boolean>`${v.requiresAcceptance} OR NOT EXISTS (SELECT 1 FROM terms_versions)`,
      published_at: v.now,
      published_by: v.publishedBy,
    })
    .returning(versionColumns)
    .executeTakeFirstOrThrow();
  return toVersion(row);
}

export async function insertAcceptance(db: Db, a: { userId: string; version: number; now: Date }): Promise<boolean> {
  const r = await db.insertInto('terms_acceptances').values({ user_id: a.userId, version: a.version, accepted_at: a.now }).onConflict((oc) => oc.doNothing()).executeTakeFirst();
  return Number(r.numInsertedOrUpdatedRows ?? 0) > 0;
}

/** When the user accepted this version (if they did), and the newest version they ever accepted. */
export async function findAcceptance(db: Db, userId: string, version: number): Promise<{ at: Date | undefined; latestVersion: number | null }> {
  const rows = await db.selectFrom('terms_acceptances').select(['version', 'accepted_at']).where('user_id', '=', userId).orderBy('version', 'desc').limit(50).execute();
  return { at: rows.find((r) => r.version === version)?.accepted_at, latestVersion: rows[0]?.version ?? null };
}

export type VersionSummary = { version: number; requiresAcceptance: boolean; publishedAt: Date; publishedBy: string | null; acceptances: number };

export async function listVersionSummaries(db: Db): Promise<VersionSummary[]> {
  const rows = await db
    .selectFrom('terms_versions as v')
    .leftJoin('users as u', 'u.id', 'v.published_by')
    .select((eb) => [
      'v.version',
      'v.requires_acceptance',
      'v.published_at',
      'u.name',
      eb.selectFrom('terms_acceptances as a').select((e) => e.fn.countAll<string>().as('n')).whereRef('a.version', '=', 'v.version').as('acceptances'),
    ])
    .orderBy('v.version', 'desc')
    .execute();
  return rows.map((r) => ({ version: r.version, requiresAcceptance: r.requires_acceptance, publishedAt: r.published_at, publishedBy: r.name, acceptances: Number(r.acceptances ?? 0) }));
}
