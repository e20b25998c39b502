import { checkTokenTimes, LTI, matchAudience, parseLaunchClaims } from './claims.js';
import { LaunchRefusedError } from './launch-errors.js';

const DL = 'https://purl.imsglobal.org/spec/lti-dl/claim/';

/** A resource link launch as Moodle 4.5 sends it (LTI-NOTES). */
function moodleClaims(): Record<string, unknown> {
  return {
    iss: 'https://moodle.example.fi',
    aud: 'client-1',
    azp: 'client-1',
    sub: '42',
    nonce: 'n-1',
    exp: 1_700_000_060,
    iat: 1_700_000_000,
    given_name: 'Maija',
    family_name: 'Meikäläinen',
    name: 'Maija Meikäläinen',
    email: 'maija@example.fi',
    [`${LTI}deployment_id`]: '3',
    [`${LTI}message_type`]: 'LtiResourceLinkRequest',
    [`${LTI}version`]: '1.3.0',
    [`${LTI}target_link_uri`]: 'https://luento.example.fi/lti/launch',
    [`${LTI}resource_link`]: { id: '17', title: 'Videos', description: '' },
    [`${LTI}roles`]: ['http://purl.imsglobal.org/vocab/lis/v2/membership#Learner'],
    [`${LTI}context`]: { id: '5', label: 'BIO101', title: 'Biology', type: ['CourseSection'] },
    [`${LTI}lis`]: { person_sourcedid: '', course_section_sourcedid: '' },
    [`${LTI}launch_presentation`]: { locale: 'fi', document_target: 'iframe', return_url: 'https://moodle.example.fi/mod/lti/return.php' },
    [`${LTI}tool_platform`]: { product_family_code: 'moodle', version: '2024100700' },
    [`${LTI}custom`]: { lang: 'fi', count: 3 },
    [`${LTI}ext`]: { user_username: 'maija' },
    'https://purl.imsglobal.org/spec/lti-ags/claim/endpoint': { scope: ['https://purl.imsglobal.org/spec/lti-ags/scope/score'], lineitems: 'https://moodle.example.fi/mod/lti/services.php/5/lineitems?type_id=1' },
    'https://purl.imsglobal.org/spec/lti-nrps/claim/namesroleservice': { context_memberships_url: 'https://moodle.example.fi/mod/lti/services.php/CourseSection/5/bindings/1/memberships', service_versions: ['1.0', '2.0'] },
    'https://purl.imsglobal.org/spec/lti-bo/claim/basicoutcome': { lis_result_sourcedid: 'x', lis_outcome_service_url: 'y' },
  };
}

function refusal(fn: () => unknown): string | undefined {
  try {
    fn();
  } catch (e) {
    if (e instanceof LaunchRefusedError) return e.reason;
    throw e;
  }
  return undefined;
}

