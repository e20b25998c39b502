import pino, { type Logger } from 'pino';

export type { Logger };

/** Query parameters that carry credentials and must never reach the logs (code: an OIDC authorization code). */
const SECRET_PARAMS = /([?&](?:token|st|session|id_token|state|registration_token|code)=)[^&]*/gi;

export function redactUrl(url: string): string {
  return url.replace(SECRET_PARAMS, '$1[redacted]');
}

export function createLogger(level: string): Logger {
  return pino({
    level,
    base: { service: 'luento' },
    redact: { paths: ['req.headers.cookie', 'req.headers.authorization', 'res.headers["set-cookie"]'], censor: '[redacted]' },
  });
}
