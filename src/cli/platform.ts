// Entry point of `npm run platform -- …`.
import { withCliDatabase } from './cli-database.js';
import { runPlatformCommand } from './platform-command.js';

await withCliDatabase(async ({ database }) => {
  await runPlatformCommand(process.argv.slice(2), { db: database.db, write: (l) => process.stdout.write(`${l}\n`) });
});
