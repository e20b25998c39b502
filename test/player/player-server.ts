// A tiny real HTTP server for the player tests: it renders the partial in a layout-like page (with the
// real CSP of src/http/security-headers.ts), serves public/ at /static, hls.js's minified ESM build at
// /static/vendor/hls.mjs (as the app is asked to), the fixture media (the storyboard sprite only with
// the storyboard's token), and records view reports.
import { once } from 'node:events';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import ejs from 'ejs';
import express from 'express';
import { securityHeaders } from '../../src/http/security-headers.js';
import { translator } from '../../src/i18n/i18n.js';
import { projectRoot, publicDir } from '../../src/paths.js';
import { playerMessages } from '../../src/videos/player.messages.js';

export type ViewReport = { body: Record<string, unknown>; contentType: string; session: string | undefined };
export type PlayerServer = { baseUrl: string; viewReports: ViewReport[]; requests: string[]; close: () => Promise<void> };
export const MEDIA_TOKEN = 'sb-token-1';

/**
 * The catalog does not hold the player's keys until the lead wires them, so the player's own fi strings
 * come first. An unknown player key throws, so a typo in the partial fails the test.
 */
function testTranslator(): (key: string, params?: Record<string, string | number>) => string {
  const common = translator('fi') as (key: string, params?: Record<string, string | number>) => string;
  const own: Record<string, string> = playerMessages.fi;
  return (key, params) => {
    if (!key.startsWith('player.')) return common(key, params);
    const text = own[key];
    if (text === undefined) throw new Error(`unknown message key ${key}`);
    return text.replace(/\{(\w+)\}/g, (m, name: string) => (params && name in params ? String(params[name]) : m));
  };
}

type PageQuery = { video?: string; audio?: string; broken?: string; heartbeat?: string; headers?: string; download?: string; hlsjs?: string };

function playerModel(q: PageQuery) {
  const id = q.video ?? 'video-1';
  const hlsUrl = q.broken ? '/media/missing/master.m3u8' : q.audio ? '/media/audio/index.m3u8' : '/media/master.m3u8';
  return {
    videoId: id,
    title: `Luento ${id}`,
    language: 'fi',
    hlsUrl,
    posterUrl: undefined,
    storyboardUrl: q.audio ? undefined : `/media/storyboard.vtt?token=${MEDIA_TOKEN}`,
    tracks: [
      { src: '/media/captions-fi.vtt', srclang: 'fi', label: 'Suomi', isAutomatic: false },
      { src: '/media/captions-en.vtt', srclang: 'en', label: 'English', isAutomatic: true },
    ],
    downloadUrl: q.download ? '/media/v0/seg_000.m4s' : undefined,
    viewUrl: '/views',
    fetchHeaders: q.headers ? { 'X-Luento-Session': 'session-123' } : {},
    hlsJsUrl: q.hlsjs === 'missing' ? '/static/vendor/missing.mjs' : '/static/vendor/hls.mjs',
    durationSeconds: 6,
    heartbeatSeconds: q.heartbeat ? Number(q.heartbeat) : undefined,
  };
}

export async function startPlayerServer(mediaDir: string): Promise<PlayerServer> {
  const viewReports: ViewReport[] = [];
  const requests: string[] = [];
  const app = express();
  app.use((req, _res, next) => {
    requests.push(req.originalUrl);
    next();
  });
  app.use(securityHeaders({ frameAncestors: () => [], isHttps: false }));
  app.get('/static/vendor/hls.mjs', (_req, res) => res.sendFile(path.join(projectRoot, 'node_modules/hls.js/dist/hls.min.mjs')));
  app.use('/static', express.static(publicDir));
  app.get('/media/sprite_001.jpg', (req, res, next) => (req.query.token === MEDIA_TOKEN ? next() : res.status(403).end()));
  app.use('/media', express.static(mediaDir));
  app.post('/views', express.json({ type: () => true }), (req, res) => {
    viewReports.push({ body: req.body as Record<string, unknown>, contentType: req.get('content-type') ?? '', session: req.get('x-luento-session') });
    res.status(204).end();
  });
  app.get(['/watch', '/plain'], async (req, res) => {
    const q = req.query as PageQuery;
    const page = path.join(projectRoot, 'test/player/page.ejs');
    const html = await ejs.renderFile(page, {
      t: testTranslator(), locale: 'fi', cspNonce: res.locals.cspNonce as string,
      title: 'Testivideo', player: req.path === '/watch' ? playerModel(q) : null,
    });
    res.type('html').send(html);
  });

  const server = app.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const { port } = server.address() as AddressInfo;
  return {
    baseUrl: `http://127.0.0.1:${port}`,
    viewReports,
    requests,
    close: () => new Promise<void>((resolve) => {
      server.closeAllConnections();
      server.close(() => resolve());
    }),
  };
}
