// One HTTP exchange with a platform, on global fetch: a hard timeout that covers the body too, a cap on
// the body size, and no redirects (a redirected POST would drop its body, and a redirect could carry our
// bearer token elsewhere). Failures come out as a TransportError; callers map them to their own codes.

export type HttpReply = { status: number; headers: Headers; text: string; url: string };

export type TransportFailure = 'timeout' | 'unreachable' | 'too_large';

export class TransportError extends Error {
  constructor(
    readonly failure: TransportFailure,
    message: string,
  ) {
    super(message);
    this.name = 'TransportError';
  }
}

export type HttpRequest = {
  url: string;
  method: 'GET' | 'POST' | 'PUT' | 'DELETE';
  headers: Record<string, string>;
  body?: string;
  timeoutMs: number;
  maxBodyBytes: number;
};

export async function sendHttpRequest(req: HttpRequest): Promise<HttpReply> {
  const signal = AbortSignal.timeout(req.timeoutMs);
  try {
    const res = await fetch(req.url, { method: req.method, headers: req.headers, body: req.body, signal, redirect: 'manual' });
    const text = await readBodyWithLimit(res, req.maxBodyBytes);
    return { status: res.status, headers: res.headers, text, url: req.url };
  } catch (err) {
    if (err instanceof TransportError) throw err;
    if (signal.aborted) throw new TransportError('timeout', `no complete answer within ${req.timeoutMs} ms`);
    throw new TransportError('unreachable', describeNetworkError(err));
  }
}

async function readBodyWithLimit(res: Response, maxBytes: number): Promise<string> {
  const declared = Number(res.headers.get('content-length'));
  if (Number.isFinite(declared) && declared > maxBytes) {
    await res.body?.cancel();
    throw new TransportError('too_large', `answer of ${declared} bytes exceeds the limit of ${maxBytes}`);
  }
  if (!res.body) return '';
  const reader = res.body.getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.byteLength;
    if (total > maxBytes) {
      await reader.cancel();
      throw new TransportError('too_large', `answer exceeds the limit of ${maxBytes} bytes`);
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks).toString('utf8');
}

/**
 * undici reports "fetch failed" and hides the useful part (ECONNREFUSED, ENOTFOUND, …) in `cause`.
 * Read it structurally: errors from Node's internals may come from another realm than our `Error`.
 */
function describeNetworkError(err: unknown): string {
  const e = err as { message?: unknown; cause?: { message?: unknown; code?: unknown } } | undefined;
  const cause = e?.cause;
  if (cause && typeof cause.message === 'string') return typeof cause.code === 'string' ? `${cause.code}: ${cause.message}` : cause.message;
  return typeof e?.message === 'string' ? e.message : String(err);
}

/** A short, single-line excerpt of an error answer for logs and error details. */
export function excerpt(text: string, max = 300): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length > max ? `${flat.slice(0, max)}…` : flat;
}
