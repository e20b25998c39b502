// Everything the LTI layer, sessions and the demo need, built once in the composition root.
import type { Config } from '../config.js';
import type { Db } from '../db/database.js';
import type { Logger } from '../logger.js';
import { emptyVideoCatalog, type VideoCatalog } from '../courses/video-catalog.js';
import { createEmbedTokens, type EmbedTokens } from './embed-token.js';
import { createFrameAncestors, type FrameAncestors } from './frame-ancestors.js';
import { createPlatformDirectory, type PlatformDirectory } from './platform-directory.js';
import { createPlatformKeys, defaultPlatformKeyOptions, type PlatformKeyOptions, type PlatformKeys } from './platform-keys.js';
import { deriveKey } from './secret-box.js';
import { createToolKeys, type ToolKeys } from './tool-keys.js';

export type LtiDeps = {
  toolKeys: ToolKeys;
  platformKeys: PlatformKeys;
  /** Platforms by issuer for login initiation, cached briefly (platform-directory.ts). */
  platforms: PlatformDirectory;
  embedTokens: EmbedTokens;
  frameAncestors: FrameAncestors;
  videoCatalog: VideoCatalog;
  stateKey: Buffer;
  csrfKey: Buffer;
  secretKey: string;
  sessionIdleMs: number;
};

export async function buildLtiDeps(opts: {
  config: Config;
  db: Db;
  log: Logger;
  secretKey: string;
  now: () => Date;
  platformKeyOptions?: PlatformKeyOptions;
  videoCatalog?: VideoCatalog;
}): Promise<LtiDeps> {
  const { config, db, secretKey } = opts;
  const platforms = createPlatformDirectory({ db });
  return {
    toolKeys: createToolKeys({ db, secretKey, graceDays: config.lti.keyGraceDays, now: opts.now }),
    platformKeys: createPlatformKeys(opts.platformKeyOptions ?? defaultPlatformKeyOptions),
    platforms,
    embedTokens: createEmbedTokens({ key: deriveKey(secretKey, 'lti-embed'), issuer: config.http.publicUrl }),
    frameAncestors: await createFrameAncestors({ db, configured: config.http.frameAncestors, log: opts.log, onRefresh: platforms.invalidate }),
    videoCatalog: opts.videoCatalog ?? emptyVideoCatalog,
    stateKey: deriveKey(secretKey, 'lti-state'),
    csrfKey: deriveKey(secretKey, 'csrf'),
    secretKey,
    sessionIdleMs: config.lti.sessionIdleMinutes * 60_000,
  };
}
