// Finds ffmpeg and ffprobe as ARCHITECTURE says: an explicit path (FFMPEG_PATH / FFPROBE_PATH), else the
// programs on the PATH. ffmpeg-static is not used: it downloads at install time, which fails offline.
import { constants } from 'node:fs';
import { access, stat } from 'node:fs/promises';
import path from 'node:path';
import { FfmpegNotFoundError } from './media-errors.js';
import { runTool } from './run-tool.js';

export type MediaTools = { ffmpegPath: string; ffprobePath: string; ffmpegVersion: string };

export type LocateMediaToolsOptions = {
  /** An explicit ffmpeg binary (FFMPEG_PATH). */
  ffmpegPath?: string;
  /** An explicit ffprobe binary (FFPROBE_PATH); else the ffprobe beside an explicit ffmpeg, else the PATH. */
  ffprobePath?: string;
  /** The PATH to search; the caller passes process.env.PATH from config. */
  searchPath?: string;
};

async function isExecutableFile(file: string): Promise<boolean> {
  try {
    if (!(await stat(file)).isFile()) return false;
    await access(file, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

async function findOnPath(name: string, searchPath: string): Promise<string | undefined> {
  for (const dir of searchPath.split(path.delimiter).filter(Boolean)) {
    const candidate = path.join(dir, name);
    if (await isExecutableFile(candidate)) return candidate;
  }
  return undefined;
}

async function resolveTool(opts: { name: 'ffmpeg' | 'ffprobe'; explicit?: string; sibling?: string; searchPath: string }): Promise<string> {
  const setting = opts.name === 'ffmpeg' ? 'FFMPEG_PATH' : 'FFPROBE_PATH';
  if (opts.explicit) {
    if (await isExecutableFile(opts.explicit)) return opts.explicit;
    throw new FfmpegNotFoundError(`${setting} is set to ${opts.explicit}, which is not an executable file. Fix the path or unset ${setting} to use ${opts.name} from the PATH.`, {
      tool: opts.name,
      path: opts.explicit,
    });
  }
  if (opts.sibling && (await isExecutableFile(opts.sibling))) return opts.sibling;
  const found = await findOnPath(opts.name, opts.searchPath);
  if (found) return found;
  throw new FfmpegNotFoundError(
    `${opts.name} was not found on the PATH (${opts.searchPath || 'empty'}). Install it (Debian: apt-get install ffmpeg) or set ${setting} to the program.`,
    { tool: opts.name },
  );
}

/** Resolves both programs and checks that ffmpeg runs. Throws FfmpegNotFoundError with an admin's message. */
export async function locateMediaTools(opts: LocateMediaToolsOptions = {}): Promise<MediaTools> {
  const searchPath = opts.searchPath ?? '';
  const ffmpegPath = await resolveTool({ name: 'ffmpeg', explicit: opts.ffmpegPath, searchPath });
  const sibling = opts.ffmpegPath ? path.join(path.dirname(opts.ffmpegPath), 'ffprobe') : undefined;
  const ffprobePath = await resolveTool({ name: 'ffprobe', explicit: opts.ffprobePath, sibling, searchPath });
  let run;
  try {
    run = await runTool({ command: ffmpegPath, args: ['-hide_banner', '-version'] });
  } catch (err) {
    throw new FfmpegNotFoundError(`${ffmpegPath} could not be started: ${(err as Error).message}`, { tool: 'ffmpeg', path: ffmpegPath });
  }
  if (run.exitCode !== 0) {
    throw new FfmpegNotFoundError(`${ffmpegPath} -version failed (exit ${run.exitCode}): ${run.stderrTail.join(' ')}`, { tool: 'ffmpeg', path: ffmpegPath });
  }
  const ffmpegVersion = /ffmpeg version (\S+)/.exec(run.stdout)?.[1] ?? 'unknown';
  return { ffmpegPath, ffprobePath, ffmpegVersion };
}
