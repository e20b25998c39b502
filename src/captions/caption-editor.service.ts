// Caption editor use cases: load a track for editing, save an edit as a new version (refusing to
// overwrite a version the editor did not see), restore an old version, and mark the current version
// reviewed. Each starts by authorizing `caption.edit` on the video.
import { authorize } from '../auth/authorize.js';
import type { Actor } from '../auth/permissions.js';
import type { Db } from '../db/database.js';
import { recordAudit } from '../governance/audit.js';
import { AppError, BadRequestError, NotFoundError, UnauthenticatedError } from '../http/errors.js';
import { loadVideoAccess, type VideoAccess } from '../videos/videos.service.js';
import { CaptionParseError } from './caption-errors.js';
import { prepareEditedCues, toEditorCues, type EditorCue } from './caption-editor-cues.js';
import { listVersionSummaries, lockTrackVersion, readVersion } from './caption-editor.repo.js';
import { findTrack, readCurrentVtt, saveCaptionVersion, setTrackReviewed, type CaptionTrack } from './captions.repo.js';
import type { CaptionSource } from './captions.tables.js';
import type { Cue } from './cue.js';
import { parseVtt } from './vtt.js';

export type EditorDeps = { db: Db; now: () => Date };
type TrackRef = { videoId: string; language: string };

export type EditorState = {
  videoId: string;
  language: string;
  /** 0: no track in this language yet; the first save creates it. */
  version: number;
  source: CaptionSource | null;
  review: { isReviewed: boolean; byName: string | null; at: string | null };
  cues: EditorCue[];
  versions: Array<{ version: number; source: CaptionSource; cueCount: number; createdByName: string | null; createdAt: string }>;
};

/** Someone saved (or restored) a newer version since this editor loaded. HTTP 409. */
export class VersionConflictError extends AppError {
  constructor(currentVersion: number | undefined) {
    super(
      'caption_version_conflict',
      409,
      'These captions were changed elsewhere (in another tab or by another person) since you opened them. Reload to see the newest version; your last change was not saved.',
      undefined,
      currentVersion === undefined ? undefined : { currentVersion },
    );
  }
}

async function authorizeCaptionEdit(db: Db, actor: Actor, videoId: string): Promise<VideoAccess & { userId: string }> {
  const access = await loadVideoAccess(db, actor, videoId);
  authorize(actor, 'caption.edit', access.resource);
  if (actor.kind !== 'user') throw new UnauthenticatedError('Only a person can edit captions');
  return { ...access, userId: actor.userId };
}

/** Cues of stored WebVTT; an empty track (every cue deleted) has none. */
function cuesOfVtt(vtt: string | undefined): Cue[] {
  if (vtt === undefined) return [];
  try {
    return parseVtt(vtt).cues;
  } catch (err) {
    if (err instanceof CaptionParseError && err.problem.code === 'no_cues') return [];
    throw err;
  }
}

async function stateOf(db: Db, ref: TrackRef, track: CaptionTrack | undefined): Promise<EditorState> {
  const base = { videoId: ref.videoId, language: ref.language };
  if (!track) return { ...base, version: 0, source: null, review: { isReviewed: false, byName: null, at: null }, cues: [], versions: [] };
  const [vtt, versions] = await Promise.all([readCurrentVtt(db, track.id), listVersionSummaries(db, track.id)]);
  return {
    ...base,
    version: track.currentVersion,
    source: track.source,
    review: { isReviewed: track.reviewedAt !== null, byName: track.reviewedByName, at: track.reviewedAt?.toISOString() ?? null },
    cues: toEditorCues(cuesOfVtt(vtt)),
    versions: versions.map((v) => ({ ...v, createdAt: v.createdAt.toISOString() })),
  };
}

/** The track as the editor starts with it: an ASR draft or earlier edit, or nothing yet. */
export async function loadEditorState(deps: EditorDeps, actor: Actor, ref: TrackRef): Promise<EditorState & { access: VideoAccess }> {
  const access = await authorizeCaptionEdit(deps.db, actor, ref.videoId);
  return { ...(await stateOf(deps.db, ref, await findTrack(deps.db, ref.videoId, ref.language))), access };
}

