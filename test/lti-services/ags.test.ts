// The AGS client against the demo LMS: line items, scores (with Moodle's score URL), results.
import { createAccessTokenClient } from '../../src/lti/services/access-token-client.js';
import { createAgsClient, type AgsClient } from '../../src/lti/services/ags-client.js';
import { AGS_SCOPE_LINEITEM_READONLY, AGS_SCOPES, MEDIA_TYPE } from '../../src/lti/services/service-constants.js';
import { COURSE_ID, createClock, generateToolKey, startDemoPlatform, type DemoPlatform, type TestClock, type ToolKey } from './demo-platform.js';

describe('AGS client against the demo LMS', () => {
  let key: ToolKey;
  let clock: TestClock;
  let lms: DemoPlatform;
  let ags: AgsClient;

  beforeAll(async () => {
    key = await generateToolKey('tool-1');
    clock = createClock();
    lms = await startDemoPlatform({ toolJwks: [key.publicJwk], clock, pageSize: 2 });
    ags = createAgsClient({ tokens: createAccessTokenClient({ signingKey: key.signingKey, now: clock.now }), platform: lms.platform, scopes: AGS_SCOPES, now: clock.now });
  });
  afterAll(() => lms.close());

  it('creates a line item, posts a score to Moodle\'s score URL and reads the result back', async () => {
    const before = lms.requests.length;
    const item = await ags.createLineItem(lms.urls.lineItemsUrl(COURSE_ID), { label: 'Lecture 1 watched', scoreMaximum: 10, resourceLinkId: 'rl-1', tag: 'video' });
    expect(item).toMatchObject({ label: 'Lecture 1 watched', scoreMaximum: 10, resourceLinkId: 'rl-1', tag: 'video' });
    expect(item.id).toMatch(/\/services\.php\/course-42\/lineitems\/\d+\/lineitem\?type_id=1$/);
    expect(await ags.getLineItem(item.id)).toEqual(item);

    await ags.postScore(item.id, { userId: 'u2', scoreGiven: 7.5, scoreMaximum: 10, comment: 'Watched 75%', activityProgress: 'InProgress', gradingProgress: 'FullyGraded' });
    const sent = lms.requests.slice(before);
    const scorePost = sent.find((r) => r.method === 'POST' && r.url.includes('/scores'));
    expect(scorePost?.url).toMatch(/\/lineitem\/scores\?type_id=1$/);
    expect(scorePost?.contentType).toBe(MEDIA_TYPE.score);
    expect(sent.find((r) => r.method === 'POST' && r.url.endsWith('/lineitems?type_id=1'))).toMatchObject({ contentType: MEDIA_TYPE.lineItem, accept: MEDIA_TYPE.lineItem });

    expect(lms.gradebook.listScores()).toEqual([
      expect.objectContaining({ userId: 'u2', scoreGiven: 7.5, scoreMaximum: 10, comment: 'Watched 75%', activityProgress: 'InProgress', gradingProgress: 'FullyGraded', timestamp: clock.now().toISOString() }),
    ]);
    const results = await ags.listResults(item.id);
    expect(results).toEqual([expect.objectContaining({ userId: 'u2', resultScore: 7.5, resultMaximum: 10, comment: 'Watched 75%', scoreOf: item.id })]);
    expect(lms.requests.at(-1)).toMatchObject({ accept: MEDIA_TYPE.resultContainer, url: expect.stringMatching(/\/lineitem\/results\?type_id=1$/) });
  });

  it('keeps the newest score, refuses an older one, and filters results by user', async () => {
    const item = await ags.createLineItem(lms.urls.lineItemsUrl(COURSE_ID), { label: 'Quiz', scoreMaximum: 5 });
    const t0 = clock.now();
    for (const userId of ['u2', 'u3', 'u4']) await ags.postScore(item.id, { userId, scoreGiven: 1, scoreMaximum: 5, activityProgress: 'Completed', gradingProgress: 'FullyGraded', timestamp: t0 });
    await ags.postScore(item.id, { userId: 'u3', scoreGiven: 4, scoreMaximum: 5, activityProgress: 'Completed', gradingProgress: 'FullyGraded', timestamp: new Date(t0.getTime() + 1000) });
    await expect(
      ags.postScore(item.id, { userId: 'u3', scoreGiven: 0, scoreMaximum: 5, activityProgress: 'Completed', gradingProgress: 'FullyGraded', timestamp: new Date(t0.getTime() - 1000) }),
    ).rejects.toMatchObject({ code: 'lti_service_rejected', details: { upstreamStatus: 409 } });
    // Three results on pages of two: the client follows the Link header.
    expect((await ags.listResults(item.id)).map((r) => [r.userId, r.resultScore])).toEqual([['u2', 1], ['u3', 4], ['u4', 1]]);
    expect(await ags.listResults(item.id, { userId: 'u3' })).toEqual([expect.objectContaining({ userId: 'u3', resultScore: 4 })]);
  });

  it('lists line items across pages and filters them by resource link', async () => {
    const url = lms.urls.lineItemsUrl('course-42');
    await ags.createLineItem(url, { label: 'Extra', scoreMaximum: 1, resourceLinkId: 'rl-2' });
    const all = await ags.listLineItems(url);
    expect(all.map((i) => i.label)).toEqual(['Lecture 1 watched', 'Quiz', 'Extra']);
    const pageRequests = lms.requests.filter((r) => r.method === 'GET' && r.url.includes('/lineitems?type_id=1'));
    expect(pageRequests.at(-1)).toMatchObject({ accept: MEDIA_TYPE.lineItemContainer, url: expect.stringContaining('from=2') });
    expect((await ags.listLineItems(url, { resourceLinkId: 'rl-2' })).map((i) => i.label)).toEqual(['Extra']);
  });

  it('refuses bad input before sending anything', async () => {
    const before = lms.requests.length;
    await expect(ags.createLineItem(lms.urls.lineItemsUrl(COURSE_ID), { label: ' ', scoreMaximum: 0 })).rejects.toMatchObject({
      code: 'validation_failed',
      status: 400,
      fields: expect.arrayContaining([expect.objectContaining({ field: 'label' }), expect.objectContaining({ field: 'scoreMaximum' })]),
    });
    await expect(ags.postScore(lms.urls.lineItemUrl(COURSE_ID, '1'), { userId: 'u2', scoreGiven: 3, activityProgress: 'Completed', gradingProgress: 'FullyGraded' })).rejects.toMatchObject({
      code: 'validation_failed',
      fields: [expect.objectContaining({ field: 'scoreMaximum' })],
    });
    expect(lms.requests.length).toBe(before);
  });

  it('reports a score for a user outside the course as the platform\'s refusal', async () => {
    await expect(
      ags.postScore(lms.urls.lineItemUrl(COURSE_ID, '1'), { userId: 'ghost', scoreGiven: 1, scoreMaximum: 1, activityProgress: 'Completed', gradingProgress: 'FullyGraded' }),
    ).rejects.toMatchObject({ code: 'lti_service_rejected', details: { upstreamStatus: 400, body: expect.stringContaining('not a member') } });
  });

  it('does not call a service whose scope the platform did not grant', async () => {
    const readOnly = createAgsClient({
      tokens: createAccessTokenClient({ signingKey: key.signingKey, now: clock.now }),
      platform: lms.platform,
      scopes: [AGS_SCOPE_LINEITEM_READONLY],
    });
    expect(await readOnly.getLineItem(lms.urls.lineItemUrl(COURSE_ID, '1'))).toMatchObject({ label: 'Lecture 1 watched' });
    const before = lms.requests.length;
    await expect(
      readOnly.postScore(lms.urls.lineItemUrl(COURSE_ID, '1'), { userId: 'u2', activityProgress: 'Started', gradingProgress: 'NotReady' }),
    ).rejects.toMatchObject({ code: 'lti_scope_not_granted', status: 502 });
    expect(lms.requests.length).toBe(before);
  });
});

