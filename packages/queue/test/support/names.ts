import { inject } from 'vitest';

/** The run's Redis (see global-setup.ts). */
export const redisUrl = (): string => inject('redisUrl');

let counter = 0;
/** A queue name no other test uses, so tests never see each other's jobs. */
export const uniqueQueue = (label: string): string =>
  `t-${label}-${process.pid}-${Date.now().toString(36)}-${counter++}`;
