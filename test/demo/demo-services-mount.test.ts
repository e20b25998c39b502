// The demo LMS's launch announces its NRPS service, and the mounted service router answers a tool that
// authenticates with a client assertion signed by Luento's key (LTI Security Framework §4.1).
import { randomUUID } from 'node:crypto';
import { SignJWT } from 'jose';
import request from 'supertest';
import { createLtiTestContext, launchAs, type LtiTestContext } from '../helpers/launch-as.js';

let ctx: LtiTestContext;
beforeAll(async () => {
  ctx = await createLtiTestContext();
});
afterAll(() => ctx.close());

it('a launch carries NRPS and AGS claims that the demo services answer', async () => {
  await launchAs(ctx, 'teacher');
  const session = await ctx.deps.db.selectFrom('sessions').select('launch').orderBy('created_at', 'desc').executeTakeFirstOrThrow();
  const services = (session.launch as { services: { nrps?: { contextMembershipsUrl: string }; ags?: { lineItems?: string } } }).services;
  expect(services.nrps?.contextMembershipsUrl).toMatch(/^https:\/\/luento\.test\/demo\/lms\/services\.php\/CourseSection\/demo-course-101\/bindings\/1\/memberships$/);
  expect(services.ags?.lineItems).toContain('/demo/lms/services.php/demo-course-101/lineitems');
  const key = await ctx.deps.lti.toolKeys.signingKey();
  const tokenUrl = 'https://luento.test/demo/lms/token.php';
  const assertion = await new SignJWT({})
    .setProtectedHeader({ alg: 'RS256', kid: key.kid })
    .setIssuer('luento-demo-client')
    .setSubject('luento-demo-client')
    .setAudience(tokenUrl)
    .setIssuedAt()
    .setExpirationTime('5m')
    .setJti(randomUUID())
    .sign(key.privateKey);
  const token = await request(ctx.app).post('/demo/lms/token.php').type('form').send({
    grant_type: 'client_credentials',
    client_assertion_type: 'urn:ietf:params:oauth:client-assertion-type:jwt-bearer',
    client_assertion: assertion,
    scope: 'https://purl.imsglobal.org/spec/lti-nrps/scope/contextmembership.readonly',
  });
  expect(token.status).toBe(200);
  const members = await request(ctx.app)
    .get(new URL(services.nrps?.contextMembershipsUrl ?? '').pathname)
    .set('Authorization', `Bearer ${token.body.access_token as string}`)
    .set('Accept', 'application/vnd.ims.lti-nrps.v2.membershipcontainer+json');
  expect(members.status).toBe(200);
  expect((members.body as { members: unknown[] }).members).toHaveLength(4);
});
