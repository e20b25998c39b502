// Starts the whole platform: `npm start`.
import 'dotenv/config';
import { ConfigError, loadConfig } from './config.js';
import { DatabaseUnreachableError } from './db/database.js';
import { DataDirLockedError } from './db/data-dir-lock.js';
import { createLogger } from './logger.js';
import { startPlatform } from './platform.js';

/** Errors an operator can fix are told plainly on stderr, without a stack trace. */
function explainStartupError(err: unknown): string | undefined {
  if (err instanceof ConfigError) return err.message;
  if (err instanceof DatabaseUnreachableError)
    return `${err.message}\nCheck DATABASE_URL, or unset it to use the embedded database in DATA_DIR.`;
  if (err instanceof DataDirLockedError) return err.message;
  return undefined;
}

export async function main(): Promise<void> {
  let config;
  try {
    config = loadConfig(process.env);
  } catch (err) {
    process.stderr.write(`${explainStartupError(err) ?? String(err)}\n`);
    process.exit(1);
  }
  const log = createLogger(config.log.level);
  const started = Date.now();
  let platform;
  try {
    platform = await startPlatform(config, log);
  } catch (err) {
    const plain = explainStartupError(err);
    if (plain) process.stderr.write(`Luento could not start.\n${plain}\n`);
    else log.fatal({ err }, 'Luento could not start');
    process.exit(1);
  }
  log.info({ url: platform.url, ms: Date.now() - started }, 'Luento is ready');
  const lines = [`Luento is running at ${platform.url}`, `LMS registration URL (LTI Dynamic Registration): ${platform.registrationUrl}`];
  if (platform.demoUrl) lines.push(`Demo LMS (launch as a teacher or a student): ${platform.demoUrl}`);
  process.stdout.write(`\n${lines.join('\n')}\n\n`);

  let signals = 0;
  const shutdown = (signal: string) => {
    signals++;
    if (signals > 1) {
      log.warn({ signal }, 'second signal: exiting now');
      process.exit(1);
    }
    log.info({ signal }, 'shutting down');
    platform
      .stop()
      .then(() => process.exit(0))
      .catch((err: unknown) => {
        log.error({ err }, 'shutdown failed');
        process.exit(1);
      });
  };
  process.on('SIGINT', () => shutdown('SIGINT'));
  process.on('SIGTERM', () => shutdown('SIGTERM'));
}

await main();
