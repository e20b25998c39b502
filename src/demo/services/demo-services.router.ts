// The demo LMS's LTI Advantage services: a token endpoint, NRPS and AGS, at Moodle's URL shapes. Mount
// it where `baseUrl` points; demoServiceClaims gives the launch claims that announce these URLs.
import express, { Router } from 'express';
import type { Logger } from '../../logger.js';
import { createDemoGradebook, type DemoGradebook } from './demo-gradebook.js';
import { demoAgsRoutes } from './demo-ags.routes.js';
import { demoNrpsRoutes } from './demo-nrps.routes.js';
import type { DemoCourse, DemoServiceContext } from './demo-service-context.js';
import { serviceErrorHandler } from './demo-service-http.js';
import { demoGrantableScopes, demoServiceUrls } from './demo-service-urls.js';
import { createDemoTokenIssuer, type DemoToolKeys } from './demo-tokens.js';

export type DemoServicesOptions = {
  /** Absolute URL where the router is mounted (e.g. https://luento.example/demo/lms); URLs in answers start here. */
  baseUrl: string;
  tool: {
    clientId: string;
    keys: DemoToolKeys;
    /** Moodle's tool type id, carried in every service URL. Default 1. */
    typeId?: number;
    /** Scopes the tool may be granted. Default: the four AGS scopes and NRPS. */
    scopes?: readonly string[];
  };
  courses: readonly DemoCourse[];
  /** Pass one to read the recorded grades elsewhere (the demo pages); default: a new one per router. */
  gradebook?: DemoGradebook;
  log: Logger;
  now?: () => Date;
  tokenTtlSeconds?: number;
  /** Largest page of members, line items or results; a smaller `limit` from the tool is honoured. */
  pageSize?: number;
};

export function demoServicesRouter(opts: DemoServicesOptions): Router {
  const typeId = opts.tool.typeId ?? 1;
  const now = opts.now ?? (() => new Date());
  const urls = demoServiceUrls({ baseUrl: opts.baseUrl, typeId });
  const tokens = createDemoTokenIssuer({
    clientId: opts.tool.clientId,
    tokenUrl: urls.tokenUrl,
    keys: opts.tool.keys,
    grantableScopes: opts.tool.scopes ?? demoGrantableScopes,
    tokenTtlSeconds: opts.tokenTtlSeconds ?? 3600,
    now,
  });
  const ctx: DemoServiceContext = {
    baseUrl: opts.baseUrl,
    typeId,
    urls,
    courses: opts.courses,
    gradebook: opts.gradebook ?? createDemoGradebook(),
    pageSize: opts.pageSize ?? 50,
    now,
    requireScope: tokens.requireScope,
  };
  const router = Router();
  router.post('/token.php', express.urlencoded({ extended: false, limit: '16kb' }), tokens.tokenEndpoint);
  router.use(demoNrpsRoutes(ctx));
  router.use(demoAgsRoutes(ctx));
  router.use(serviceErrorHandler(opts.log));
  return router;
}
