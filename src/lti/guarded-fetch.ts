// Server-side requests to addresses chosen by a caller (Dynamic Registration's openid_configuration):
// http(s) only, no private, loopback or link-local addresses unless allowed, a timeout and a size limit.
// The address check runs in the socket's DNS lookup, so a name cannot resolve to a public address for
// the check and to a private one for the connection (DNS rebinding).
import dns from 'node:dns';
import http from 'node:http';
import https from 'node:https';
import net from 'node:net';

export class GuardedFetchError extends Error {
  constructor(
    readonly reason: 'bad_url' | 'blocked_address' | 'timeout' | 'too_large' | 'http_status' | 'not_json' | 'network',
    message: string,
  ) {
    super(message);
  }
}

const privateRanges = new net.BlockList();
for (const [net4, prefix] of [['0.0.0.0', 8], ['10.0.0.0', 8], ['100.64.0.0', 10], ['127.0.0.0', 8], ['169.254.0.0', 16], ['172.16.0.0', 12], ['192.0.0.0', 24], ['192.168.0.0', 16], ['198.18.0.0', 15], ['224.0.0.0', 3]] as const)
  privateRanges.addSubnet(net4, prefix, 'ipv4');
for (const [net6, prefix] of [['::', 128], ['::1', 128], ['fc00::', 7], ['fe80::', 10], ['ff00::', 8]] as const) privateRanges.addSubnet(net6, prefix, 'ipv6');

export function isPrivateAddress(address: string): boolean {
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address);
  if (mapped?.[1]) return privateRanges.check(mapped[1], 'ipv4');
  return privateRanges.check(address, net.isIPv6(address) ? 'ipv6' : 'ipv4');
}

export type GuardOptions = { allowPrivate: boolean; allowedHosts: readonly string[]; timeoutMs: number; maxBytes: number };

type LookupCallback = (err: NodeJS.ErrnoException | null, address: string | dns.LookupAddress[], family?: number) => void;

function guardedLookup(allowPrivate: boolean) {
  return (hostname: string, options: dns.LookupOptions, callback: LookupCallback) => {
    dns.lookup(hostname, { ...options, all: true }, (err, addresses) => {
      if (err) return callback(err, []);
      const list = addresses as dns.LookupAddress[];
      const blocked = list.find((a) => isPrivateAddress(a.address));
      if (blocked && !allowPrivate) return callback(new GuardedFetchError('blocked_address', `${hostname} resolves to the private address ${blocked.address}`), []);
      if (options.all) return callback(null, list);
      const first = list[0] as dns.LookupAddress;
      callback(null, first.address, first.family);
    });
  };
}

export async function guardedFetchJson(url: string, opts: GuardOptions & { method?: 'GET' | 'POST'; headers?: Record<string, string>; body?: string }): Promise<{ status: number; json: unknown }> {
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    throw new GuardedFetchError('bad_url', `Not a URL: ${url}`);
  }
  if (u.protocol !== 'http:' && u.protocol !== 'https:') throw new GuardedFetchError('bad_url', `Only http and https URLs may be fetched, not ${u.protocol}`);
  const allowPrivate = opts.allowPrivate || opts.allowedHosts.includes(u.hostname.toLowerCase());
  const host = u.hostname.replace(/^\[|\]$/g, '');
  if (net.isIP(host) && isPrivateAddress(host) && !allowPrivate) throw new GuardedFetchError('blocked_address', `${host} is a private address`);
  const lib = u.protocol === 'https:' ? https : http;
  return new Promise((resolve, reject) => {
    const req = lib.request(u, { method: opts.method ?? 'GET', headers: { Accept: 'application/json', ...opts.headers }, lookup: guardedLookup(allowPrivate), timeout: opts.timeoutMs }, (res) => {
      const chunks: Buffer[] = [];
      let size = 0;
      res.on('data', (c: Buffer) => {
        size += c.length;
        if (size > opts.maxBytes) {
          req.destroy(new GuardedFetchError('too_large', `The answer from ${u.origin} is larger than ${opts.maxBytes} bytes`));
          return;
        }
        chunks.push(c);
      });
      res.on('end', () => {
        try {
          resolve({ status: res.statusCode ?? 0, json: JSON.parse(Buffer.concat(chunks).toString('utf8')) });
        } catch {
          reject(new GuardedFetchError('not_json', `The answer from ${u.origin}${u.pathname} is not JSON (HTTP ${res.statusCode})`));
        }
      });
      res.on('error', reject);
    });
    const deadline = setTimeout(() => req.destroy(new GuardedFetchError('timeout', `${u.origin} did not answer within ${opts.timeoutMs} ms`)), opts.timeoutMs);
    req.on('timeout', () => req.destroy(new GuardedFetchError('timeout', `${u.origin} did not answer within ${opts.timeoutMs} ms`)));
    req.on('error', (err) => reject(err instanceof GuardedFetchError ? err : new GuardedFetchError('network', `Could not reach ${u.origin}: ${err.message}`)));
    req.on('close', () => clearTimeout(deadline));
    if (opts.body) req.write(opts.body);
    req.end();
  });
}
