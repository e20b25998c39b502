// Finds a program the way spawn would: a path is checked directly, a bare name is looked up on PATH.
import { access, constants } from 'node:fs/promises';
import path from 'node:path';

export async function findExecutable(command: string, searchPath: string = process.env.PATH ?? ''): Promise<string | undefined> {
  const candidates = command.includes('/') ? [command] : searchPath.split(path.delimiter).filter(Boolean).map((dir) => path.join(dir, command));
  for (const candidate of candidates) {
    try {
      await access(candidate, constants.X_OK);
      return candidate;
    } catch {
      // not here; try the next directory
    }
  }
  return undefined;
}
