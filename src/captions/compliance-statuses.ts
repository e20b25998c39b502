// The caption statuses in the order the report's filter lists them (the type is caption-deadline.ts's).
import type { CaptionStatus } from './caption-deadline.js';

export const captionStatuses = ['none', 'automatic-draft', 'reviewed', 'text-alternative', 'exempt'] as const satisfies readonly CaptionStatus[];
