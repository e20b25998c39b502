// All message sets of the product. Add a feature's set here once.
import { commonMessages } from './common.messages.js';
import { adminMessages } from '../admin/admin.messages.js';
import { courseMessages } from '../courses/courses.messages.js';
import { demoMessages } from '../demo/demo.messages.js';
import { ltiMessages } from '../lti/lti.messages.js';
import { ltiServiceMessages } from '../lti/services/lti-services.messages.js';
import { mediaMessages } from '../adapters/transcoder/media.messages.js';
import { storageMessages } from '../adapters/storage/storage.messages.js';
import { captionsMessages } from '../captions/captions.messages.js';
import { playerMessages } from '../videos/player.messages.js';
import { videoMessages } from '../videos/videos.messages.js';
import { lifecycleMessages } from '../lifecycle/lifecycle.messages.js';

export const catalogSets = [
  commonMessages,
  ltiMessages,
  ltiServiceMessages,
  courseMessages,
  adminMessages,
  demoMessages,
  mediaMessages,
  storageMessages,
  captionsMessages,
  playerMessages,
  videoMessages,
  lifecycleMessages,
] as const;

type Keys<S> = S extends { en: Record<infer K, string> } ? K : never;
export type MessageKey = Keys<(typeof catalogSets)[number]>;
