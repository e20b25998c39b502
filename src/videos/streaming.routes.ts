// GET /media/<token>/<videoId>/<path>: the bytes of one video (playlists, segments, poster,
// storyboard; source/ with a download token). The token sits in the path so the relative URIs inside
// HLS playlists carry it without rewriting (docs/design/videos.md). Checking it needs no database
// query. Local disk: the app sends the bytes with Range, ETag and Cache-Control. S3: playlists are
// rewritten to presigned segment URLs, and other files redirect to a presigned URL.
import { Router, type Request, type Response } from 'express';
import { resolveRange, type BlobRead, type BlobStore } from '../adapters/storage/blob-store.js';
import { RangeNotSatisfiableError } from '../adapters/storage/storage-errors.js';
import { MediaRefusedError, type MediaBlockCheck } from '../governance/media-block-list.js';
import type { HotMediaCache, HotMedia } from './hot-media-cache.js';
import type { MediaTokenClaims, MediaTokenKey } from './media-token.js';
import { verifyMediaToken } from './media-token.js';
import { cacheControlFor, matchesEtag, parseRangeHeader, resolveMediaPath, type MediaPath } from './streaming-http.js';
import { rewritePlaylist } from './streaming-playlist.js';
import { verifyDownloadToken } from './streaming-tokens.js';

export type StreamingDeps = {
  blobStore: BlobStore;
  mediaTokenKey: MediaTokenKey;
  ttlSeconds: number;
  now: () => Date;
  /**
   * Local disk behind nginx: after the checks, answer with `X-Accel-Redirect: <prefix><key>` and let
   * nginx send the bytes (sendfile, Range, ETag) from an `internal` location aliased to the storage
   * root. Unset: the app sends the bytes itself.
   */
  accelRedirectPrefix?: string;
  /**
   * Videos taken down, trashed or purged, and disabled viewers: in-memory lists, no query
   * (src/governance/media-block-list.ts explains why). Unset: nothing is blocked (benchmarks, unit tests).
   */
  blocks?: MediaBlockCheck;
  /** Local disk without nginx: hot segments, playlists and images from memory (hot-media-cache.ts). */
  hotCache?: HotMediaCache;
};

function sendBlob(res: Response, blob: BlobRead, opts: { cacheControl: string; isDownload: boolean }): void {
  res.setHeader('Content-Type', blob.contentType);
  res.setHeader('Accept-Ranges', 'bytes');
  res.setHeader('ETag', blob.etag);
  res.setHeader('Cache-Control', opts.cacheControl);
  if (opts.isDownload) res.setHeader('Content-Disposition', 'attachment');
  if (blob.range) {
    res.status(206).setHeader('Content-Range', `bytes ${blob.range.start}-${blob.range.end}/${blob.size}`);
    res.setHeader('Content-Length', String(blob.range.end - blob.range.start + 1));
  } else res.status(200).setHeader('Content-Length', String(blob.size));
  if (res.req.method === 'HEAD') {
    blob.stream.destroy();
    res.end();
    return;
  }
  blob.stream.on('error', (err) => res.destroy(err));
  blob.stream.pipe(res);
}

/** Cached bytes, with the same headers, Range and ETag handling as sendBlob. */
function sendHot(req: Request, res: Response, hot: HotMedia, cacheControl: string): void {
  res.setHeader('Content-Type', hot.contentType);
  res.setHeader('Accept-Ranges', 'bytes');
  res.setHeader('ETag', hot.etag);
  res.setHeader('Cache-Control', cacheControl);
  if (matchesEtag(req.headers['if-none-match'], hot.etag)) {
    res.status(304).end();
    return;
  }
  const wanted = parseRangeHeader(req.headers.range);
  const range = wanted ? resolveRange(wanted, hot.size) : null;
  if (range === 'unsatisfiable') {
    res.setHeader('Content-Range', `bytes */${hot.size}`);
    throw new RangeNotSatisfiableError(hot.size);
  }
  const body = range ? hot.bytes.subarray(range.start, range.end + 1) : hot.bytes;
  if (range) res.status(206).setHeader('Content-Range', `bytes ${range.start}-${range.end}/${hot.size}`);
  else res.status(200);
  res.setHeader('Content-Length', String(body.length));
  res.end(req.method === 'HEAD' ? undefined : body);
}

