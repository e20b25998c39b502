// Entry point of `npm run keys:rotate`.
import { createToolKeys } from '../lti/tool-keys.js';
import { withCliDatabase } from './cli-database.js';
import { rotateToolKeys } from './keys-rotate-command.js';

await withCliDatabase(async ({ config, database, secretKey }) => {
  const keys = createToolKeys({ db: database.db, secretKey, graceDays: config.lti.keyGraceDays, now: () => new Date() });
  await rotateToolKeys(keys, { graceDays: config.lti.keyGraceDays, write: (l) => process.stdout.write(`${l}\n`) });
});
