// Runs an external program (ffmpeg, pocketsphinx) to completion, with cancellation and bounded output.
import { spawn } from 'node:child_process';

export type ProcessResult = { exitCode: number | null; signal: NodeJS.Signals | null; stdout: string; stderr: string };

export type RunProcessOptions = {
  command: string;
  args: readonly string[];
  signal?: AbortSignal;
  /** Keep only the last this-many characters of stderr (diagnostics), default 8 KiB. */
  maxStderrChars?: number;
};

/** Thrown when the program could not be started at all; ENOENT means it is not installed. */
export class ProcessStartError extends Error {
  constructor(
    readonly command: string,
    readonly errno: string | undefined,
  ) {
    super(`Could not start ${command}${errno ? ` (${errno})` : ''}`);
  }
}

export class ProcessAbortedError extends Error {
  constructor(readonly command: string) {
    super(`${command} was cancelled`);
  }
}

/** Resolves with the exit status and output; rejects only for start failures and cancellation. */
export function runProcess(options: RunProcessOptions): Promise<ProcessResult> {
  const { command, args, signal } = options;
  const maxStderr = options.maxStderrChars ?? 8192;
  return new Promise((resolve, reject) => {
    if (signal?.aborted) {
      reject(new ProcessAbortedError(command));
      return;
    }
    const child = spawn(command, [...args], { stdio: ['ignore', 'pipe', 'pipe'], signal, killSignal: 'SIGKILL' });
    let stdout = '';
    let stderr = '';
    let failed = false;
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr = (stderr + chunk).slice(-maxStderr)));
    child.on('error', (err: NodeJS.ErrnoException) => {
      failed = true;
      if (err.name === 'AbortError') reject(new ProcessAbortedError(command));
      else reject(new ProcessStartError(command, err.code));
    });
    child.on('close', (exitCode, exitSignal) => {
      if (failed) return;
      if (signal?.aborted) reject(new ProcessAbortedError(command));
      else resolve({ exitCode, signal: exitSignal, stdout, stderr });
    });
  });
}
