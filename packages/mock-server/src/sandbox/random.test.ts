import fc from 'fast-check';
import { expect, it } from 'vitest';
import { createIdFactory, createRandom, eventIdAt, requestIdAt } from './random.js';

it('skip(n) moves the sequence exactly as n draws do', () => {
  fc.assert(
    fc.property(fc.nat(2 ** 32 - 1), fc.nat(5000), (seed, count) => {
      const drawn = createRandom(seed);
      for (let i = 0; i < count; i++) drawn.next();
      const skipped = createRandom(seed);
      skipped.skip(count);
      expect(skipped.position()).toBe(drawn.position());
      expect(skipped.next()).toBe(drawn.next());
    }),
    { numRuns: 200 },
  );
});

it('a reserved request id is the UUID the draws at its place make, and the ids after it do not move', () => {
  fc.assert(
    fc.property(fc.nat(2 ** 32 - 1), (seed) => {
      const reference = createRandom(seed);
      const hex = reference.chars(32, '0123456789abcdef');
      const variant = '89ab'[reference.int(4)];
      const expected = `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-${variant}${hex.slice(17, 20)}-${hex.slice(20)}`;
      const ids = createIdFactory(createRandom(0), createRandom(seed));
      const reserved = ids.reserveRequestId();
      expect(requestIdAt(reserved)).toBe(expected);
      expect(requestIdAt(reserved)).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
      // The sequence goes on after the reserved id exactly as after drawing it.
      expect(requestIdAt(ids.reserveRequestId())).toBe(requestIdAt(reference.position()));
    }),
    { numRuns: 200 },
  );
});

it('a reserved event id is evt_, the ULID time of its event and the draws at its place; the ids after it do not move', () => {
  const CROCKFORD = '0123456789abcdefghjkmnpqrstvwxyz';
  fc.assert(
    fc.property(fc.nat(2 ** 32 - 1), fc.nat(2 ** 47), (seed, time) => {
      const reference = createRandom(seed);
      const ids = createIdFactory(createRandom(0), createRandom(seed));
      const id = eventIdAt(time, ids.reserveEventId());
      expect(id).toMatch(/^evt_[0-9a-hjkmnp-tv-z]{26}$/);
      let decoded = 0;
      for (const c of id.slice(4, 14)) decoded = decoded * 32 + CROCKFORD.indexOf(c);
      expect(decoded).toBe(time);
      expect(id.slice(14)).toBe(reference.chars(16, CROCKFORD));
      expect(eventIdAt(time, ids.reserveEventId())).toBe(eventIdAt(time, reference.position()));
    }),
    { numRuns: 300 },
  );
});
