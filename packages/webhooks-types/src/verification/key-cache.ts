// The few keys a process verifies with, each made ready once: turning the key's text into key
// material (a WebCrypto import, or padded key blocks) costs about as much as one HMAC, and keys
// rarely change. Portable: the WebCrypto and the node:crypto verifier share it.

/** A cache of what `prepare` makes of each key, holding the last `max` keys used first. */
export function keyCache<T>(prepare: (key: string) => T, max = 16): (key: string) => T {
  const ready = new Map<string, T>();
  return (key) => {
    let found = ready.get(key);
    if (found === undefined) {
      if (ready.size >= max) ready.delete(ready.keys().next().value as string);
      found = prepare(key);
      ready.set(key, found);
    }
    return found;
  };
}
