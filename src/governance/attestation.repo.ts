// SQL of the rights-and-consent statement: its texts per version, and who confirmed it for a video.
import type { Db } from '../db/database.js';
import type { Locale } from '../i18n/define-messages.js';

export type Statement = { version: string; texts: Record<Locale, string>; releasedAt: Date };
export type StatementSummary = Statement & { videoCount: number };
export type VideoAttestation = { userId: string; name: string | null; version: string; acceptedAt: Date };

const toStatement = (row: { version: string; text_fi: string; text_sv: string; text_en: string; released_at: Date }): Statement => ({
  version: row.version,
  texts: { fi: row.text_fi, sv: row.text_sv, en: row.text_en },
  releasedAt: row.released_at,
});

export async function findStatement(db: Db, version: string): Promise<Statement | undefined> {
  const row = await db.selectFrom('attestation_statements').selectAll().where('version', '=', version).executeTakeFirst();
  return row ? toStatement(row) : undefined;
}

/** The newest version: the one uploads confirm. released_at is the database's clock, so it orders publications. */
export async function findCurrentStatement(db: Db): Promise<Statement | undefined> {
  const row = await db.selectFrom('attestation_statements').selectAll().orderBy('released_at', 'desc').orderBy('version', 'desc').limit(1).executeTakeFirst();
  return row ? toStatement(row) : undefined;
}

/** Every version, newest first, with how many videos were attested under it (one scan of the attestations). */
export async function listStatementSummaries(db: Db): Promise<StatementSummary[]> {
  const [rows, counts] = await Promise.all([
    db.selectFrom('attestation_statements').selectAll().orderBy('released_at', 'desc').orderBy('version', 'desc').execute(),
    db.selectFrom('video_attestations').select(['statement_version', (eb) => eb.fn.count<string>('video_id').distinct().as('n')]).groupBy('statement_version').execute(),
  ]);
  const videosBy = new Map(counts.map((c) => [c.statement_version, Number(c.n)]));
  return rows.map((r) => ({ ...toStatement(r), videoCount: videosBy.get(r.version) ?? 0 }));
}

/** Adds a version; false when the name is taken (a version's texts never change after release). */
export async function insertStatement(db: Db, s: { version: string; texts: Record<Locale, string> }): Promise<boolean> {
  const r = await db
    .insertInto('attestation_statements')
    .values({ version: s.version, text_fi: s.texts.fi, text_sv: s.texts.sv, text_en: s.texts.en })
    .onConflict((oc) => oc.column('version').doNothing())
    .executeTakeFirst();
  return Number(r.numInsertedOrUpdatedRows ?? 0) > 0;
}

/** Every confirmation recorded for a video, newest first. */
export async function listVideoAttestations(db: Db, videoId: string): Promise<VideoAttestation[]> {
  return db
    .selectFrom('video_attestations')
    .leftJoin('users', 'users.id', 'video_attestations.user_id')
    .select(['video_attestations.user_id as userId', 'users.name as name', 'video_attestations.statement_version as version', 'video_attestations.accepted_at as acceptedAt'])
    .where('video_attestations.video_id', '=', videoId)
    .orderBy('video_attestations.accepted_at', 'desc')
    .execute();
}

export async function hasAttestation(db: Db, videoId: string): Promise<boolean> {
  const row = await db.selectFrom('video_attestations').select('video_id').where('video_id', '=', videoId).limit(1).executeTakeFirst();
  return row !== undefined;
}

/** Records a confirmation; false when this person already confirmed this version for the video. */
export async function insertAttestation(db: Db, a: { videoId: string; userId: string; version: string }): Promise<boolean> {
  const r = await db
    .insertInto('video_attestations')
    .values({ video_id: a.videoId, user_id: a.userId, statement_version: a.version })
    .onConflict((oc) => oc.doNothing())
    .executeTakeFirst();
  return Number(r.numInsertedOrUpdatedRows ?? 0) > 0;
}