describe('parseLaunchClaims', () => {
  it("parses Moodle's resource link launch into a typed LaunchContext", () => {
    const c = parseLaunchClaims(moodleClaims(), 'client-1');
    expect(c).toMatchObject({
      issuer: 'https://moodle.example.fi',
      deploymentId: '3',
      sub: '42',
      tokenId: 'nonce:n-1',
      user: { name: 'Maija Meikäläinen', email: 'maija@example.fi' },
      context: { id: '5', title: 'Biology', label: 'BIO101' },
      locale: 'fi',
      productFamily: 'moodle',
      custom: { lang: 'fi', count: '3' },
      message: { type: 'LtiResourceLinkRequest', resourceLink: { id: '17', title: 'Videos' } },
    });
    expect(c.services.nrps?.serviceVersions).toEqual(['1.0', '2.0']);
    expect(c.services.ags?.lineItems).toContain('lineitems');
  });

  it('uses jti for replay detection when the platform sends one', () => {
    expect(parseLaunchClaims({ ...moodleClaims(), jti: 'j-9' }, 'client-1').tokenId).toBe('jti:j-9');
  });

  it('builds the name from given and family names when name is missing', () => {
    const { name: _n, ...rest } = moodleClaims();
    expect(parseLaunchClaims(rest, 'client-1').user.name).toBe('Maija Meikäläinen');
  });

  it('parses a Deep Linking request', () => {
    const claims = { ...moodleClaims(), [`${LTI}message_type`]: 'LtiDeepLinkingRequest', [`${DL}deep_linking_settings`]: { deep_link_return_url: 'https://moodle.example.fi/dl', accept_types: ['ltiResourceLink'], accept_multiple: true, data: 'abc' } };
    expect(parseLaunchClaims(claims, 'client-1').message).toEqual({ type: 'LtiDeepLinkingRequest', deepLink: { returnUrl: 'https://moodle.example.fi/dl', acceptTypes: ['ltiResourceLink'], acceptMultiple: true, data: 'abc' } });
  });

  const without = (key: string) => {
    const c = moodleClaims();
    delete c[key];
    return c;
  };
  it.each([
    ['no version', without(`${LTI}version`), 'version_unsupported'],
    ['version 1.1', { ...moodleClaims(), [`${LTI}version`]: '1.1.0' }, 'version_unsupported'],
    ['no message type', without(`${LTI}message_type`), 'message_type_unsupported'],
    ['a submission review', { ...moodleClaims(), [`${LTI}message_type`]: 'LtiSubmissionReviewRequest' }, 'message_type_unsupported'],
    ['no sub', without('sub'), 'claims_invalid'],
    ['no deployment id', without(`${LTI}deployment_id`), 'claims_invalid'],
    ['no roles', without(`${LTI}roles`), 'claims_invalid'],
    ['roles not an array', { ...moodleClaims(), [`${LTI}roles`]: 'Learner' }, 'claims_invalid'],
    ['no context', without(`${LTI}context`), 'claims_invalid'],
    ['no resource link', without(`${LTI}resource_link`), 'claims_invalid'],
    ['no target link uri', without(`${LTI}target_link_uri`), 'claims_invalid'],
    ['no nonce', without('nonce'), 'claims_invalid'],
    ['deep linking without settings', { ...moodleClaims(), [`${LTI}message_type`]: 'LtiDeepLinkingRequest' }, 'claims_invalid'],
  ])('refuses %s', (_name, claims, reason) => {
    expect(refusal(() => parseLaunchClaims(claims, 'client-1'))).toBe(reason);
  });
});

describe('matchAudience', () => {
  it.each([
    ['aud is the client id', { aud: 'c1', azp: undefined }, ['c1'], 'c1'],
    ['aud array with azp', { aud: ['c1', 'x'], azp: 'c1' }, ['c1'], 'c1'],
    ['the second of two registrations', { aud: 'c2', azp: 'c2' }, ['c1', 'c2'], 'c2'],
    ['Moodle consumer key', { aud: 'consumer-key', azp: undefined }, ['c1'], 'consumer_key_aud'],
    ['no matching audience in a list', { aud: ['x', 'y'], azp: 'x' }, ['c1'], 'wrong_audience'],
    ['several audiences, no azp', { aud: ['c1', 'x'], azp: undefined }, ['c1'], 'wrong_azp'],
    ['several audiences, another azp', { aud: ['c1', 'x'], azp: 'x' }, ['c1'], 'wrong_azp'],
    ['one audience but another azp', { aud: 'c1', azp: 'x' }, ['c1'], 'wrong_azp'],
  ] as const)('%s', (_name, token, clientIds, want) => {
    let got: string;
    try {
      got = matchAudience({ aud: token.aud as string | string[], azp: token.azp }, clientIds);
    } catch (e) {
      got = (e as LaunchRefusedError).reason;
    }
    expect(got).toBe(want);
  });
});

describe('checkTokenTimes (Moodle tokens live 60 s; 10 s skew)', () => {
  const now = new Date(1_700_000_030_000);
  const opts = { now, skewSeconds: 10, maxAgeSeconds: 300 };
  it.each([
    ['fresh', { iat: 1_700_000_000, exp: 1_700_000_060 }, undefined],
    ['expired within skew', { iat: 1_699_999_960, exp: 1_700_000_025 }, undefined],
    ['expired beyond skew', { iat: 1_699_999_950, exp: 1_700_000_010 }, 'token_expired'],
    ['issued slightly in the future', { iat: 1_700_000_035, exp: 1_700_000_095 }, undefined],
    ['issued far in the future', { iat: 1_700_000_100, exp: 1_700_000_160 }, 'token_from_future'],
    ['issued too long ago though exp is far', { iat: 1_699_999_000, exp: 1_700_009_000 }, 'token_expired'],
    ['exp missing', { iat: 1_700_000_000 }, 'claims_invalid'],
    ['iat a string', { iat: '1700000000', exp: 1_700_000_060 }, 'claims_invalid'],
  ])('%s', (_name, token, want) => {
    expect(refusal(() => checkTokenTimes(token, opts))).toBe(want);
  });
});
