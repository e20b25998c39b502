import request from 'supertest';
import { createTestContext, type TestContext } from './helpers/test-app.js';

describe('pages, locale and errors', () => {
  let ctx: TestContext;
  beforeAll(async () => {
    ctx = await createTestContext({ env: { FRAME_ANCESTORS: 'https://learn.example.fi' } });
  });
  afterAll(() => ctx.close());

  it.each([
    ['fi-FI,fi;q=0.9,en;q=0.8', 'fi', 'Luento-kurssivideot'],
    ['sv-FI', 'sv', 'Luento kursvideor'],
    ['de-DE,en;q=0.5', 'en', 'Luento course videos'],
    ['de-DE', 'en', 'Luento course videos'],
  ])('chooses the locale from Accept-Language %s', async (header, lang, heading) => {
    const res = await request(ctx.app).get('/').set('Accept-Language', header);
    expect(res.status).toBe(200);
    expect(res.text).toContain(`<html lang="${lang}">`);
    expect(res.text).toContain(heading);
  });

  it('lets the user override the locale, and the override wins', async () => {
    const res = await request(ctx.app).post('/locale').type('form').send({ locale: 'sv', returnTo: '/' });
    expect(res.status).toBe(303);
    expect(res.headers.location).toBe('/');
    const cookie = res.headers['set-cookie']![0]!;
    // PUBLIC_URL is https: the cookie must survive inside an LMS iframe.
    expect(cookie).toMatch(/luento_locale=sv/);
    expect(cookie).toMatch(/SameSite=None/);
    expect(cookie).toMatch(/Secure/);
    expect(cookie).toMatch(/Partitioned/);
    const page = await request(ctx.app).get('/').set('Accept-Language', 'fi').set('Cookie', 'luento_locale=sv');
    expect(page.text).toContain('<html lang="sv">');
  });

  it('refuses an open redirect through returnTo', async () => {
    for (const returnTo of ['https://evil.example', '//evil.example', '/\\evil.example']) {
      const res = await request(ctx.app).post('/locale').type('form').send({ locale: 'fi', returnTo }).set('Accept', 'application/json');
      expect(res.status).toBe(400);
      expect(res.body.error.code).toBe('validation_failed');
      expect(res.body.error.message).toContain('returnTo');
    }
  });

  it('renders a translated 404 page for people and JSON for programs', async () => {
    const html = await request(ctx.app).get('/no/such/page').set('Accept-Language', 'fi');
    expect(html.status).toBe(404);
    expect(html.text).toContain('Tätä sivua ei ole.');
    expect(html.text).toContain('not_found');
    const json = await request(ctx.app).get('/no/such/page').set('Accept', 'application/json');
    expect(json.status).toBe(404);
    expect(json.body.error).toMatchObject({ code: 'not_found' });
    expect(json.body.error.requestId).toBe(json.headers['x-request-id']);
  });

  it('answers a malformed body with a 400, not a 500', async () => {
    const res = await request(ctx.app).post('/locale').type('form').send('locale=%E0%A4%A').set('Accept', 'application/json');
    expect(res.status).toBe(400);
  });

  it('sets headers fit for an LMS iframe: frame-ancestors, no X-Frame-Options, a script nonce', async () => {
    const res = await request(ctx.app).get('/');
    const csp = res.headers['content-security-policy'] as string;
    expect(csp).toContain("frame-ancestors 'self' https://learn.example.fi");
    expect(csp).toMatch(/script-src 'self' 'nonce-[A-Za-z0-9+/=]{20,}'/);
    expect(csp).toContain("object-src 'none'");
    expect(res.headers['x-frame-options']).toBeUndefined();
    expect(res.headers['referrer-policy']).toBe('same-origin');
    expect(res.headers['strict-transport-security']).toBeDefined();
  });

  it('keeps an incoming request id, and makes one when there is none', async () => {
    const given = await request(ctx.app).get('/healthz').set('X-Request-Id', 'lms-req-12345678');
    expect(given.headers['x-request-id']).toBe('lms-req-12345678');
    const made = await request(ctx.app).get('/healthz');
    expect(made.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
  });
});