describe('demo LMS AGS endpoints, called directly', () => {
  let key: ToolKey;
  let lms: DemoPlatform;
  let bearer: string;
  beforeAll(async () => {
    key = await generateToolKey('tool-1');
    const clock = createClock();
    lms = await startDemoPlatform({ toolJwks: [key.publicJwk], clock });
    bearer = `Bearer ${(await createAccessTokenClient({ signingKey: key.signingKey, now: clock.now }).getAccessToken(lms.platform, AGS_SCOPES)).token}`;
    lms.gradebook.addLineItem({ contextId: COURSE_ID, label: 'Item', scoreMaximum: 1 });
  });
  afterAll(() => lms.close());

  const score = { userId: 'u2', scoreGiven: 1, scoreMaximum: 1, activityProgress: 'Completed', gradingProgress: 'FullyGraded', timestamp: '2030-01-01T10:00:00.000Z' };

  it('answers a score posted to the naive URL (`…?type_id=1/scores`) with 404, not a recorded grade', async () => {
    const naive = `${lms.urls.lineItemUrl(COURSE_ID, '1')}/scores`;
    const res = await fetch(naive, { method: 'POST', headers: { authorization: bearer, 'content-type': MEDIA_TYPE.score }, body: JSON.stringify(score) });
    expect(res.status).toBe(404);
    expect(lms.gradebook.listScores()).toEqual([]);
  });

  it.each([
    ['a wrong media type', { 'content-type': 'application/json' }, JSON.stringify(score), 415, 'unsupported_media_type'],
    ['malformed JSON', { 'content-type': MEDIA_TYPE.score }, '{"userId":', 400, 'entity.parse.failed'],
    ['a score without a timestamp', { 'content-type': MEDIA_TYPE.score }, JSON.stringify({ ...score, timestamp: undefined }), 400, 'validation_failed'],
  ])('refuses %s with a JSON error', async (_what, headers, body, status, code) => {
    const res = await fetch(lms.urls.lineItemUrl(COURSE_ID, '1').replace('/lineitem?', '/lineitem/scores?'), { method: 'POST', headers: { authorization: bearer, ...headers }, body });
    expect(res.status).toBe(status);
    expect(await res.json()).toMatchObject({ error: { code } });
  });

  it('needs the type_id that Moodle puts in every URL', async () => {
    const withoutType = lms.urls.lineItemsUrl(COURSE_ID).replace('?type_id=1', '');
    const res = await fetch(withoutType, { headers: { authorization: bearer } });
    expect(res.status).toBe(400);
    expect(await res.json()).toMatchObject({ error: { code: 'missing_type_id' } });
    expect((await fetch(lms.urls.lineItemsUrl(COURSE_ID).replace('type_id=1', 'type_id=9'), { headers: { authorization: bearer } })).status).toBe(404);
  });
});
