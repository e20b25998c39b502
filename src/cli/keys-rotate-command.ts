// `npm run keys:rotate`: a new tool key signs from now on; the previous keys stay in /lti/jwks for the
// grace period (LTI_KEY_GRACE_DAYS), so platforms verifying a just-signed message still find them, and
// keys whose grace period ended are deleted.
import type { ToolKeys } from '../lti/tool-keys.js';

export async function rotateToolKeys(keys: ToolKeys, opts: { graceDays: number; write: (line: string) => void }): Promise<void> {
  const retired = await keys.retireExpired();
  const { newKid, retiringKids } = await keys.rotate();
  opts.write(`New signing key: ${newKid}`);
  for (const kid of retiringKids) opts.write(`Still published for ${opts.graceDays} days, then retired: ${kid}`);
  for (const kid of retired) opts.write(`Retired (grace period over): ${kid}`);
}
