import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { LocalBlobStore } from '../../src/adapters/storage/local-blob-store.js';
import { describeBlobStoreContract } from './blob-store-contract.js';

describeBlobStoreContract(
  'local disk',
  async () => {
    const root = await mkdtemp(path.join(os.tmpdir(), 'luento-local-store-'));
    return { store: await LocalBlobStore.open({ root }), tempDir: path.join(root, '.tmp'), close: () => rm(root, { recursive: true, force: true }) };
  },
  { hasCorrectSuffixRanges: true, signsUrls: false, checksPresignedSignatures: false },
);
