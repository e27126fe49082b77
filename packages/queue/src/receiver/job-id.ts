import { createHash } from 'node:crypto';

// BullMQ refuses custom job ids that contain ':' (its key separator) or that are integers
// (they would collide with its own counter). Such ids are hashed; every other id is used as is.
const PLAIN = /^(?!\d+$)[^:]{1,200}$/;

/** The BullMQ job id of an event: its id when BullMQ accepts it, else a stable digest of it. */
export function jobIdFor(eventId: string): string {
  return PLAIN.test(eventId) ? eventId : `sha256-${createHash('sha256').update(eventId).digest('hex')}`;
}
