// Uploads of any size without @aws-sdk/lib-storage: a stream is cut into parts of partSize bytes; one part
// becomes a single PutObject, more become a multipart upload (aborted on any error, so no invisible
// parts are left to be billed). Parts go up one at a time: memory stays at one part per upload.
import {
  AbortMultipartUploadCommand,
  CompleteMultipartUploadCommand,
  CreateMultipartUploadCommand,
  PutObjectCommand,
  UploadPartCommand,
  type S3Client,
} from '@aws-sdk/client-s3';
import type { Readable } from 'node:stream';

/** S3's smallest part (except the last); Swift's s3api and AWS both enforce it. */
export const MIN_PART_SIZE = 5 * 1024 * 1024;

/** Yields buffers of exactly `size` bytes, then the remainder (possibly empty for an empty stream). */
export async function* readParts(stream: Readable, size: number): AsyncGenerator<Buffer> {
  let pending: Buffer[] = [];
  let pendingBytes = 0;
  for await (const chunk of stream) {
    let buf = Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk as Uint8Array);
    while (pendingBytes + buf.length >= size) {
      const take = size - pendingBytes;
      pending.push(buf.subarray(0, take));
      yield Buffer.concat(pending);
      buf = buf.subarray(take);
      pending = [];
      pendingBytes = 0;
    }
    if (buf.length) {
      pending.push(buf);
      pendingBytes += buf.length;
    }
  }
  yield Buffer.concat(pending);
}

type Target = { client: S3Client; bucket: string; key: string; contentType: string };

async function uploadMultipart(t: Target, first: Buffer, rest: AsyncIterator<Buffer>): Promise<string | undefined> {
  const created = await t.client.send(new CreateMultipartUploadCommand({ Bucket: t.bucket, Key: t.key, ContentType: t.contentType }));
  const uploadId = created.UploadId;
  const parts: Array<{ ETag: string | undefined; PartNumber: number }> = [];
  try {
    let part: Buffer | undefined = first;
    while (part) {
      const PartNumber = parts.length + 1;
      // The last part may be empty when the size is an exact multiple of partSize; S3 refuses an empty part.
      if (part.length > 0 || PartNumber === 1) {
        const res = await t.client.send(new UploadPartCommand({ Bucket: t.bucket, Key: t.key, UploadId: uploadId, PartNumber, Body: part, ContentLength: part.length }));
        parts.push({ ETag: res.ETag, PartNumber });
      }
      const next = await rest.next();
      part = next.done ? undefined : next.value;
    }
    const done = await t.client.send(
      new CompleteMultipartUploadCommand({ Bucket: t.bucket, Key: t.key, UploadId: uploadId, MultipartUpload: { Parts: parts } }),
    );
    return done.ETag;
  } catch (err) {
    await t.client.send(new AbortMultipartUploadCommand({ Bucket: t.bucket, Key: t.key, UploadId: uploadId })).catch(() => undefined);
    throw err;
  }
}

/** Returns the ETag S3 gave the object. */
export async function uploadStream(t: Target & { stream: Readable; partSize: number }): Promise<string | undefined> {
  const parts = readParts(t.stream, t.partSize);
  const first = await parts.next();
  const firstPart = first.done ? Buffer.alloc(0) : first.value;
  const second = firstPart.length === t.partSize ? await parts.next() : { done: true as const, value: undefined };
  if (second.done || second.value.length === 0) {
    const res = await t.client.send(new PutObjectCommand({ Bucket: t.bucket, Key: t.key, Body: firstPart, ContentLength: firstPart.length, ContentType: t.contentType }));
    return res.ETag;
  }
  const rest = (async function* () {
    yield second.value;
    yield* parts;
  })();
  return uploadMultipart(t, firstPart, rest);
}
