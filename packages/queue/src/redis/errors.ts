import { redactRedisUrl } from './url.js';

/** Redis could not be reached when a component started. The URL is shown without its password. */
export class RedisUnavailableError extends Error {
  override name = 'RedisUnavailableError';
  /** The Redis URL, password redacted. */
  readonly url: string;
  constructor(url: string, reason: string) {
    const shown = redactRedisUrl(url);
    super(`Could not connect to Redis at ${shown}: ${reason}`);
    this.url = shown;
  }
}
