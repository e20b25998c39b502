// BlobStore on any S3-compatible service (AWS, Swift s3api, Ceph RGW, s3rver in tests).
import {
  DeleteObjectsCommand,
  GetObjectCommand,
  HeadObjectCommand,
  ListObjectsV2Command,
  S3Client,
  type _Object,
} from '@aws-sdk/client-s3';
import { getSignedUrl } from '@aws-sdk/s3-request-presigner';
import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { Readable } from 'node:stream';
import { assertBlobKey, assertBlobPrefix, isPrefix } from './blob-key.js';
import { contentTypeForKey, type BlobInfo, type BlobRead, type BlobSource, type BlobStore, type ByteRange } from './blob-store.js';
import { MIN_PART_SIZE, uploadStream } from './s3-upload.js';
import { BlobNotFoundError, RangeNotSatisfiableError } from './storage-errors.js';

export type S3BlobStoreOptions = {
  /** e.g. https://s3.eu-north-1.amazonaws.com or http://127.0.0.1:8080; unset for AWS defaults. */
  endpoint?: string;
  region: string;
  bucket: string;
  accessKeyId: string;
  secretAccessKey: string;
  /** Path-style URLs (endpoint/bucket/key): what Swift, Ceph and s3rver need. Default true. */
  forcePathStyle?: boolean;
  /** A folder inside the bucket for everything of this site ("luento/"), or "". */
  keyPrefix?: string;
  /** The endpoint browsers reach, when it differs from the one the server uses (presigned URLs). */
  publicEndpoint?: string;
  /** Larger objects go up as multipart uploads in parts of this size (≥ 5 MiB). Default 16 MiB. */
  partSizeBytes?: number;
};

type ErrorLike = { name?: string; $metadata?: { httpStatusCode?: number } };
const statusOf = (err: unknown) => (err as ErrorLike).$metadata?.httpStatusCode;

function makeClient(o: S3BlobStoreOptions, endpoint: string | undefined): S3Client {
  return new S3Client({
    endpoint,
    region: o.region,
    forcePathStyle: o.forcePathStyle ?? true,
    credentials: { accessKeyId: o.accessKeyId, secretAccessKey: o.secretAccessKey },
    // SDK releases since 2025 add CRC32 checksums and aws-chunked bodies by default, which many
    // S3-compatible servers reject; send checksums only where the API requires them.
    requestChecksumCalculation: 'WHEN_REQUIRED',
    responseChecksumValidation: 'WHEN_REQUIRED',
  });
}

export class S3BlobStore implements BlobStore {
  private readonly client: S3Client;
  private readonly presigner: S3Client;
  private readonly bucket: string;
  private readonly keyPrefix: string;
  private readonly partSize: number;

  constructor(options: S3BlobStoreOptions) {
    this.client = makeClient(options, options.endpoint);
    this.presigner = options.publicEndpoint ? makeClient(options, options.publicEndpoint) : this.client;
    this.bucket = options.bucket;
    this.keyPrefix = assertBlobPrefix(options.keyPrefix ?? '', { allowRoot: true });
    this.partSize = options.partSizeBytes ?? 16 * 1024 * 1024;
    if (this.partSize < MIN_PART_SIZE) throw new RangeError(`partSizeBytes must be at least ${MIN_PART_SIZE} (S3's minimum part size)`);
  }

  /** Closes the HTTP connections. */
  close(): void {
    this.client.destroy();
    if (this.presigner !== this.client) this.presigner.destroy();
  }

  async put(key: string, source: BlobSource, opts: { contentType?: string } = {}): Promise<BlobInfo> {
    const Key = this.keyPrefix + assertBlobKey(key);
    const stream = 'file' in source ? createReadStream(source.file) : 'bytes' in source ? Readable.from([Buffer.from(source.bytes)]) : source.stream;
    const contentType = opts.contentType ?? contentTypeForKey(key);
    await uploadStream({ client: this.client, bucket: this.bucket, key: Key, contentType, stream, partSize: this.partSize });
    const head = await this.client.send(new HeadObjectCommand({ Bucket: this.bucket, Key }));
    return { key, size: head.ContentLength ?? 0, etag: head.ETag ?? '' };
  }

  private async sizeOf(Key: string): Promise<number> {
    const head = await this.client.send(new HeadObjectCommand({ Bucket: this.bucket, Key }));
    return head.ContentLength ?? 0;
  }

