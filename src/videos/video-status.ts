// Status transitions of a video, as one pure table: uploading → processing → ready → published,
// or failed (from which a retry goes back to processing).
import { ConflictError } from '../http/errors.js';
import type { VideoStatus } from './videos.tables.js';

const transitions: Record<VideoStatus, readonly VideoStatus[]> = {
  uploading: ['processing', 'failed'],
  processing: ['ready', 'failed', 'processing'],
  ready: ['published', 'processing'],
  published: ['ready'],
  failed: ['processing'],
};

export function canTransition(from: VideoStatus, to: VideoStatus): boolean {
  return transitions[from].includes(to);
}

export function assertTransition(from: VideoStatus, to: VideoStatus): void {
  if (!canTransition(from, to)) throw new ConflictError(`A video that is ${from} cannot become ${to}`, 'invalid_status_transition');
}

/** Which statuses a viewer (learner) may ever see: only published ones. */
export function isVisibleToViewers(status: VideoStatus): boolean {
  return status === 'published';
}
