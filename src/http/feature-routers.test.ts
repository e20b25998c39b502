import express, { Router } from 'express';
import request from 'supertest';
import { firstSegmentOf, firstSegments, guardFeatureRouters } from './feature-routers.js';

type Stack = Parameters<typeof firstSegments>[0];
const stackOf = (r: Router) => r.stack as unknown as Stack;

describe('firstSegments', () => {
  it('collects the literal first segments of routes, also through nested routers, ignoring error handlers', () => {
    const inner = Router();
    inner.get('/videos/:id/captions', (_q, s) => s.end());
    const r = Router();
    r.get('/admin/users', (_q, s) => s.end());
    r.post('/Admin/x', (_q, s) => s.end());
    r.get('/', (_q, s) => s.end());
    r.all('/uploads{/*splat}', (_q, s) => s.end());
    r.use(inner);
    r.use(((_e, _q, _s, n) => n()) as express.ErrorRequestHandler);
    expect([...(firstSegments(stackOf(r)) ?? [])].sort()).toEqual(['', 'admin', 'uploads', 'videos']);
  });

  it('gives up (the router sees everything) on pathless middleware or a leading parameter', () => {
    const a = Router();
    a.use((_q, _s, n) => n());
    a.get('/x', (_q, s) => s.end());
    expect(firstSegments(stackOf(a))).toBeUndefined();
    const b = Router();
    b.get('/:anything/x', (_q, s) => s.end());
    expect(firstSegments(stackOf(b))).toBeUndefined();
    const c = Router();
    c.get('/upload{s}', (_q, s) => s.end());
    expect(firstSegments(stackOf(c))).toBeUndefined();
  });

  it('reads the first segment of a request path', () => {
    expect(['/', '/admin', '/Admin/users', '/videos/1/watch'].map(firstSegmentOf)).toEqual(['', 'admin', 'admin', 'videos']);
  });
});

describe('guardFeatureRouters', () => {
  it('enters a router only for its own segments, and requests still reach later routers and middleware', async () => {
    const entered: string[] = [];
    const app = express();
    const admin = Router();
    admin.get('/admin', (_q, s) => s.send('admin'));
    const spy = Router();
    spy.use((req, _s, n) => (entered.push(req.path), n()));
    const courses = Router();
    courses.get('/courses/:id', (q, s) => s.send(`course ${q.params.id}`));
    app.use(admin);
    app.use(spy);
    app.use(courses);
    guardFeatureRouters(app);
    app.use((_q, s) => s.status(404).send('none'));
    expect((await request(app).get('/courses/7')).text).toBe('course 7');
    expect((await request(app).get('/ADMIN')).text).toBe('admin');
    expect((await request(app).get('/elsewhere')).status).toBe(404);
    // The pathless middleware is not guarded: it saw every request that got past the admin router.
    expect(entered).toEqual(['/courses/7', '/elsewhere']);
    // The wrapper keeps the router's stack, so code that walks the app's routes still finds them.
    const layers = app.router.stack as unknown as Array<{ handle: { stack?: unknown[] } }>;
    expect(layers.filter((l) => l.handle.stack).length).toBeGreaterThanOrEqual(3);
  });
});
