import request from 'supertest';
import { ConfigError, loadConfig } from '../../src/config.js';
import { createTestContext } from '../helpers/test-app.js';

describe('demo LMS configuration', () => {
  it('is on by default in embedded mode, off with an external database', () => {
    expect(loadConfig({}).demo.enabled).toBe(true);
    expect(loadConfig({ DATABASE_URL: 'postgres://u:p@db/luento' }).demo.enabled).toBe(false);
    expect(loadConfig({ DATABASE_URL: 'postgres://u:p@db/luento', DEMO_LMS: 'true' }).demo.enabled).toBe(true);
  });

  it('cannot be enabled in production', () => {
    const prod = { NODE_ENV: 'production', SECRET_KEY: 'x'.repeat(40), PUBLIC_URL: 'https://luento.example.fi', DATABASE_URL: 'postgres://u:p@db/l' };
    expect(() => loadConfig({ ...prod, DEMO_LMS: 'true' })).toThrow(ConfigError);
    expect(() => loadConfig({ ...prod, DEMO_LMS: 'true' })).toThrow(/DEMO_LMS: .*cannot be enabled when NODE_ENV=production/);
    // Embedded production (no DATABASE_URL) does not switch it on either.
    const { DATABASE_URL: _d, ...embeddedProd } = prod;
    expect(loadConfig(embeddedProd).demo.enabled).toBe(false);
  });

  it('is not mounted when off', async () => {
    const ctx = await createTestContext({ startQueue: false });
    try {
      expect((await request(ctx.app).get('/demo')).status).toBe(404);
      expect((await request(ctx.app).get('/demo/jwks')).status).toBe(404);
    } finally {
      ctx.deps.lti.frameAncestors.stop();
      await ctx.close();
    }
  });
});
