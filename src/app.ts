// buildApp(deps): the Express application, with no listen and no globals, so tests build their own.
import express, { type Express } from 'express';
import type pg from 'pg';
import type { Config } from './config.js';
import { errorHandler, notFoundHandler } from './http/error-middleware.js';
import { healthRoutes } from './http/health.routes.js';
import { measureRequests, type Metrics } from './http/metrics.js';
import { localeMiddleware, requestLogger } from './http/request-context.js';
import { securityHeaders } from './http/security-headers.js';
import type { Db } from './db/database.js';
import type { JobQueue } from './jobs/job-queue.js';
import type { Logger } from './logger.js';
import { publicDir, viewsDir } from './paths.js';
import { siteRoutes } from './site/site.routes.js';

export type AppDeps = {
  config: Config;
  log: Logger;
  db: Db;
  pool: pg.Pool;
  queue: JobQueue;
  metrics: Metrics;
  now: () => Date;
  /** Origins allowed to frame Luento (registered platforms plus FRAME_ANCESTORS). */
  frameAncestors: () => readonly string[];
};

export function buildApp(deps: AppDeps): Express {
  const app = express();
  const isHttps = deps.config.http.publicUrl.startsWith('https://');
  app.disable('x-powered-by');
  app.set('trust proxy', deps.config.http.trustProxy);
  app.set('views', viewsDir);
  app.set('view engine', 'ejs');
  if (deps.config.env === 'production') app.enable('view cache');

  app.use(requestLogger(deps.log));
  app.use(measureRequests(deps.metrics));
  app.use(securityHeaders({ frameAncestors: deps.frameAncestors, isHttps }));
  app.use('/static', express.static(publicDir, { maxAge: deps.config.env === 'production' ? '1h' : 0, index: false }));
  app.use(healthRoutes({ pool: deps.pool, metrics: deps.metrics, metricsToken: deps.config.metricsToken, isQueueRunning: deps.queue.isRunning }));
  app.use(localeMiddleware(deps.config.i18n.defaultLocale));
  app.use(siteRoutes({ isHttps }));

  app.use(notFoundHandler);
  app.use(errorHandler);
  return app;
}
