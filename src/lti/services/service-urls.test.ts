import { findNextPageUrl, lineItemSubresourceUrl, withQueryParams } from './service-urls.js';

describe('lineItemSubresourceUrl', () => {
  it.each([
    ['https://lms.example/mod/lti/services.php/2/lineitems/7/lineitem?type_id=3', 'scores', 'https://lms.example/mod/lti/services.php/2/lineitems/7/lineitem/scores?type_id=3'],
    ['https://lms.example/mod/lti/services.php/2/lineitems/7/lineitem?type_id=3', 'results', 'https://lms.example/mod/lti/services.php/2/lineitems/7/lineitem/results?type_id=3'],
    ['https://lms.example/api/lti/courses/1/line_items/5', 'scores', 'https://lms.example/api/lti/courses/1/line_items/5/scores'],
    ['https://lms.example/lineitems/5/', 'scores', 'https://lms.example/lineitems/5/scores'],
    ['https://lms.example/li/5?a=1&b=2#frag', 'results', 'https://lms.example/li/5/results?a=1&b=2'],
  ] as const)('%s + %s', (lineItem, sub, expected) => {
    expect(lineItemSubresourceUrl(lineItem, sub)).toBe(expected);
  });
});

describe('findNextPageUrl', () => {
  const page = 'https://lms.example/memberships?type_id=1&limit=2';
  it.each([
    [null, undefined],
    ['', undefined],
    ['<https://lms.example/m?p=2>; rel="next"', 'https://lms.example/m?p=2'],
    ['<https://lms.example/m?p=2>; rel=next', 'https://lms.example/m?p=2'],
    ['<https://lms.example/m?p=2>; rel="NEXT"', 'https://lms.example/m?p=2'],
    ['<https://lms.example/d>; rel="differences", <https://lms.example/m?p=3>; rel="next"', 'https://lms.example/m?p=3'],
    ['<https://lms.example/m?p=1>; rel="prev first", <https://lms.example/m?p=4>; title="x, y"; rel="last next"', 'https://lms.example/m?p=4'],
    ['</memberships?from=4&limit=2>; rel="next"', 'https://lms.example/memberships?from=4&limit=2'],
    ['<https://lms.example/m?p=9>; rel="last"', undefined],
  ])('%s', (header, expected) => {
    expect(findNextPageUrl(header, page)).toBe(expected);
  });
});

describe('withQueryParams', () => {
  it('keeps the existing query and skips undefined values', () => {
    expect(withQueryParams('https://lms.example/lineitems?type_id=3', { resource_link_id: 'rl 1', tag: undefined, limit: 10 })).toBe(
      'https://lms.example/lineitems?type_id=3&resource_link_id=rl+1&limit=10',
    );
  });
});
