import { Writable } from 'node:stream';
import express from 'express';
import { pino } from 'pino';
import request from 'supertest';
import { requestLogger } from './request-context.js';

function appLoggingTo(lines: Record<string, unknown>[]) {
  const sink = new Writable({ write: (chunk: Buffer, _e, cb) => (lines.push(JSON.parse(chunk.toString())), cb()) });
  const app = express();
  app.use(requestLogger(pino({ level: 'info' }, sink)));
  app.get('/ok', (req, res) => (req.log.info({ step: 'inside' }, 'handler ran'), res.send('ok')));
  app.get('/healthz', (_req, res) => res.send('ok'));
  app.get('/missing', (_req, res) => res.status(404).send('no'));
  return app;
}

it('gives each request an id, a logger carrying it, and one completion line with the secrets of the URL redacted', async () => {
  const lines: Record<string, unknown>[] = [];
  const app = appLoggingTo(lines);
  const res = await request(app).get('/ok?st=secret-session-token&x=1');
  const id = res.headers['x-request-id'];
  expect(id).toMatch(/^[0-9a-f-]{36}$/);
  expect(lines.find((l) => l.msg === 'handler ran')).toMatchObject({ reqId: id, step: 'inside' });
  const done = lines.find((l) => l.msg === 'request completed');
  expect(done).toMatchObject({ level: 30, reqId: id, req: { method: 'GET' }, res: { statusCode: 200 } });
  expect(JSON.stringify(done)).not.toContain('secret-session-token');
  expect(typeof done?.responseTime).toBe('number');
});

it('keeps a sane X-Request-Id from the proxy, logs 4xx at warn, and leaves health checks out', async () => {
  const lines: Record<string, unknown>[] = [];
  const app = appLoggingTo(lines);
  expect((await request(app).get('/missing').set('X-Request-Id', 'proxy-id-12345')).headers['x-request-id']).toBe('proxy-id-12345');
  expect((await request(app).get('/ok').set('X-Request-Id', 'bad id with spaces')).headers['x-request-id']).not.toBe('bad id with spaces');
  await request(app).get('/healthz');
  const completed = lines.filter((l) => l.msg === 'request completed');
  expect(completed.map((l) => [(l.res as { statusCode: number }).statusCode, l.level])).toEqual([
    [404, 40],
    [200, 30],
  ]);
});
