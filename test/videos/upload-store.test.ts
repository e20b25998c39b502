// Which tus store config chooses: the file store under the upload folder, or the S3 store in S3 mode
// (only constructed here; its bytes are not sent to an S3 server in these tests).
import os from 'node:os';
import path from 'node:path';
import { FileStore } from '@tus/file-store';
import { S3Store } from '@tus/s3-store';
import { createUploadStore } from '../../src/videos/tus-server.js';

test('local storage: a file store in the upload folder', () => {
  const dir = path.join(os.tmpdir(), 'luento-upload-store-test');
  const store = createUploadStore({ uploadDir: dir, storage: { driver: 'local', root: dir } });
  expect(store).toBeInstanceOf(FileStore);
  expect((store as FileStore).directory).toBe(dir);
});

test('S3 storage: the tus S3 store on the configured bucket, with the part size', () => {
  const store = createUploadStore({
    uploadDir: '/unused',
    storage: { driver: 's3', endpoint: 'http://127.0.0.1:9', region: 'us-east-1', bucket: 'media', accessKeyId: 'k', secretAccessKey: 's', forcePathStyle: true, keyPrefix: '', publicEndpoint: undefined, partSizeBytes: 16 * 1024 * 1024 },
  });
  expect(store).toBeInstanceOf(S3Store);
  expect((store as unknown as { bucket: string }).bucket).toBe('media');
  expect(store.hasExtension('creation')).toBe(true);
});
