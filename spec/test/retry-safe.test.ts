import { describe, expect, it } from 'vitest';
import { loadBundle } from './load.js';

const openapi = loadBundle('openapi');

describe('x-wawp-retry-safe', () => {
  it('marks exactly the reads that the API takes as POST', () => {
    const marked = Object.values(openapi.paths as Record<string, Record<string, any>>)
      .flatMap((item) => Object.values(item))
      .filter((op) => op?.['x-wawp-retry-safe'] === true)
      .map((op) => op.operationId)
      .sort();
    expect(marked).toEqual(['getChatMessage', 'listChats', 'queryChatsOverview']);
    for (const id of marked) {
      const post = Object.values(openapi.paths as Record<string, Record<string, any>>).find(
        (item) => item.post?.operationId === id,
      );
      expect(post, id).toBeDefined();
    }
  });
});
