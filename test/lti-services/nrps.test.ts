// The NRPS client against the demo LMS's memberships endpoint, and the endpoint's own checks.
import { createAccessTokenClient } from '../../src/lti/services/access-token-client.js';
import { createNrpsClient } from '../../src/lti/services/nrps-client.js';
import { AGS_SCOPE_SCORE, MEDIA_TYPE, NRPS_SCOPE_MEMBERSHIP_READONLY } from '../../src/lti/services/service-constants.js';
import { COURSE_ID, createClock, demoMembers, generateToolKey, INSTRUCTOR, LEARNER, startDemoPlatform, startRawServer, type DemoPlatform, type TestClock, type ToolKey } from './demo-platform.js';

describe('NRPS client against the demo LMS', () => {
  let key: ToolKey;
  let clock: TestClock;
  let lms: DemoPlatform;
  const members = demoMembers(7);

  beforeAll(async () => {
    key = await generateToolKey('tool-1');
    clock = createClock();
    lms = await startDemoPlatform({ toolJwks: [key.publicJwk], clock, members, pageSize: 2 });
  });
  afterAll(() => lms.close());

  const client = () => createNrpsClient({ tokens: createAccessTokenClient({ signingKey: key.signingKey, now: clock.now }), platform: lms.platform });

  it('follows Link rel="next" through every page into typed members', async () => {
    const before = lms.requests.length;
    const result = await client().fetchMemberships(lms.urls.contextMembershipsUrl(COURSE_ID));
    expect(result.pages).toBe(4);
    expect(result.context).toEqual({ id: COURSE_ID, label: 'DEMO101', title: 'Demo course' });
    expect(result.members.map((m) => m.userId)).toEqual(['u1', 'u2', 'u3', 'u4', 'u5', 'u6', 'u7']);
    expect(result.members[0]).toEqual({
      userId: 'u1',
      roles: [INSTRUCTOR],
      status: 'Active',
      name: 'Person 1',
      givenName: 'Person',
      familyName: '1',
      email: 'p1@uni.example',
      lisPersonSourcedId: undefined,
    });
    const pageRequests = lms.requests.slice(before).filter((r) => r.url.includes('/memberships'));
    expect(pageRequests).toHaveLength(4);
    expect(pageRequests.every((r) => r.accept === MEDIA_TYPE.membershipContainer)).toBe(true);
    expect(lms.tokenRequests()).toBeGreaterThan(0);
  });

  it('passes role and limit to the platform', async () => {
    const learners = await client().fetchMemberships(lms.urls.contextMembershipsUrl(COURSE_ID), { role: 'Learner', limit: 1 });
    expect(learners.members.map((m) => m.userId)).toEqual(['u2', 'u3', 'u4', 'u5', 'u6', 'u7']);
    expect(learners.members.every((m) => m.roles.includes(LEARNER))).toBe(true);
    expect(learners.pages).toBe(6);
  });

  it('answers 401 without a token and 403 for a token without the NRPS scope, as JSON', async () => {
    const url = lms.urls.contextMembershipsUrl(COURSE_ID);
    const anonymous = await fetch(url, { headers: { accept: MEDIA_TYPE.membershipContainer } });
    expect(anonymous.status).toBe(401);
    expect(anonymous.headers.get('www-authenticate')).toContain('invalid_token');
    expect(await anonymous.json()).toMatchObject({ error: { code: 'invalid_token', message: expect.stringContaining('Bearer') } });

    const tokens = createAccessTokenClient({ signingKey: key.signingKey, now: clock.now });
    const scoreOnly = await tokens.getAccessToken(lms.platform, [AGS_SCOPE_SCORE]);
    const wrongScope = await fetch(url, { headers: { authorization: `Bearer ${scoreOnly.token}`, accept: MEDIA_TYPE.membershipContainer } });
    expect(wrongScope.status).toBe(403);
    expect(await wrongScope.json()).toMatchObject({ error: { code: 'insufficient_scope', message: expect.stringContaining(NRPS_SCOPE_MEMBERSHIP_READONLY) } });

    const expired = await tokens.getAccessToken(lms.platform, [NRPS_SCOPE_MEMBERSHIP_READONLY]);
    clock.advanceSeconds(3601);
    const late = await fetch(url, { headers: { authorization: `Bearer ${expired.token}` } });
    expect(late.status).toBe(401);
    expect(await late.json()).toMatchObject({ error: { code: 'invalid_token', message: expect.stringContaining('expired') } });
  });

  it('refuses an unknown course with a clear 404', async () => {
    await expect(client().fetchMemberships(lms.urls.contextMembershipsUrl('no-such-course'))).rejects.toMatchObject({
      code: 'lti_service_rejected',
      details: { upstreamStatus: 404, body: expect.stringContaining('no course') },
    });
  });
});

describe('NRPS client against platforms that misbehave', () => {
  let key: ToolKey;
  let clock: TestClock;
  let lms: DemoPlatform;
  beforeAll(async () => {
    key = await generateToolKey('tool-1');
    clock = createClock();
    lms = await startDemoPlatform({ toolJwks: [key.publicJwk], clock });
  });
  afterAll(() => lms.close());
  const client = () => createNrpsClient({ tokens: createAccessTokenClient({ signingKey: key.signingKey, now: clock.now }), platform: lms.platform, maxPages: 5 });

  it('names the bad fields of a membership list that does not fit the spec', async () => {
    const bad = await startRawServer((_req, res) => {
      res.setHeader('content-type', MEDIA_TYPE.membershipContainer);
      res.end(JSON.stringify({ context: { id: 'c' }, members: [{ user_id: 'a', roles: ['x'] }, { roles: 'Learner' }] }));
    });
    try {
      await expect(client().fetchMemberships(`${bad.url}/memberships`)).rejects.toMatchObject({
        code: 'lti_service_invalid_response',
        details: { issues: expect.arrayContaining([expect.stringMatching(/^members\.1\.user_id/), expect.stringMatching(/^members\.1\.roles/)]) },
      });
    } finally {
      await bad.close();
    }
  });

  it('stops a platform whose pages link back to themselves', async () => {
    const loop = await startRawServer((req, res) => {
      res.setHeader('link', `<${req.url === '/m?p=2' ? '/m?p=1' : '/m?p=2'}>; rel="next"`);
      res.end(JSON.stringify({ context: { id: 'c' }, members: [] }));
    });
    try {
      await expect(client().fetchMemberships(`${loop.url}/m?p=1`)).rejects.toMatchObject({ code: 'lti_service_invalid_response', message: expect.stringContaining('link back') });
      expect(loop.hits()).toBe(2);
    } finally {
      await loop.close();
    }
  });
});
