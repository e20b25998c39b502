import request from 'supertest';
import { createTestContext, type TestContext } from './helpers/test-app.js';

describe('health, readiness and metrics', () => {
  let ctx: TestContext;
  beforeAll(async () => {
    ctx = await createTestContext();
  });
  afterAll(() => ctx.close());

  it('GET /healthz answers 200 without touching dependencies', async () => {
    const res = await request(ctx.app).get('/healthz');
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ status: 'ok' });
  });

  it('GET /readyz is 200 when database, migrations and queue are fine', async () => {
    const res = await request(ctx.app).get('/readyz');
    expect(res.status).toBe(200);
    expect(res.body.checks).toEqual({ database: { ok: true }, migrations: { ok: true }, queue: { ok: true } });
  });

  it('GET /readyz is 503 and names the pending migration when one is missing', async () => {
    await ctx.database.pool.query("DELETE FROM schema_migrations WHERE name = '001_foundation.sql'");
    try {
      const res = await request(ctx.app).get('/readyz');
      expect(res.status).toBe(503);
      expect(res.body.checks.migrations.detail).toContain('001_foundation.sql');
    } finally {
      await ctx.database.pool.query("INSERT INTO schema_migrations (name) VALUES ('001_foundation.sql')");
    }
  });

  it('GET /metrics exposes request durations in Prometheus format', async () => {
    await request(ctx.app).get('/');
    const res = await request(ctx.app).get('/metrics');
    expect(res.status).toBe(200);
    expect(res.text).toContain('luento_http_request_duration_seconds_bucket');
    expect(res.text).toMatch(/route="\/"/);
  });
});

describe('readiness when things are down', () => {
  it('reports the queue as not running', async () => {
    const ctx = await createTestContext({ startQueue: false });
    try {
      const res = await request(ctx.app).get('/readyz');
      expect(res.status).toBe(503);
      expect(res.body.checks.queue).toEqual({ ok: false, detail: 'job queue not running' });
    } finally {
      await ctx.close();
    }
  });

  it('reports the database as unreachable once the pool is gone', async () => {
    const ctx = await createTestContext();
    try {
      await ctx.database.close();
      const res = await request(ctx.app).get('/readyz');
      expect(res.status).toBe(503);
      expect(res.body.checks.database.ok).toBe(false);
    } finally {
      await ctx.close();
    }
  });

  it('protects /metrics with a bearer token when METRICS_TOKEN is set', async () => {
    const ctx = await createTestContext({ env: { METRICS_TOKEN: 'metrics-token-0123456789' } });
    try {
      expect((await request(ctx.app).get('/metrics')).status).toBe(401);
      expect((await request(ctx.app).get('/metrics').set('Authorization', 'Bearer wrong-token-0123456789')).status).toBe(401);
      expect((await request(ctx.app).get('/metrics').set('Authorization', 'Bearer metrics-token-0123456789')).status).toBe(200);
    } finally {
      await ctx.close();
    }
  });
});
