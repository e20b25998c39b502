// Assignment and Grade Services 2.0 for the demo LMS, at Moodle's URLs:
//   services.php/{context}/lineitems?type_id=N                        GET list, POST create (§3.2)
//   services.php/{context}/lineitems/{id}/lineitem?type_id=N          GET one
//   services.php/{context}/lineitems/{id}/lineitem/scores?type_id=N   POST score (§3.3), recorded
//   services.php/{context}/lineitems/{id}/lineitem/results?type_id=N  GET results (§3.4)
import express, { Router, type Request } from 'express';
import { z } from 'zod';
import { BadRequestError, ConflictError, NotFoundError } from '../../http/errors.js';
import { parseInput } from '../../http/validate.js';
import { activityProgressValues, gradingProgressValues, newLineItemInput } from '../../lti/services/ags-schemas.js';
import { AGS_SCOPE_LINEITEM, AGS_SCOPE_LINEITEM_READONLY, AGS_SCOPE_RESULT_READONLY, AGS_SCOPE_SCORE, MEDIA_TYPE } from '../../lti/services/service-constants.js';
import { lineItemSubresourceUrl } from '../../lti/services/service-urls.js';
import type { DemoLineItem } from './demo-gradebook.js';
import { checkTypeId, findCourse, type DemoServiceContext } from './demo-service-context.js';
import { pageOf, requireBodyType } from './demo-service-http.js';

const scoreBody = z
  .object({
    userId: z.string().min(1),
    scoreGiven: z.number().min(0).finite().optional(),
    scoreMaximum: z.number().positive().finite().optional(),
    comment: z.string().max(10_000).optional(),
    activityProgress: z.enum(activityProgressValues),
    gradingProgress: z.enum(gradingProgressValues),
    timestamp: z.iso.datetime({ offset: true }),
  })
  .refine((s) => s.scoreGiven === undefined || s.scoreMaximum !== undefined, { message: 'scoreMaximum is required with scoreGiven', path: ['scoreMaximum'] });

const optionalQuery = (v: unknown) => (typeof v === 'string' && v !== '' ? v : undefined);

export function demoAgsRoutes(ctx: DemoServiceContext): Router {
  const router = Router();
  const lineItems = '/services.php/:contextId/lineitems';
  const lineItem = `${lineItems}/:itemId/lineitem`;
  const json = (type: string) => [requireBodyType(type), express.json({ type, limit: '64kb' })];

  const courseOf = (req: Request) => {
    checkTypeId(ctx, req.query.type_id);
    return findCourse(ctx, req.params.contextId);
  };
  const itemOf = (req: Request) => {
    const course = courseOf(req);
    const item = ctx.gradebook.findLineItem(course.id, String(req.params.itemId));
    if (!item) throw new NotFoundError(`Course ${course.id} has no line item ${JSON.stringify(req.params.itemId)}`);
    return item;
  };
  const toWire = (item: DemoLineItem) => {
    const { id, contextId, ...fields } = item;
    return { id: ctx.urls.lineItemUrl(contextId, id), ...fields };
  };

  router.get(lineItems, ctx.requireScope(AGS_SCOPE_LINEITEM, AGS_SCOPE_LINEITEM_READONLY), (req, res) => {
    const course = courseOf(req);
    const filter = { resourceLinkId: optionalQuery(req.query.resource_link_id), resourceId: optionalQuery(req.query.resource_id), tag: optionalQuery(req.query.tag) };
    const items = ctx.gradebook
      .listLineItems(course.id)
      .filter((i) => (filter.resourceLinkId === undefined || i.resourceLinkId === filter.resourceLinkId) && (filter.resourceId === undefined || i.resourceId === filter.resourceId) && (filter.tag === undefined || i.tag === filter.tag));
    const { page, nextUrl } = pageOf(items, req, ctx);
    if (nextUrl) res.set('link', `<${nextUrl}>; rel="next"`);
    res.type(MEDIA_TYPE.lineItemContainer).json(page.map(toWire));
  });

  router.post(lineItems, ctx.requireScope(AGS_SCOPE_LINEITEM), ...json(MEDIA_TYPE.lineItem), (req, res) => {
    const course = courseOf(req);
    const input = parseInput(newLineItemInput, req.body);
    const item = ctx.gradebook.addLineItem({ ...input, contextId: course.id });
    res.status(201).type(MEDIA_TYPE.lineItem).json(toWire(item));
  });

  router.get(lineItem, ctx.requireScope(AGS_SCOPE_LINEITEM, AGS_SCOPE_LINEITEM_READONLY), (req, res) => {
    res.type(MEDIA_TYPE.lineItem).json(toWire(itemOf(req)));
  });

  router.post(`${lineItem}/scores`, ctx.requireScope(AGS_SCOPE_SCORE), ...json(MEDIA_TYPE.score), (req, res) => {
    const item = itemOf(req);
    const score = parseInput(scoreBody, req.body);
    if (!findCourse(ctx, item.contextId).members.some((m) => m.userId === score.userId))
      throw new BadRequestError(`User ${JSON.stringify(score.userId)} is not a member of course ${item.contextId}`, undefined, 'unknown_user');
    const outcome = ctx.gradebook.recordScore({ ...score, lineItemId: item.id, receivedAt: ctx.now() });
    // AGS 2.0 §3.3.4.1: a score older than the one held must not replace it.
    if (outcome === 'stale') throw new ConflictError(`A newer score for user ${score.userId} is already recorded`, 'stale_score');
    res.status(204).end();
  });

  router.get(`${lineItem}/results`, ctx.requireScope(AGS_SCOPE_RESULT_READONLY), (req, res) => {
    const item = itemOf(req);
    const lineItemUrl = ctx.urls.lineItemUrl(item.contextId, item.id);
    const userId = optionalQuery(req.query.user_id);
    const scores = ctx.gradebook.listScores(item.id).filter((s) => userId === undefined || s.userId === userId);
    const { page, nextUrl } = pageOf(scores, req, ctx);
    if (nextUrl) res.set('link', `<${nextUrl}>; rel="next"`);
    const resultsUrl = new URL(lineItemSubresourceUrl(lineItemUrl, 'results'));
    res.type(MEDIA_TYPE.resultContainer).json(
      page.map((s) => {
        resultsUrl.searchParams.set('user_id', s.userId);
        return { id: resultsUrl.toString(), scoreOf: lineItemUrl, userId: s.userId, resultScore: s.scoreGiven, resultMaximum: s.scoreMaximum, comment: s.comment, timestamp: s.timestamp };
      }),
    );
  });
  return router;
}
