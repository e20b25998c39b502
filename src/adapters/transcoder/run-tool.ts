// Runs ffmpeg or ffprobe as a child process: no shell, stdin closed, cancellable through an AbortSignal,
// and it keeps only the tail of stderr so an hour-long transcode cannot fill memory with log lines.
import { spawn } from 'node:child_process';
import { createInterface } from 'node:readline';

export type ToolRun = {
  exitCode: number | null;
  /** Set when the process was ended by a signal (for example by our cancel). */
  killedBy: NodeJS.Signals | null;
  isAborted: boolean;
  /** All of stdout, unless onStdoutLine was given. */
  stdout: string;
  stderrTail: string[];
};

export type RunToolOptions = {
  command: string;
  args: readonly string[];
  signal?: AbortSignal;
  /** Called for each line of stdout instead of collecting it. */
  onStdoutLine?: (line: string) => void;
  stderrTailLines?: number;
};

export function runTool(opts: RunToolOptions): Promise<ToolRun> {
  const tailSize = opts.stderrTailLines ?? 20;
  return new Promise((resolve, reject) => {
    if (opts.signal?.aborted) {
      resolve({ exitCode: null, killedBy: null, isAborted: true, stdout: '', stderrTail: [] });
      return;
    }
    const child = spawn(opts.command, opts.args, { stdio: ['ignore', 'pipe', 'pipe'] });
    const stderrTail: string[] = [];
    let stdout = '';
    let isAborted = false;
    const onAbort = () => {
      isAborted = true;
      // SIGKILL: the caller deletes the output anyway, so a graceful trailer is not worth waiting for.
      child.kill('SIGKILL');
    };
    opts.signal?.addEventListener('abort', onAbort, { once: true });
    if (opts.onStdoutLine) {
      const onLine = opts.onStdoutLine;
      createInterface({ input: child.stdout }).on('line', (line) => onLine(line));
    } else {
      child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
    }
    createInterface({ input: child.stderr }).on('line', (line) => {
      if (!line.trim()) return;
      stderrTail.push(line);
      if (stderrTail.length > tailSize) stderrTail.shift();
    });
    child.on('error', (err) => {
      opts.signal?.removeEventListener('abort', onAbort);
      reject(err);
    });
    child.on('close', (exitCode, killedBy) => {
      opts.signal?.removeEventListener('abort', onAbort);
      resolve({ exitCode, killedBy, isAborted, stdout, stderrTail });
    });
  });
}
