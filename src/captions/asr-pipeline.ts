// The automatic-captions run of one video: source → 16 kHz mono audio (ffmpeg) → the engine for the
// video's language → words grouped into readable cues → a WebVTT draft (source 'asr', not reviewed).
// A track a person made (uploaded, edited, or reviewed) is never replaced: the draft is then skipped and
// the run says so. Progress is written at each stage; the engines report none of their own.
import { createWriteStream } from 'node:fs';
import { mkdir, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { pipeline } from 'node:stream/promises';
import { chooseRecognizer } from '../adapters/speech/choose-recognizer.js';
import { extractAudioForAsr } from '../adapters/speech/extract-audio.js';
import type { SpeechRecognizer } from '../adapters/speech/speech-recognizer.js';
import type { Db } from '../db/database.js';
import { AppError } from '../http/errors.js';
import { isShutdownAbort } from '../jobs/job-queue.js';
import type { Logger } from '../logger.js';
import type { MediaDeps } from '../media-deps.js';
import { findVideo, type Video } from '../videos/videos.repo.js';
import { findAsrRun, finishAsrRun, markAsrRunning, queueAsrRun, requeueAsrRun, setAsrPercent } from './asr-runs.repo.js';
import { saveAsrDraft } from './asr-draft.js';
import { findTrack } from './captions.repo.js';
import { groupWordsIntoCues } from './cue-grouping.js';
import type { Cue } from './cue.js';
import { serializeVtt } from './vtt.js';

export type AsrDeps = { db: Db; media: Pick<MediaDeps, 'blobStore' | 'speech' | 'transcoder'>; log: Logger; now: () => Date; workRoot?: string };
export type AsrAttempt = { isLastAttempt: boolean; signal?: AbortSignal };
export type AsrOutcome = 'done' | 'skipped' | 'unsupported' | 'failed' | 'stale';

/** A problem no retry can fix: the run fails at once with this code (texts: captions.asr.<code>). */
class AsrStopError extends AppError {
  constructor(code: string, message: string) {
    super(code, 422, message);
  }
}

const isPlayable = (v: Video | undefined): v is Video => !!v && !v.trashed_at && (v.status === 'ready' || v.status === 'published');

export async function runAsrForVideo(deps: AsrDeps, videoId: string, attempt: AsrAttempt): Promise<AsrOutcome> {
  const video = await findVideo(deps.db, videoId);
  if (!isPlayable(video)) {
    deps.log.info({ videoId }, 'asr: nothing to do (video gone, trashed or not processed)');
    return 'stale';
  }
  let run = await findAsrRun(deps.db, videoId);
  if (!run) {
    await queueAsrRun(deps.db, { videoId, language: video.language, requestedBy: null, now: deps.now() });
    run = await findAsrRun(deps.db, videoId);
  }
  // Only a queued run (or a running one whose worker died) is this job's; a finished one was answered.
  if (!run || (run.status !== 'queued' && run.status !== 'running')) return 'stale';
  const choice = chooseRecognizer(run.language, deps.media.speech);
  if (!choice.recognizer) {
    await finishAsrRun(deps.db, { videoId, status: 'unsupported', errorCode: 'speech_language_unsupported', errorMessage: choice.message, now: deps.now() });
    return 'unsupported';
  }
  // Checked again under a lock when the draft is saved; this early check only saves the work.
  if (await hasHumanTrack(deps.db, videoId, choice.language)) return skipForHumanTrack(deps, videoId, choice.language);
  await markAsrRunning(deps.db, { videoId, engine: choice.recognizer.engine, now: deps.now() });
  const workDir = path.join(deps.workRoot ?? os.tmpdir(), 'luento-asr', videoId);
  await rm(workDir, { recursive: true, force: true });
  await mkdir(workDir, { recursive: true });
  try {
    const cues = await recognizeCues(deps, { video, workDir, recognizer: choice.recognizer, language: choice.language, signal: attempt.signal });
    const saved = await saveAsrDraft(deps.db, { videoId, language: choice.language, vtt: serializeVtt(cues), cueCount: cues.length, now: deps.now() });
    if (!saved) return skipForHumanTrack(deps, videoId, choice.language);
    await finishAsrRun(deps.db, { videoId, status: 'done', now: deps.now() });
    deps.log.info({ videoId, language: choice.language, engine: choice.recognizer.engine, cues: cues.length }, 'asr: draft saved');
    return 'done';
  } catch (err) {
    return handleFailure(deps, { videoId, err, attempt });
  } finally {
    await rm(workDir, { recursive: true, force: true, maxRetries: 3 });
  }
}

/** Source → 16 kHz mono WAV → words → cues, writing the percentage after each stage. */
async function recognizeCues(deps: AsrDeps, o: { video: Video; workDir: string; recognizer: SpeechRecognizer; language: string; signal?: AbortSignal }): Promise<Cue[]> {
  const source = await fetchSource(deps, o.video, o.workDir);
  await setAsrPercent(deps.db, o.video.id, 15);
  const ffmpegPath = deps.media.transcoder.describe().ffmpegPath || undefined;
  const audio = await extractAudioForAsr({ input: source, output: path.join(o.workDir, 'audio16k.wav'), ffmpegPath, signal: o.signal });
  await setAsrPercent(deps.db, o.video.id, 30);
  const { words } = await o.recognizer.transcribe(audio.path, o.language, { signal: o.signal });
  await setAsrPercent(deps.db, o.video.id, 90);
  const cues = groupWordsIntoCues(words);
  if (cues.length === 0) throw new AsrStopError('asr_no_speech', 'No speech was recognised in this video.');
  return cues;
}

async function hasHumanTrack(db: Db, videoId: string, language: string): Promise<boolean> {
  const track = await findTrack(db, videoId, language);
  return !!track && (track.source !== 'asr' || track.reviewedAt !== null);
}

async function skipForHumanTrack(deps: AsrDeps, videoId: string, language: string): Promise<AsrOutcome> {
  const errorMessage = 'A person has made or checked the captions in this language; the automatic draft was not saved over them.';
  await finishAsrRun(deps.db, { videoId, status: 'done', errorCode: 'asr_skipped_human_track', errorMessage, now: deps.now() });
  deps.log.info({ videoId, language }, 'asr: draft skipped, a person-made track exists');
  return 'skipped';
}

async function fetchSource(deps: AsrDeps, video: Video, workDir: string): Promise<string> {
  if (!video.source_key) throw new AsrStopError('asr_source_missing', 'The original file of this video is no longer stored, so it cannot be captioned automatically.');
  const ext = /\.[A-Za-z0-9]{1,8}$/.exec(video.source_key)?.[0] ?? '';
  const file = path.join(workDir, `source${ext}`);
  const blob = await deps.media.blobStore.get(video.source_key);
  await pipeline(blob.stream, createWriteStream(file));
  return file;
}

// Engine, model and media problems are not helped by a retry; anything else is, until the last attempt.
const finalCodes = /^(speech_(binary_missing|model_missing|model_invalid|language_unsupported)|media_has_no_audio|audio_extraction_failed|asr_[a-z_]+)$/;

async function handleFailure(deps: AsrDeps, o: { videoId: string; err: unknown; attempt: AsrAttempt }): Promise<AsrOutcome> {
  const code = o.err instanceof AppError ? o.err.code : 'speech_failed';
  if (isShutdownAbort(o.attempt.signal) || (!finalCodes.test(code) && !o.attempt.isLastAttempt)) {
    await requeueAsrRun(deps.db, o.videoId);
    throw o.err;
  }
  const message = o.err instanceof Error ? o.err.message : String(o.err);
  await finishAsrRun(deps.db, { videoId: o.videoId, status: 'failed', errorCode: finalCodes.test(code) ? code : 'speech_failed', errorMessage: message.slice(0, 1000), now: deps.now() });
  deps.log.warn({ err: o.err, videoId: o.videoId, code }, 'asr: run failed');
  return 'failed';
}
