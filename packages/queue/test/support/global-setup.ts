// One Redis for the whole test run; each test file works under its own queue names and key
// prefixes, so files never see each other's keys.
import 'vitest';
import type { TestProject } from 'vitest/node';
import { useRedis } from './redis-server.mjs';

declare module 'vitest' {
  export interface ProvidedContext {
    redisUrl: string;
  }
}

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const redis = await useRedis();
  project.provide('redisUrl', redis.url);
  return () => redis.stop();
}
