// Deletes what the LTI layer no longer needs: expired login states, replay records of tokens that can
// no longer be replayed (their exp is past), and idle-expired sessions. Idempotent; runs as the system.
import { z } from 'zod';
import type { Db } from '../db/database.js';
import { defaultRetry, defineJob } from '../jobs/define-job.js';

export async function sweepLtiState(db: Db, now: Date): Promise<{ loginStates: number; usedTokens: number; sessions: number }> {
  const loginStates = await db.deleteFrom('lti_login_states').where('expires_at', '<', now).executeTakeFirst();
  const usedTokens = await db.deleteFrom('lti_used_tokens').where('expires_at', '<', now).executeTakeFirst();
  const sessions = await db.deleteFrom('sessions').where('expires_at', '<', now).executeTakeFirst();
  return { loginStates: Number(loginStates.numDeletedRows), usedTokens: Number(usedTokens.numDeletedRows), sessions: Number(sessions.numDeletedRows) };
}

export const ltiSweepJob = defineJob({
  name: 'lti-sweep',
  payload: z.object({}),
  retry: defaultRetry,
  schedule: '*/15 * * * *',
  async run(_payload, ctx) {
    const swept = await sweepLtiState(ctx.db, ctx.now());
    ctx.log.info(swept, 'LTI state swept');
  },
});
