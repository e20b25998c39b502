// Jobs are values: a name, a payload schema, a retry policy and a handler. Payloads carry ids only;
// handlers reload their data and return quietly when it is stale, so running one twice is harmless.
import type { z } from 'zod';
import type { WorkerContext } from './worker-context.js';

export type RetryPolicy = {
  /** Retries after the first attempt. */
  limit: number;
  /** Seconds before the first retry; doubled on each further retry when backoff is set. */
  delaySeconds: number;
  backoff: boolean;
};

export type JobRunInfo = { jobId: string; attempt: number; signal: AbortSignal };

export type JobDefinition<S extends z.ZodType = z.ZodType> = {
  name: string;
  payload: S;
  retry: RetryPolicy;
  /** How long one attempt may run before pg-boss considers it lost and retries it. */
  expireInSeconds?: number;
  /** A cron expression (UTC): the queue sends this job with an empty payload on that schedule. */
  schedule?: string;
  // A method signature, so that a registry of differently-typed jobs type-checks.
  run(payload: z.infer<S>, ctx: WorkerContext, info: JobRunInfo): Promise<void>;
};

export function defineJob<S extends z.ZodType>(def: JobDefinition<S>): JobDefinition<S> {
  if (!/^[a-z][a-z0-9-]*$/.test(def.name)) throw new Error(`Job name must be kebab-case: ${def.name}`);
  return def;
}

export const defaultRetry: RetryPolicy = { limit: 3, delaySeconds: 10, backoff: true };
