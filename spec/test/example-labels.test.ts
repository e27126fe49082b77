import { describe, expect, it } from 'vitest';
import { loadBundle } from './load.js';

// Every example that credits the vendor says which of the vendor's sources it came from,
// so a reader can tell a copied value from an illustration.
const SOURCE =
  /v1 page|v2 page|v2 guide|v2 export|n8n node|WordPress plugin|documented (delivery|form)|documents no example/;

function summaries(node: unknown, where: string, out: { where: string; summary: string }[] = []) {
  if (Array.isArray(node)) {
    for (const [i, child] of node.entries()) summaries(child, `${where}/${i}`, out);
  } else if (node && typeof node === 'object') {
    const record = node as Record<string, unknown>;
    const isExample = 'value' in record || 'payload' in record;
    if (isExample && typeof record.summary === 'string') out.push({ where, summary: record.summary });
    for (const [key, child] of Object.entries(record)) summaries(child, `${where}/${key}`, out);
  }
  return out;
}

describe('examples credited to the vendor', () => {
  for (const name of ['openapi', 'openapi-v2', 'asyncapi'] as const) {
    it(`name their source in the ${name} document`, () => {
      const credited = summaries(loadBundle(name), '#').filter(({ summary }) => /vendor/i.test(summary));
      expect(credited.length).toBeGreaterThan(5);
      expect(credited.filter(({ summary }) => !SOURCE.test(summary))).toEqual([]);
    });
  }
});
