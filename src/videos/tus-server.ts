// The tus server (https://tus.io/protocols/resumable-upload, 1.0.0): a file store under the upload
// folder, or the S3 store in S3 mode. The upload id is the video id, so every request names the video
// it writes to; who may send it is checked before a request reaches tus (upload.routes.ts).
import { FileStore } from '@tus/file-store';
import { S3Store } from '@tus/s3-store';
import { EVENTS, Server, type DataStore, type Upload } from '@tus/server';
import type { MediaConfig } from '../config-media.js';
import { AppError } from '../http/errors.js';
import type { Logger } from '../logger.js';
import { checkDeclaredLength, finishUpload, recordUploadProgress, type FinishDeps, type UploadSource } from './upload.service.js';
import { findVideo } from './videos.repo.js';
import type { UploadLimits } from './videos.service.js';

export const UPLOAD_PATH = '/uploads';
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** What tus sends back: its hooks understand thrown objects with status_code and body. */
export class TusRefusal extends Error {
  constructor(
    readonly status_code: number,
    readonly body: string,
  ) {
    super(body);
  }
}

export function isVideoId(id: string | null | undefined): id is string {
  return typeof id === 'string' && UUID.test(id);
}

/** A tus data store that can also hand back a finished upload's bytes (both the file and the S3 store can). */
export type UploadStore = DataStore & UploadSource;

export function createUploadStore(media: Pick<MediaConfig, 'storage' | 'uploadDir'>): UploadStore {
  const s = media.storage;
  if (s.driver === 'local') return new FileStore({ directory: media.uploadDir });
  return new S3Store({
    partSize: s.partSizeBytes,
    s3ClientConfig: {
      bucket: s.bucket,
      region: s.region,
      endpoint: s.endpoint,
      forcePathStyle: s.forcePathStyle,
      credentials: { accessKeyId: s.accessKeyId, secretAccessKey: s.secretAccessKey },
    },
  });
}

function refusalOf(err: unknown): TusRefusal {
  if (err instanceof TusRefusal) return err;
  if (err instanceof AppError && err.status < 500) return new TusRefusal(err.status, `${err.message}\n`);
  return new TusRefusal(500, 'The upload could not be saved; it has been logged. Try resuming it in a moment.\n');
}

export type TusServerOptions = FinishDeps & { store: UploadStore; limits: UploadLimits; log: Logger };

export function createTusServer(opts: TusServerOptions): Server {
  const { db, log, limits, store } = opts;
  const lastProgress = new Map<string, number>();
  const server = new Server({
    path: UPLOAD_PATH,
    datastore: store,
    relativeLocation: true,
    maxSize: limits.maxUploadBytes,
    // Progress events (at most one a minute per upload) keep the abandoned-upload sweep away.
    postReceiveInterval: 60_000,
    namingFunction: (_req, metadata) => {
      const id = metadata?.videoId;
      if (!isVideoId(id)) throw new TusRefusal(400, 'The upload must name its video (Upload-Metadata videoId)\n');
      return id;
    },
    async onUploadCreate(_req, upload: Upload) {
      try {
        const video = await findVideo(db, upload.id);
        if (!video) throw new TusRefusal(404, 'No upload is waiting for this video\n');
        checkDeclaredLength(video, upload.size, limits);
        // A second creation for the same video is a client that lost our answer: allow it only while nothing was written.
        const existing = await store.getUpload(upload.id).catch(() => undefined);
        if (existing && existing.offset > 0) throw new TusRefusal(409, 'This upload has already started; resume it instead of starting it again\n');
        return {};
      } catch (err) {
        const refusal = refusalOf(err);
        log.warn({ videoId: upload.id, status: refusal.status_code, reason: refusal.body.trim() }, 'tus upload refused');
        throw refusal;
      }
    },
    async onUploadFinish(_req, upload: Upload) {
      try {
        await finishUpload(opts, store, { id: upload.id, fileName: upload.metadata?.filename });
        return {};
      } catch (err) {
        log.error({ err, videoId: upload.id }, 'finishing an upload failed');
        throw refusalOf(err);
      }
    },
    onResponseError(_req, err) {
      if ('status_code' in err && err.status_code === 413 && !(err instanceof TusRefusal))
        return { status_code: 413, body: `The file is larger than the largest allowed upload (${limits.maxUploadBytes} bytes)\n` };
      return undefined;
    },
  });
  server.on(EVENTS.POST_RECEIVE, (_req, upload: Upload) => {
    const now = Date.now();
    if (now - (lastProgress.get(upload.id) ?? 0) < 60_000) return;
    lastProgress.set(upload.id, now);
    recordUploadProgress(db, upload.id).catch((err: unknown) => log.warn({ err }, 'upload progress not recorded'));
  });
  server.on(EVENTS.POST_FINISH, (_req, _res, upload: Upload) => lastProgress.delete(upload.id));
  return server;
}
