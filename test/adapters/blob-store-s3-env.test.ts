// The S3 store against a real S3 API (OpenStack Swift s3api, AWS, Ceph …) named by environment variables:
//   S3_TEST_ENDPOINT   e.g. http://127.0.0.1:8080
//   S3_TEST_BUCKET     a bucket, created when missing (the suite writes below a fresh prefix and deletes it)
//   S3_TEST_ACCESS_KEY, S3_TEST_SECRET_KEY   (Swift tempauth: test:tester / testing)
//   S3_TEST_REGION     default us-east-1
// Without them the suite is skipped, and says so.
import { randomUUID } from 'node:crypto';
import { CreateBucketCommand, S3Client } from '@aws-sdk/client-s3';
import { S3BlobStore } from '../../src/adapters/storage/s3-blob-store.js';
import { describeBlobStoreContract } from './blob-store-contract.js';

const env = {
  endpoint: process.env.S3_TEST_ENDPOINT,
  bucket: process.env.S3_TEST_BUCKET,
  accessKeyId: process.env.S3_TEST_ACCESS_KEY,
  secretAccessKey: process.env.S3_TEST_SECRET_KEY,
  region: process.env.S3_TEST_REGION ?? 'us-east-1',
};
const missing = Object.entries(env).filter(([, v]) => !v).map(([k]) => k);

async function ensureBucket(s: { endpoint: string | undefined; bucket: string; accessKeyId: string; secretAccessKey: string; region: string }): Promise<void> {
  const client = new S3Client({ endpoint: s.endpoint, region: s.region, forcePathStyle: true, credentials: { accessKeyId: s.accessKeyId, secretAccessKey: s.secretAccessKey } });
  try {
    await client.send(new CreateBucketCommand({ Bucket: s.bucket }));
  } catch (err) {
    const name = (err as { name?: string }).name;
    if (name !== 'BucketAlreadyOwnedByYou' && name !== 'BucketAlreadyExists') throw err;
  } finally {
    client.destroy();
  }
}

if (missing.length) {
  console.warn(`Skipping the real-S3 BlobStore contract: set S3_TEST_ENDPOINT, S3_TEST_BUCKET, S3_TEST_ACCESS_KEY and S3_TEST_SECRET_KEY (missing: ${missing.join(', ')}).`);
  describe('BlobStore contract: real S3 endpoint', () => {
    it.skip('needs S3_TEST_* environment variables', () => undefined);
  });
} else {
  describeBlobStoreContract(
    `S3 endpoint ${env.endpoint}`,
    async () => {
      const keyPrefix = `luento-contract-${randomUUID()}/`;
      const settings = { endpoint: env.endpoint, bucket: env.bucket ?? '', accessKeyId: env.accessKeyId ?? '', secretAccessKey: env.secretAccessKey ?? '', region: env.region };
      await ensureBucket(settings);
      const store = new S3BlobStore({ ...settings, keyPrefix, partSizeBytes: 5 * 1024 * 1024 });
      return {
        store,
        close: async () => {
          // Remove this run's objects through a store rooted at the bucket, then close both.
          const root = new S3BlobStore(settings);
          await root.delete(keyPrefix);
          root.close();
          store.close();
        },
      };
    },
    { hasCorrectSuffixRanges: true, signsUrls: true, checksPresignedSignatures: true },
  );
}