async function servePlaylist(deps: StreamingDeps, res: Response, media: MediaPath, videoId: string): Promise<void> {
  const blob = await deps.blobStore.get(media.key);
  const chunks: Buffer[] = [];
  for await (const c of blob.stream) chunks.push(c as Buffer);
  const text = await rewritePlaylist({ text: Buffer.concat(chunks).toString('utf8'), playlistKey: media.key, allowedPrefix: `videos/${videoId}/hls/`, sign: (k) => deps.blobStore.signedUrl(k, deps.ttlSeconds) });
  res.status(200).setHeader('Content-Type', blob.contentType).setHeader('Cache-Control', 'no-cache').send(text);
}

/**
 * Checks a media request: the token (signature, type, expiry, video), then the block list. Verified
 * tokens are remembered until they expire: a player fetches dozens of segments with one token, and an
 * HMAC check per segment is work (on the libuv thread pool, next to the file reads) that proves nothing
 * new. The block list is asked on every request, remembered token or not, so a takedown, a trash or a
 * disabled account applies to tokens already out. No query either way. Bounded: the memory is cleared
 * when it grows past `max` entries.
 */
export function createMediaAccessCheck(deps: Pick<StreamingDeps, 'mediaTokenKey' | 'now' | 'blocks'>, max = 10_000) {
  const verified = new Map<string, MediaTokenClaims>();
  const verify = async (token: string, videoId: string, isDownload: boolean): Promise<MediaTokenClaims> => {
    const key = `${isDownload ? 'dl' : 'm'}|${videoId}|${token}`;
    const now = deps.now();
    const known = verified.get(key);
    if (known && now.getTime() < known.expiresAt) return known;
    verified.delete(key);
    const claims = isDownload ? await verifyDownloadToken(deps.mediaTokenKey, token, { videoId, now }) : await verifyMediaToken(deps.mediaTokenKey, token, { videoId, now });
    if (verified.size >= max) verified.clear();
    verified.set(key, claims);
    return claims;
  };
  return async (token: string, videoId: string, isDownload: boolean): Promise<MediaTokenClaims> => {
    const claims = await verify(token, videoId, isDownload);
    const refusal = deps.blocks?.refusalFor(videoId, claims.viewerId) ?? null;
    if (refusal) throw new MediaRefusedError(refusal, { videoId, viewerId: claims.viewerId });
    return claims;
  };
}

export function streamingRoutes(deps: StreamingDeps): Router {
  const r = Router();
  const checkAccess = createMediaAccessCheck(deps);
  r.get('/media/:token/:videoId/*path', async (req, res) => {
    const { token, videoId } = req.params;
    const segments = ([] as string[]).concat(req.params.path);
    const isSource = segments[0] === 'source';
    // The token first: without a valid one nothing is revealed, not even whether a file exists. Then
    // the block list: a takedown, a trash or a disabled account outlives the tokens already handed out.
    await checkAccess(token, videoId, isSource);
    const media = resolveMediaPath(videoId, segments);
    const cacheControl = cacheControlFor(media.kind, deps.ttlSeconds);
    // S3 mode (the store can sign URLs): the bytes come from S3; only playlists pass through here.
    const signed = media.kind === 'playlist' ? null : await deps.blobStore.signedUrl(media.key, deps.ttlSeconds);
    if (signed) {
      res.setHeader('Cache-Control', 'private, no-store');
      return res.redirect(302, signed);
    }
    if (media.kind === 'playlist' && (await deps.blobStore.signedUrl(media.key, deps.ttlSeconds)) !== null) return servePlaylist(deps, res, media, videoId);
    if (deps.accelRedirectPrefix) {
      // Keys are made of checked segments only (resolveMediaPath), so they need no escaping here.
      res.setHeader('Cache-Control', cacheControl);
      if (media.kind === 'source') res.setHeader('Content-Disposition', 'attachment');
      res.status(200).setHeader('X-Accel-Redirect', `${deps.accelRedirectPrefix}${media.key}`).end();
      return;
    }
    if (deps.hotCache && media.kind !== 'source') {
      const hot = await deps.hotCache.read(media.key, () => deps.blobStore.get(media.key));
      if (hot) return sendHot(req, res, hot, cacheControl);
    }
    let blob: BlobRead;
    try {
      blob = await deps.blobStore.get(media.key, parseRangeHeader(req.headers.range));
    } catch (err) {
      if (err instanceof RangeNotSatisfiableError) res.setHeader('Content-Range', `bytes */${err.size}`);
      throw err;
    }
    if (matchesEtag(req.headers['if-none-match'], blob.etag)) {
      blob.stream.destroy();
      res.status(304).setHeader('ETag', blob.etag).setHeader('Cache-Control', cacheControl).end();
      return;
    }
    sendBlob(res, blob, { cacheControl, isDownload: media.kind === 'source' });
  });
  return r;
}
