// Every lifecycle route, as one router for app.ts (mounted before the library routes, for the banners).
import { Router } from 'express';
import { lifecycleAdminRoutes } from './admin-lifecycle.routes.js';
import { lifecycleReportRoutes } from './admin-reports.routes.js';
import type { LifecycleDeps } from './lifecycle-deps.js';
import { lifecycleOwnerRoutes } from './owner.routes.js';

export function lifecycleRoutes(deps: LifecycleDeps): Router {
  const r = Router();
  r.use(lifecycleOwnerRoutes(deps));
  r.use(lifecycleAdminRoutes(deps));
  r.use(lifecycleReportRoutes(deps));
  return r;
}
