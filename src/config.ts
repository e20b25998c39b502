// The only reader of process.env. Every setting is validated once, at boot, and every problem is
// reported at the same time, so an operator fixes a broken .env in one pass.
import path from 'node:path';
import { z } from 'zod';
import { envBool, mediaEnvShape, mediaProblems, toMediaConfig, type MediaConfig } from './config-media.js';
import { oidcEnvShape, oidcProblems, toOidcConfig, type OidcConfig } from './config-oidc.js';



const list = z.string().transform((v) =>
  v
    .split(/[\s,]+/)
    .map((s) => s.trim())
    .filter(Boolean),
);

const origin = z.string().refine((v) => {
  try {
    const u = new URL(v);
    return (u.protocol === 'https:' || u.protocol === 'http:') && u.origin === v.replace(/\/$/, '');
  } catch {
    return false;
  }
}, 'must be an origin such as https://learn.example.fi (scheme, host and optional port, no path)');

const envSchema = z.object({
  NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  PUBLIC_URL: z.url({ protocol: /^https?$/ }).optional(),
  DATA_DIR: z.string().min(1).default('./data'),
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, 'must start with postgres:// or postgresql://')
    .optional(),
  DATABASE_POOL_SIZE: z.coerce.number().int().min(1).max(200).default(10),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  RUN_WORKERS: envBool.optional(),
  WORKER_CONCURRENCY: z.coerce.number().int().min(1).max(64).default(1),
  SHUTDOWN_TIMEOUT_MS: z.coerce.number().int().min(100).max(600_000).default(15_000),
  FRAME_ANCESTORS: list.pipe(z.array(origin)).default([]),
  SECRET_KEY: z
    .string()
    .min(32, 'must be at least 32 characters (generate one with: openssl rand -base64 48)')
    .optional(),
  TRUST_PROXY: z.string().default('loopback'),
  DEFAULT_LOCALE: z.enum(['fi', 'sv', 'en']).default('en'),
  METRICS_TOKEN: z.string().min(16, 'must be at least 16 characters').optional(),
  DEMO_LMS: envBool.optional(),
  DEMO_LMS_URL: origin.optional(),
  LTI_AUTO_APPROVE_ISSUERS: list.pipe(z.array(z.url({ protocol: /^https?$/ }))).default([]),
  LTI_REGISTRATION_ALLOWED_HOSTS: list.default([]),
  LTI_KEY_GRACE_DAYS: z.coerce.number().int().min(0).max(365).default(7),
  SESSION_IDLE_MINUTES: z.coerce.number().int().min(5).max(24 * 60).default(120),
  ...mediaEnvShape,
  ...oidcEnvShape,
});

export type Env = z.input<typeof envSchema>;

export type Config = {
  env: 'development' | 'production' | 'test';
  http: {
    port: number;
    publicUrl: string;
    trustProxy: string;
    frameAncestors: string[];
    shutdownTimeoutMs: number;
  };
  /** The one folder that holds all local state (embedded database, secrets, media on local disk). */
  dataDir: string;
  media: MediaConfig;
  db: { url: string | undefined; poolSize: number };
  jobs: { runInProcess: boolean; concurrency: number };
  log: { level: string };
  /** When set, GET /metrics requires `Authorization: Bearer <token>`. */
  metricsToken: string | undefined;
  /** Unset in development: a random key is then generated and kept in DATA_DIR. Required in production. */
  secretKey: string | undefined;
  i18n: { defaultLocale: 'fi' | 'sv' | 'en' };
  lti: {
    /** Issuers whose Dynamic Registration is active at once instead of waiting for an admin. */
    autoApproveIssuers: string[];
    /** Hosts that Dynamic Registration may fetch even when they resolve to private addresses. */
    registrationAllowedHosts: string[];
    /** Days a rotated-out key stays in the JWKS, so tokens signed just before rotation still verify. */
    keyGraceDays: number;
    sessionIdleMinutes: number;
  };
  /** The built-in demo LMS at /demo. Never on in production. baseUrl: serve it as another origin (cross-site iframe). */
  demo: { enabled: boolean; baseUrl: string | undefined };
  /** Staff direct sign-in (src/auth/oidc/); undefined while OIDC_ISSUER is unset. */
  oidc: OidcConfig | undefined;
};

