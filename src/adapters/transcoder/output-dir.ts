// Output folders that belong to one piece of work: emptied before it starts (a retry after a killed
// worker starts clean), and removed if it fails or is cancelled, so no orphan files remain.
import { mkdir, readdir, rm } from 'node:fs/promises';
import path from 'node:path';

export async function prepareEmptyDir(dir: string): Promise<void> {
  await rm(dir, { recursive: true, force: true });
  await mkdir(dir, { recursive: true });
}

export async function removeDir(dir: string): Promise<void> {
  await rm(dir, { recursive: true, force: true, maxRetries: 3 });
}

/** Every file below dir, as sorted paths relative to it with forward slashes (ready to be blob keys). */
export async function listFiles(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true });
  return entries
    .filter((e) => e.isFile())
    .map((e) => path.relative(dir, path.join(e.parentPath, e.name)).split(path.sep).join('/'))
    .sort();
}