async function saveOnBase(deps: EditorDeps, o: TrackRef & { userId: string; baseVersion: number; source: CaptionSource; vtt: string; cueCount: number }): Promise<EditorState> {
  const current = await findTrack(deps.db, o.videoId, o.language);
  if ((current?.currentVersion ?? 0) !== o.baseVersion) throw new VersionConflictError(current?.currentVersion ?? 0);
  await deps.db.transaction().execute(async (tx) => {
    const saved = await saveCaptionVersion(tx, { videoId: o.videoId, language: o.language, source: o.source, vtt: o.vtt, cueCount: o.cueCount, userId: o.userId, now: deps.now() });
    // Another save won the race between the check above and the track's row lock: roll this one back.
    if (saved.version !== o.baseVersion + 1) throw new VersionConflictError(undefined);
  });
  return stateOf(deps.db, o, await findTrack(deps.db, o.videoId, o.language));
}

/** Autosave: the edited cues become a new version (source 'edited'), which clears the review mark. */
export async function saveEditedCaptions(deps: EditorDeps, actor: Actor, input: TrackRef & { baseVersion: number; cues: EditorCue[] }): Promise<EditorState> {
  const { userId } = await authorizeCaptionEdit(deps.db, actor, input.videoId);
  const prepared = prepareEditedCues(input.cues);
  return saveOnBase(deps, { ...input, userId, source: 'edited', vtt: prepared.vtt, cueCount: prepared.cues.length });
}

/** Makes an old version current again, as a new version: history is never rewritten. */
export async function restoreCaptionVersion(deps: EditorDeps, actor: Actor, input: TrackRef & { version: number; baseVersion: number }): Promise<EditorState> {
  const { userId } = await authorizeCaptionEdit(deps.db, actor, input.videoId);
  const track = await findTrack(deps.db, input.videoId, input.language);
  const old = track ? await readVersion(deps.db, track.id, input.version) : undefined;
  if (!old) throw new NotFoundError(`This track has no version ${input.version}`);
  // The restored text keeps its origin: an ASR draft brought back is still automatic until reviewed.
  return saveOnBase(deps, { ...input, userId, source: old.source, vtt: old.vtt, cueCount: cuesOfVtt(old.vtt).length });
}

/** "Mark as reviewed": a person confirms the current version (which must be the one they checked). */
export async function markCaptionsReviewed(deps: EditorDeps, actor: Actor, input: TrackRef & { version?: number | undefined }): Promise<EditorState> {
  const { userId } = await authorizeCaptionEdit(deps.db, actor, input.videoId);
  const track = await findTrack(deps.db, input.videoId, input.language);
  if (!track) throw new NotFoundError('There are no captions in this language to review yet');
  if (input.version !== undefined && input.version !== track.currentVersion) throw new VersionConflictError(track.currentVersion);
  if (cuesOfVtt(await readCurrentVtt(deps.db, track.id)).length === 0) {
    throw new BadRequestError('These captions have no cues: there is nothing to review. Add the captions first.', undefined, 'caption_review_empty');
  }
  const now = deps.now();
  await deps.db.transaction().execute(async (tx) => {
    // A save between the check above and this lock would otherwise be marked reviewed unseen.
    if ((await lockTrackVersion(tx, track.id)) !== track.currentVersion) throw new VersionConflictError(undefined);
    await setTrackReviewed(tx, { trackId: track.id, userId, now });
    await recordAudit(tx, {
      action: 'caption.reviewed',
      actorId: userId,
      subject: { kind: 'video', id: input.videoId },
      details: { language: input.language, version: track.currentVersion, source: track.source },
      at: now,
    });
  });
  return stateOf(deps.db, input, await findTrack(deps.db, input.videoId, input.language));
}
