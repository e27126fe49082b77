// A small deterministic PRNG for generated test requests: a failure names a request that the
// same seed replays.
export function prng(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state * 1664525 + 1013904223) >>> 0;
    return state / 2 ** 32;
  };
}
