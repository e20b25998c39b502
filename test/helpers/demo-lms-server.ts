// Luento with the demo LMS on a real loopback port, for browser tests of the whole launch: the public URL
// (issuer, redirect URI) must be the address the browser uses, so the server listens first and the app is
// built for that address. The LMS is named by "localhost", the tool by "127.0.0.1": two sites, as in a
// real deployment, so the launch runs in a cross-site iframe.
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { buildApp } from '../../src/app.js';
import { ensureDemoPlatform } from '../../src/demo/demo-platform.js';
import { createTestContext, type TestContext } from './test-app.js';

export type DemoLmsServer = { ctx: TestContext; base: string; lms: string; close: () => Promise<void> };

export async function startDemoLmsServer(): Promise<DemoLmsServer> {
  let handler: http.RequestListener = (_req, res) => res.writeHead(503).end();
  const server = http.createServer((req, res) => handler(req, res));
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const port = (server.address() as AddressInfo).port;
  const base = `http://127.0.0.1:${port}`;
  const lms = `http://localhost:${port}`;
  const ctx = await createTestContext({ env: { DEMO_LMS: 'true', PUBLIC_URL: base, DEMO_LMS_URL: lms }, startQueue: false });
  handler = buildApp(ctx.deps);
  await ensureDemoPlatform(ctx.deps.db, { publicUrl: base, demoBase: lms });
  await ctx.deps.lti.frameAncestors.refresh();
  return {
    ctx,
    base,
    lms,
    close: async () => {
      server.closeAllConnections();
      await new Promise<void>((r) => server.close(() => r()));
      ctx.deps.lti.frameAncestors.stop();
      await ctx.close();
    },
  };
}
