// Runs a Luento entry point (src/main.ts or src/worker.ts) as a real child process, as `npm start` does.
import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { projectRoot } from '../../src/paths.js';

export type Spawned = { child: ChildProcess; stdout: () => string; stderr: () => string; exited: Promise<number | null> };

/** `built`: run the compiled dist/ (as `npm start` does, for benchmarks) instead of the sources through tsx. */
export function spawnLuento(entry: 'main' | 'worker', env: Record<string, string | undefined>, opts: { built?: boolean } = {}): Spawned {
  const baseEnv = { ...process.env };
  for (const k of ['DATABASE_URL', 'PORT', 'DATA_DIR', 'NODE_ENV', 'PUBLIC_URL', 'SECRET_KEY', 'NODE_OPTIONS']) delete baseEnv[k];
  const args = opts.built ? [path.join('dist', 'src', `${entry}.js`)] : ['--import', 'tsx', path.join('src', `${entry}.ts`)];
  const child = spawn(process.execPath, args, {
    cwd: projectRoot,
    env: { ...baseEnv, LOG_LEVEL: 'warn', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  let err = '';
  child.stdout?.on('data', (d: Buffer) => (out += d.toString()));
  child.stderr?.on('data', (d: Buffer) => (err += d.toString()));
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  return { child, stdout: () => out, stderr: () => err, exited };
}

/** Resolves with the URL that main prints once it is ready, or rejects with what it printed instead. */
export async function waitForReady(s: Spawned, timeoutMs = 30000): Promise<string> {
  const until = Date.now() + timeoutMs;
  while (Date.now() < until) {
    const m = /Luento is running at (\S+)/.exec(s.stdout());
    if (m) return m[1]!;
    if (s.child.exitCode !== null) throw new Error(`exited ${s.child.exitCode}: ${s.stderr()}`);
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`not ready in ${timeoutMs} ms: ${s.stderr()}`);
}
