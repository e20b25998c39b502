// Express enters every router mounted at '/' for every request that reaches it, and a router with no
// route for the path leaves through setImmediate. With a router per feature, a request for the demo LMS
// or a course page waited for some twenty event-loop turns before its handler ran (issue 3 measured
// about 1 ms per request of that, and more under load). guardFeatureRouters lets a request into a
// feature's router only when the first segment of its path is one the router's routes begin with.
import type { Express, RequestHandler } from 'express';

type Handle = ((...args: never[]) => unknown) & { stack?: Layer[] };
type Layer = { rawPath?: unknown; route?: { path?: unknown }; handle: Handle };

// '/admin/users', '/lti', and '/uploads{/*splat}' (an optional group that starts a new segment).
const literalFirstSegment = /^\/([^/:*?(){}[\]]*)(?:\/|\{\/|$)/;

/**
 * The first path segments ('admin', 'videos', '' for '/') that a router's routes begin with, lower-cased
 * (Express matches paths case-insensitively). undefined: it may answer any path (a pathless middleware,
 * a route that starts with a parameter or a pattern), so it must see every request.
 */
export function firstSegments(stack: readonly Layer[]): Set<string> | undefined {
  const out = new Set<string>();
  for (const layer of stack) {
    // Error handlers only run for errors of the routes before them in the same router.
    if (layer.handle.length === 4) continue;
    const path = layer.route ? layer.route.path : layer.rawPath;
    if (typeof path !== 'string') return undefined;
    if (!layer.route && path === '/') {
      // A nested router (r.use(sub)) counts by its own routes; any other pathless middleware sees everything.
      const inner = layer.handle.stack ? firstSegments(layer.handle.stack) : undefined;
      if (!inner) return undefined;
      inner.forEach((s) => out.add(s));
      continue;
    }
    const m = literalFirstSegment.exec(path);
    if (!m) return undefined;
    out.add((m[1] as string).toLowerCase());
  }
  return out;
}

/** The first segment of a request path, as firstSegments names them. */
export function firstSegmentOf(path: string): string {
  const end = path.indexOf('/', 1);
  return (end === -1 ? path.slice(1) : path.slice(1, end)).toLowerCase();
}

/**
 * Wraps, in place, each router mounted at '/' on the app whose routes all begin with known segments.
 * Call it once, after every route is mounted. The wrapper keeps the router's `stack`, so tests that walk
 * the app's routes still see them.
 */
export function guardFeatureRouters(app: Express): void {
  for (const layer of app.router.stack as unknown as Layer[]) {
    const router = layer.handle;
    if (layer.route || layer.rawPath !== '/' || !router.stack || router.length === 4) continue;
    const segments = firstSegments(router.stack);
    if (!segments) continue;
    const enter = router as unknown as RequestHandler;
    const guarded: RequestHandler = (req, res, next) => (segments.has(firstSegmentOf(req.path)) ? enter(req, res, next) : next());
    layer.handle = Object.assign(guarded, { stack: router.stack }) as unknown as Handle;
  }
}
