import { ConfigError, loadConfig } from './config.js';

describe('loadConfig', () => {
  it('gives working defaults for development', () => {
    const c = loadConfig({});
    expect(c.env).toBe('development');
    expect(c.http.port).toBe(3000);
    expect(c.http.publicUrl).toBe('http://localhost:3000');
    expect(c.db.url).toBeUndefined();
    expect(c.jobs.runInProcess).toBe(true); // embedded: one process does everything
    expect(c.dataDir).toMatch(/\/data$/);
  });

  it('treats empty strings as unset, as .env files write them', () => {
    expect(loadConfig({ DATABASE_URL: '', PORT: '' }).http.port).toBe(3000);
  });

  it('runs workers out of process by default when an external database is used', () => {
    expect(loadConfig({ DATABASE_URL: 'postgres://u:p@db/luento' }).jobs.runInProcess).toBe(false);
    expect(loadConfig({ DATABASE_URL: 'postgres://u:p@db/luento', RUN_WORKERS: 'true' }).jobs.runInProcess).toBe(true);
  });

  it('lists every problem at once', () => {
    let err: unknown;
    try {
      loadConfig({ PORT: 'eighty', DATABASE_URL: 'mysql://x', LOG_LEVEL: 'loud', FRAME_ANCESTORS: 'https://ok.example, not a url' });
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(ConfigError);
    const problems = (err as ConfigError).problems.join('\n');
    for (const key of ['PORT', 'DATABASE_URL', 'LOG_LEVEL', 'FRAME_ANCESTORS']) expect(problems).toContain(key);
    expect((err as ConfigError).problems).toHaveLength(4);
  });

  it.each([
    [{ NODE_ENV: 'production' }, ['SECRET_KEY', 'PUBLIC_URL']],
    [{ NODE_ENV: 'production', PUBLIC_URL: 'http://luento.example.fi', SECRET_KEY: 'x'.repeat(40) }, ['https://']],
    [{ SECRET_KEY: 'short' }, ['at least 32']],
  ])('refuses unsafe settings %j', (env, expected) => {
    expect(() => loadConfig(env)).toThrow(ConfigError);
    try {
      loadConfig(env);
    } catch (e) {
      for (const text of expected) expect((e as ConfigError).message).toContain(text);
    }
  });

  it('accepts a complete production configuration', () => {
    const c = loadConfig({
      NODE_ENV: 'production',
      PUBLIC_URL: 'https://video.example.fi/',
      SECRET_KEY: 'k'.repeat(48),
      DATABASE_URL: 'postgresql://luento:pw@db.example.fi:5432/luento',
      FRAME_ANCESTORS: 'https://learn.example.fi https://moodle.example.fi:8443',
    });
    expect(c.http.publicUrl).toBe('https://video.example.fi');
    expect(c.http.frameAncestors).toEqual(['https://learn.example.fi', 'https://moodle.example.fi:8443']);
  });
});
