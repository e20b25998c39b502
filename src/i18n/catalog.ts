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
import { captionTracksMessages } from '../captions/caption-tracks.messages.js';
import { playerMessages } from '../videos/player.messages.js';
import { videoMessages } from '../videos/videos.messages.js';
import { lifecycleMessages } from '../lifecycle/lifecycle.messages.js';
import { moderationMessages } from '../governance/moderation.messages.js';
import { ownershipMessages } from '../governance/ownership.messages.js';
import { privacyMessages } from '../governance/privacy.messages.js';
import { termsMessages } from '../governance/terms.messages.js';
import { userAccessMessages } from '../governance/user-access.messages.js';
import { auditLogMessages } from '../governance/audit-log.messages.js';
import { recorderMessages } from '../recorder/recorder.messages.js';
import { complianceMessages } from '../captions/compliance.messages.js';
import { captionEditorMessages } from '../captions/caption-editor.messages.js';
import { mediaAccessMessages } from '../governance/media-access.messages.js';
import { moderationAlertMessages } from '../governance/moderation-alerts.messages.js';
import { attestationAdminMessages } from '../governance/attestation-admin.messages.js';
import { signInMessages } from '../auth/oidc/signin.messages.js';
import { myRecordingsMessages } from '../videos/my-recordings.messages.js';

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
  captionTracksMessages,
  playerMessages,
  videoMessages,
  lifecycleMessages,
  moderationMessages,
  ownershipMessages,
  privacyMessages,
  termsMessages,
  userAccessMessages,
  auditLogMessages,
  recorderMessages,
  complianceMessages,
  captionEditorMessages,
  mediaAccessMessages,
  moderationAlertMessages,
  attestationAdminMessages,
  signInMessages,
  myRecordingsMessages,
] as const;

type Keys<S> = S extends { en: Record<infer K, string> } ? K : never;
export type MessageKey = Keys<(typeof catalogSets)[number]>;