  async get(key: string, range?: ByteRange): Promise<BlobRead> {
    const Key = this.keyPrefix + assertBlobKey(key);
    const Range = !range ? undefined : 'suffix' in range ? `bytes=-${range.suffix}` : `bytes=${range.start}-${range.end ?? ''}`;
    try {
      const res = await this.client.send(new GetObjectCommand({ Bucket: this.bucket, Key, Range }));
      const contentRange = /^bytes (\d+)-(\d+)\/(\d+)$/.exec(res.ContentRange ?? '');
      const size = contentRange ? Number(contentRange[3]) : (res.ContentLength ?? 0);
      return {
        key,
        size,
        etag: res.ETag ?? '',
        contentType: res.ContentType ?? contentTypeForKey(key),
        range: contentRange ? { start: Number(contentRange[1]), end: Number(contentRange[2]) } : null,
        stream: res.Body as Readable,
      };
    } catch (err) {
      if ((err as ErrorLike).name === 'NoSuchKey' || statusOf(err) === 404) throw new BlobNotFoundError(key);
      if ((err as ErrorLike).name === 'InvalidRange' || statusOf(err) === 416) throw new RangeNotSatisfiableError(await this.sizeOf(Key));
      throw err;
    }
  }

  private async *pages(fullPrefix: string): AsyncGenerator<_Object[]> {
    let ContinuationToken: string | undefined;
    do {
      const page = await this.client.send(new ListObjectsV2Command({ Bucket: this.bucket, Prefix: fullPrefix, ContinuationToken }));
      yield page.Contents ?? [];
      ContinuationToken = page.IsTruncated ? page.NextContinuationToken : undefined;
    } while (ContinuationToken);
  }

  async list(prefix: string): Promise<BlobInfo[]> {
    const full = this.keyPrefix + assertBlobPrefix(prefix, { allowRoot: true });
    const infos: BlobInfo[] = [];
    for await (const page of this.pages(full)) {
      for (const o of page) if (o.Key) infos.push({ key: o.Key.slice(this.keyPrefix.length), size: o.Size ?? 0, etag: o.ETag ?? '' });
    }
    return infos.sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
  }

  async delete(keyOrPrefix: string): Promise<number> {
    if (!isPrefix(keyOrPrefix)) {
      const Key = this.keyPrefix + assertBlobKey(keyOrPrefix);
      const exists = await this.sizeOf(Key).then(() => true, (err: unknown) => (statusOf(err) === 404 ? false : Promise.reject(err)));
      if (exists) await this.deleteKeys([Key]);
      return exists ? 1 : 0;
    }
    const full = this.keyPrefix + assertBlobPrefix(keyOrPrefix, { allowRoot: false });
    let count = 0;
    // A page holds at most 1000 keys, DeleteObjects' limit too. Listing goes on from the token, so
    // deleting while paging does not skip keys.
    for await (const page of this.pages(full)) {
      const keys = page.flatMap((o) => (o.Key ? [o.Key] : []));
      if (keys.length) count += await this.deleteKeys(keys);
    }
    return count;
  }

  private async deleteKeys(keys: string[]): Promise<number> {
    const command = new DeleteObjectsCommand({ Bucket: this.bucket, Delete: { Objects: keys.map((Key) => ({ Key })), Quiet: true } });
    // S3 requires an integrity header on DeleteObjects. The SDK now sends a CRC32 checksum, which
    // Swift's s3api and older S3 servers do not know; they require Content-MD5, so send that too.
    command.middlewareStack.add(
      (next) => async (args) => {
        const request = args.request as { headers?: Record<string, string>; body?: unknown };
        if (request.headers && typeof request.body === 'string') request.headers['content-md5'] = createHash('md5').update(request.body).digest('base64');
        return next(args);
      },
      { step: 'build', name: 'luentoContentMd5' },
    );
    const res = await this.client.send(command);
    const failed = res.Errors ?? [];
    if (failed.length) throw new Error(`S3 could not delete ${failed.length} objects, first ${failed[0]?.Key}: ${failed[0]?.Code} ${failed[0]?.Message}`);
    return keys.length;
  }

  async signedUrl(key: string, ttlSeconds: number): Promise<string> {
    const Key = this.keyPrefix + assertBlobKey(key);
    return getSignedUrl(this.presigner, new GetObjectCommand({ Bucket: this.bucket, Key }), { expiresIn: ttlSeconds });
  }
}
