// Authorised calls to LTI Advantage service endpoints: a bearer token from the token client, a timeout,
// one retry with a fresh token when the platform answers 401 (it may have revoked ours early), and
// platform failures mapped to LtiServiceError codes.
import type { z } from 'zod';
import type { Logger } from '../../logger.js';
import type { AccessTokenClient, PlatformServiceConfig } from './access-token-client.js';
import { excerpt, sendHttpRequest, TransportError, type HttpReply } from './http-transport.js';
import { LtiServiceError } from './service-errors.js';

export type ServiceClientOptions = {
  tokens: AccessTokenClient;
  platform: PlatformServiceConfig;
  log?: Logger;
  timeoutMs?: number;
  maxBodyBytes?: number;
  /** Stops paging after this many pages, so a platform that links pages in a loop cannot hold us. */
  maxPages?: number;
};

export type ServiceCall = {
  method: 'GET' | 'POST' | 'PUT' | 'DELETE';
  url: string;
  /** The scope set the token is requested for; keep it stable per client so the token is reused. */
  tokenScopes: readonly string[];
  /** The call is allowed when the token was granted any of these. */
  allowedBy: readonly string[];
  accept?: string;
  contentType?: string;
  body?: unknown;
};

export async function callService(opts: ServiceClientOptions, call: ServiceCall): Promise<HttpReply> {
  assertHttpUrl(call.url);
  try {
    let reply = await sendAuthorised(opts, call);
    if (reply.status === 401) {
      opts.tokens.forgetAccessToken(opts.platform, call.tokenScopes);
      reply = await sendAuthorised(opts, call);
    }
    if (reply.status < 200 || reply.status >= 300) throw rejection(call, reply);
    return reply;
  } catch (err) {
    opts.log?.warn({ err, url: call.url, method: call.method }, 'LTI service call failed');
    throw err;
  }
}

async function sendAuthorised(opts: ServiceClientOptions, call: ServiceCall): Promise<HttpReply> {
  const token = await opts.tokens.getAccessToken(opts.platform, call.tokenScopes);
  if (!call.allowedBy.some((s) => token.scopes.includes(s)))
    throw new LtiServiceError('lti_scope_not_granted', `The platform did not grant Luento the scope needed for ${call.method} ${call.url}`, {
      url: call.url,
      needsOneOf: call.allowedBy,
      granted: token.scopes,
    });
  const headers: Record<string, string> = { authorization: `Bearer ${token.token}` };
  if (call.accept) headers.accept = call.accept;
  if (call.contentType) headers['content-type'] = call.contentType;
  const timeoutMs = opts.timeoutMs ?? 15_000;
  try {
    return await sendHttpRequest({
      url: call.url,
      method: call.method,
      headers,
      body: call.body === undefined ? undefined : JSON.stringify(call.body),
      timeoutMs,
      maxBodyBytes: opts.maxBodyBytes ?? 5 * 1024 * 1024,
    });
  } catch (err) {
    if (!(err instanceof TransportError)) throw err;
    const details = { url: call.url, reason: err.message };
    if (err.failure === 'timeout') throw new LtiServiceError('lti_service_timeout', `The platform did not answer ${call.method} ${call.url} within ${timeoutMs} ms`, details);
    if (err.failure === 'too_large') throw new LtiServiceError('lti_service_invalid_response', `The platform's answer to ${call.method} ${call.url} is too large`, details);
    throw new LtiServiceError('lti_service_unreachable', `The platform's service ${call.url} cannot be reached (${err.message})`, details);
  }
}

function rejection(call: ServiceCall, reply: HttpReply): LtiServiceError {
  const hint =
    reply.status === 401
      ? ' It refused Luento\'s access token even after a fresh one was fetched.'
      : reply.status === 403
        ? ' The tool may lack this service in its settings on the platform.'
        : reply.status >= 300 && reply.status < 400
          ? ` It redirects to ${reply.headers.get('location') ?? '(no location)'}; the service URL must be the final one.`
          : '';
  return new LtiServiceError('lti_service_rejected', `The platform answered HTTP ${reply.status} to ${call.method} ${call.url}.${hint}`, {
    url: call.url,
    upstreamStatus: reply.status,
    body: excerpt(reply.text),
  });
}

function assertHttpUrl(url: string): void {
  let protocol = '';
  try {
    protocol = new URL(url).protocol;
  } catch {
    // reported below
  }
  if (protocol !== 'https:' && protocol !== 'http:')
    throw new LtiServiceError('lti_service_invalid_response', `The platform gave a service URL that is not an http(s) URL: ${JSON.stringify(url)}`, { url });
}

/** Parses a service answer with zod; a mismatch names every bad field so the platform's admin can see what differs. */
export function parseServiceJson<S extends z.ZodType>(reply: HttpReply, schema: S, what: string): z.infer<S> {
  let json: unknown;
  try {
    json = JSON.parse(reply.text) as unknown;
  } catch {
    throw new LtiServiceError('lti_service_invalid_response', `The platform's ${what} from ${reply.url} is not JSON`, { url: reply.url, body: excerpt(reply.text) });
  }
  const parsed = schema.safeParse(json);
  if (parsed.success) return parsed.data;
  throw new LtiServiceError('lti_service_invalid_response', `The platform's ${what} from ${reply.url} does not have the expected shape`, {
    url: reply.url,
    issues: parsed.error.issues.slice(0, 10).map((i) => `${i.path.join('.') || '(body)'}: ${i.message}`),
  });
}

/** Follows `Link: rel="next"` from page to page and joins the items; refuses loops and endless paging. */
export async function collectPages<T>(opts: {
  firstUrl: string;
  maxPages: number;
  fetchPage: (url: string) => Promise<{ items: T[]; nextUrl: string | undefined }>;
}): Promise<{ items: T[]; pages: number }> {
  const items: T[] = [];
  const seen = new Set<string>();
  let url: string | undefined = opts.firstUrl;
  while (url !== undefined) {
    if (seen.has(url)) throw new LtiServiceError('lti_service_invalid_response', `The platform's pages link back to ${url}`, { url });
    if (seen.size >= opts.maxPages)
      throw new LtiServiceError('lti_service_invalid_response', `The platform returned more than ${opts.maxPages} pages from ${opts.firstUrl}`, { url: opts.firstUrl });
    seen.add(url);
    const page = await opts.fetchPage(url);
    items.push(...page.items);
    url = page.nextUrl;
  }
  return { items, pages: seen.size };
}
