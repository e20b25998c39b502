// Assignment and Grade Services 2.0 client: line items (list, create, get), scores and results.
import { parseInput } from '../../http/validate.js';
import {
  lineItemContainerSchema,
  lineItemSchema,
  newLineItemInput,
  resultContainerSchema,
  scoreInput,
  type GradeResult,
  type LineItem,
  type NewLineItem,
  type ScoreInput,
} from './ags-schemas.js';
import { callService, collectPages, parseServiceJson, type ServiceClientOptions } from './service-client.js';
import { AGS_SCOPE_LINEITEM, AGS_SCOPE_LINEITEM_READONLY, AGS_SCOPE_RESULT_READONLY, AGS_SCOPE_SCORE, AGS_SCOPES, MEDIA_TYPE } from './service-constants.js';
import { findNextPageUrl, lineItemSubresourceUrl, withQueryParams } from './service-urls.js';

export type LineItemFilter = { resourceLinkId?: string; resourceId?: string; tag?: string; limit?: number };
export type ResultFilter = { userId?: string; limit?: number };

export type AgsClient = {
  listLineItems(lineItemsUrl: string, filter?: LineItemFilter): Promise<LineItem[]>;
  createLineItem(lineItemsUrl: string, item: NewLineItem): Promise<LineItem>;
  getLineItem(lineItemUrl: string): Promise<LineItem>;
  postScore(lineItemUrl: string, score: ScoreInput): Promise<void>;
  listResults(lineItemUrl: string, filter?: ResultFilter): Promise<GradeResult[]>;
};

export type AgsClientOptions = ServiceClientOptions & {
  /**
   * The scopes to ask a token for: pass the `scope` list of the launch's AGS endpoint claim. One token
   * then serves every AGS call of this platform. Defaults to all four AGS scopes.
   */
  scopes?: readonly string[];
  now?: () => Date;
};

export function createAgsClient(opts: AgsClientOptions): AgsClient {
  const tokenScopes = opts.scopes ?? AGS_SCOPES;
  const now = opts.now ?? (() => new Date());
  const readLineItems = [AGS_SCOPE_LINEITEM, AGS_SCOPE_LINEITEM_READONLY];

  return {
    async listLineItems(lineItemsUrl, filter = {}) {
      const first = withQueryParams(lineItemsUrl, {
        resource_link_id: filter.resourceLinkId,
        resource_id: filter.resourceId,
        tag: filter.tag,
        limit: filter.limit,
      });
      const { items } = await collectPages({
        firstUrl: first,
        maxPages: opts.maxPages ?? 1000,
        fetchPage: async (url) => {
          const reply = await callService(opts, { method: 'GET', url, tokenScopes, allowedBy: readLineItems, accept: MEDIA_TYPE.lineItemContainer });
          return { items: parseServiceJson(reply, lineItemContainerSchema, 'line item list'), nextUrl: findNextPageUrl(reply.headers.get('link'), url) };
        },
      });
      return items;
    },

    async createLineItem(lineItemsUrl, item) {
      const body = parseInput(newLineItemInput, item);
      const reply = await callService(opts, {
        method: 'POST',
        url: lineItemsUrl,
        tokenScopes,
        allowedBy: [AGS_SCOPE_LINEITEM],
        accept: MEDIA_TYPE.lineItem,
        contentType: MEDIA_TYPE.lineItem,
        body,
      });
      return parseServiceJson(reply, lineItemSchema, 'new line item');
    },

    async getLineItem(lineItemUrl) {
      const reply = await callService(opts, { method: 'GET', url: lineItemUrl, tokenScopes, allowedBy: readLineItems, accept: MEDIA_TYPE.lineItem });
      return parseServiceJson(reply, lineItemSchema, 'line item');
    },

    async postScore(lineItemUrl, score) {
      const s = parseInput(scoreInput, score);
      // AGS 2.0 §3.3.4: timestamp in ISO 8601 with sub-second precision, which toISOString gives.
      const body = { ...s, timestamp: (s.timestamp ?? now()).toISOString() };
      await callService(opts, {
        method: 'POST',
        url: lineItemSubresourceUrl(lineItemUrl, 'scores'),
        tokenScopes,
        allowedBy: [AGS_SCOPE_SCORE],
        contentType: MEDIA_TYPE.score,
        body,
      });
    },

    async listResults(lineItemUrl, filter = {}) {
      const first = withQueryParams(lineItemSubresourceUrl(lineItemUrl, 'results'), { user_id: filter.userId, limit: filter.limit });
      const { items } = await collectPages({
        firstUrl: first,
        maxPages: opts.maxPages ?? 1000,
        fetchPage: async (url) => {
          const reply = await callService(opts, {
            method: 'GET',
            url,
            tokenScopes,
            allowedBy: [AGS_SCOPE_RESULT_READONLY],
            accept: MEDIA_TYPE.resultContainer,
          });
          return { items: parseServiceJson(reply, resultContainerSchema, 'result list'), nextUrl: findNextPageUrl(reply.headers.get('link'), url) };
        },
      });
      return items;
    },
  };
}
