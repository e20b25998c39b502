// Pure URL rules of the LTI Advantage services.

const LINK_VALUE = /<([^>]*)>\s*((?:;\s*[^;,=\s]+\s*(?:=\s*(?:"[^"]*"|[^;,\s]*))?\s*)*)/g;
const LINK_PARAM = /;\s*([^;,=\s]+)\s*(?:=\s*(?:"([^"]*)"|([^;,\s]*)))?/g;

/**
 * The `rel="next"` target of an RFC 8288 Link header, resolved against the URL of the page that carried
 * it (NRPS 2.0 §2.4.1 and AGS 2.0 §3.2.6 page through containers this way). `rel` may list several
 * relation types, quoted or not, in any case.
 */
export function findNextPageUrl(linkHeader: string | null | undefined, pageUrl: string): string | undefined {
  if (!linkHeader) return undefined;
  for (const match of linkHeader.matchAll(LINK_VALUE)) {
    const [, target = '', params = ''] = match;
    for (const p of params.matchAll(LINK_PARAM)) {
      const name = (p[1] ?? '').toLowerCase();
      const value = (p[2] ?? p[3] ?? '').toLowerCase();
      if (name === 'rel' && value.split(/\s+/).includes('next')) return new URL(target, pageUrl).toString();
    }
  }
  return undefined;
}

/**
 * The scores or results URL of a line item: AGS 2.0 §3.3 and §3.4 append `/scores` (`/results`) to the
 * line item URL's PATH, so any query stays after it. Moodle's line item URLs carry `?type_id=N`, and it
 * expects `…/lineitem/scores?type_id=N`; naive string concatenation would give `…?type_id=N/scores`.
 */
export function lineItemSubresourceUrl(lineItemUrl: string, sub: 'scores' | 'results'): string {
  const url = new URL(lineItemUrl);
  url.pathname = `${url.pathname.replace(/\/+$/, '')}/${sub}`;
  url.hash = '';
  return url.toString();
}

/** Adds query parameters to a service URL, keeping the ones it already has (such as Moodle's type_id). */
export function withQueryParams(serviceUrl: string, params: Record<string, string | number | undefined>): string {
  const url = new URL(serviceUrl);
  for (const [name, value] of Object.entries(params)) if (value !== undefined) url.searchParams.set(name, String(value));
  return url.toString();
}
