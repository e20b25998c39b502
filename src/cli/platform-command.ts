// `npm run platform -- add|list|disable …`: registration by hand from the command line. It goes through
// the same service as the admin page, as the system actor; platforms added here are active at once.
import { parseArgs } from 'node:util';
import type { Db } from '../db/database.js';
import { systemActor } from '../auth/permissions.js';
import { addPlatform, changePlatformStatus, listPlatformsForAdmin } from '../admin/platforms.service.js';
import { ValidationError } from '../http/errors.js';
import { CliUsageError } from './cli-database.js';

export const platformUsage = `Usage:
  npm run platform -- add --issuer URL --client-id ID --auth-url URL --token-url URL --jwks-url URL --deployment ID [--deployment ID …] [--name NAME]
  npm run platform -- list
  npm run platform -- disable --id N   (or --issuer URL --client-id ID)`;

const options = {
  issuer: { type: 'string' },
  'client-id': { type: 'string' },
  'auth-url': { type: 'string' },
  'token-url': { type: 'string' },
  'jwks-url': { type: 'string' },
  deployment: { type: 'string', multiple: true },
  name: { type: 'string' },
  id: { type: 'string' },
} as const;

export async function runPlatformCommand(argv: string[], deps: { db: Db; write: (line: string) => void; onPlatformsChanged?: () => Promise<void> }): Promise<void> {
  let parsed;
  try {
    parsed = parseArgs({ args: argv, options, allowPositionals: true, strict: true });
  } catch (err) {
    throw new CliUsageError(`${(err as Error).message}\n${platformUsage}`);
  }
  const { values: v, positionals } = parsed;
  const change = { db: deps.db, onPlatformsChanged: deps.onPlatformsChanged ?? (async () => undefined) };
  switch (positionals[0]) {
    case 'add': {
      try {
        const p = await addPlatform(change, systemActor, { name: v.name, issuer: v.issuer, clientId: v['client-id'], authUrl: v['auth-url'], tokenUrl: v['token-url'], jwksUrl: v['jwks-url'], deploymentIds: v.deployment ?? [] });
        deps.write(`Added platform ${p.id}: ${p.issuer} (client id ${p.clientId}), active.`);
      } catch (err) {
        if (err instanceof ValidationError) throw new CliUsageError(`Cannot add the platform:\n${err.fields.map((f) => `  --${kebab(f.field)}: ${f.message}`).join('\n')}`);
        throw err;
      }
      return;
    }
    case 'list': {
      const platforms = await listPlatformsForAdmin({ db: deps.db }, systemActor);
      if (platforms.length === 0) deps.write('No platforms are registered.');
      for (const p of platforms) deps.write(`${p.id}\t${p.status}\t${p.issuer}\t${p.clientId}\tdeployments: ${p.deployments.map((d) => d.deploymentId).join(', ') || '-'}`);
      return;
    }
    case 'disable': {
      const id = v.id ?? (await findId(deps.db, v.issuer, v['client-id']));
      await changePlatformStatus(change, systemActor, { id, status: 'disabled' });
      deps.write(`Disabled platform ${id}.`);
      return;
    }
    default:
      throw new CliUsageError(platformUsage);
  }
}

function kebab(field: string): string {
  return ({ clientId: 'client-id', authUrl: 'auth-url', tokenUrl: 'token-url', jwksUrl: 'jwks-url', deploymentIds: 'deployment' } as Record<string, string>)[field] ?? field;
}

async function findId(db: Db, issuer: string | undefined, clientId: string | undefined): Promise<string> {
  if (!issuer || !clientId) throw new CliUsageError(`disable needs --id, or --issuer and --client-id\n${platformUsage}`);
  const row = await db.selectFrom('lti_platforms').select('id').where('issuer', '=', issuer).where('client_id', '=', clientId).executeTakeFirst();
  if (!row) throw new CliUsageError(`No platform with issuer ${issuer} and client id ${clientId}`);
  return row.id;
}