export class ConfigError extends Error {
  readonly code = 'config_invalid';
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
  }
}

/** Reads the environment once. Throws ConfigError naming every problem at once. */
export function loadConfig(env: Record<string, string | undefined>): Config {
  // Empty strings in .env files mean "not set", as operators expect.
  const cleaned = Object.fromEntries(Object.entries(env).filter(([, v]) => v !== undefined && v !== ''));
  const parsed = envSchema.safeParse(cleaned);
  const problems: string[] = [];
  if (!parsed.success) {
    // One line per variable, naming what was given, even when a list has several bad items.
    const byKey = new Map<string, string[]>();
    for (const issue of parsed.error.issues) {
      const key = String(issue.path[0] ?? '(environment)');
      byKey.set(key, [...(byKey.get(key) ?? []), issue.message]);
    }
    for (const [key, messages] of byKey)
      problems.push(`${key}: ${[...new Set(messages)].join('; ')} (got ${JSON.stringify(cleaned[key] ?? null)})`);
    throw new ConfigError(problems);
  }
  const e = parsed.data;
  if (e.NODE_ENV === 'production') {
    if (!e.SECRET_KEY) problems.push('SECRET_KEY: required when NODE_ENV=production');
    if (!e.PUBLIC_URL) problems.push('PUBLIC_URL: required when NODE_ENV=production');
    if (e.PUBLIC_URL && !e.PUBLIC_URL.startsWith('https://'))
      problems.push('PUBLIC_URL: must use https:// in production (LMS iframes need secure cookies)');
    if (e.DEMO_LMS) problems.push('DEMO_LMS: the demo LMS signs logins for anyone, so it cannot be enabled when NODE_ENV=production');
  }
  problems.push(...mediaProblems(e));
  problems.push(...oidcProblems(e));
  if (problems.length) throw new ConfigError(problems);
  const dataDir = path.resolve(e.DATA_DIR);
  return {
    env: e.NODE_ENV,
    http: {
      port: e.PORT,
      publicUrl: (e.PUBLIC_URL ?? `http://localhost:${e.PORT}`).replace(/\/$/, ''),
      trustProxy: e.TRUST_PROXY,
      frameAncestors: e.FRAME_ANCESTORS,
      shutdownTimeoutMs: e.SHUTDOWN_TIMEOUT_MS,
    },
    dataDir,
    media: toMediaConfig(e, dataDir),
    db: { url: e.DATABASE_URL, poolSize: e.DATABASE_POOL_SIZE },
    // Embedded mode (no DATABASE_URL) is one process doing everything, unless told otherwise.
    jobs: { runInProcess: e.RUN_WORKERS ?? !e.DATABASE_URL, concurrency: e.WORKER_CONCURRENCY },
    log: { level: e.LOG_LEVEL },
    metricsToken: e.METRICS_TOKEN,
    secretKey: e.SECRET_KEY,
    i18n: { defaultLocale: e.DEFAULT_LOCALE },
    lti: {
      autoApproveIssuers: e.LTI_AUTO_APPROVE_ISSUERS.map((i) => i.replace(/\/$/, '')),
      registrationAllowedHosts: e.LTI_REGISTRATION_ALLOWED_HOSTS.map((h) => h.toLowerCase()),
      keyGraceDays: e.LTI_KEY_GRACE_DAYS,
      sessionIdleMinutes: e.SESSION_IDLE_MINUTES,
    },
    // Embedded mode is the "try it out" mode, so the demo LMS is on there unless switched off.
    demo: { enabled: e.NODE_ENV !== 'production' && (e.DEMO_LMS ?? !e.DATABASE_URL), baseUrl: e.DEMO_LMS_URL?.replace(/\/$/, '') },
    oidc: toOidcConfig(e),
  };
}
