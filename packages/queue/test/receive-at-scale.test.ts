// Acceptance, at a smaller scale so `npm test` stays quick on two cores: the full run
// (10,000 deliveries) is `npm run scale -w @wawp/queue`, same code.
import { expect, test } from 'vitest';
import { receiveAtScale } from './scale/receive-at-scale.mjs';
import { redisUrl } from './support/names.js';

test('4 receivers, 2 workers, 10 % duplicates, reordering, a worker SIGKILLed mid-run: each effect exactly once, none lost', async () => {
  const total = Number(process.env.SCALE_TOTAL ?? 1_000);
  const counts = await receiveAtScale({ redisUrl: redisUrl(), total, inFlight: 16, log: console.log });
  console.log('scale: counts', JSON.stringify({ ...counts, rerunIds: counts.rerunIds.length }));
  expect(counts.deliveries).toBe(total);
  expect(counts.duplicates).toBe(total / 10);
  expect(counts.missing).toBe(0);
  expect(counts.effectsForUnknownIds).toBe(0);
  expect(counts.effects).toBe(counts.events);
  // Every event ran its handler; only jobs the killed worker held can have run twice.
  expect(counts.handlerRuns).toBeGreaterThanOrEqual(counts.events);
  expect(counts.rerunIds.length).toBeLessThanOrEqual(8);
  expect(counts.handlerRuns - counts.events).toBe(counts.rerunIds.length);
  // The receivers never refused a stored event, and never answered anything but 200.
  expect(counts.answers).toEqual({ 200: total });
}, 600_000);
