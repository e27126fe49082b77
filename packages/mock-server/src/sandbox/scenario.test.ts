import fc from 'fast-check';
import { expect, it } from 'vitest';
import { checkScenario, parseScenario, ScenarioError } from './scenario.js';

const valid = { instances: [{ id: 'a', accessToken: 't', contacts: [{ id: '447700900123@c.us' }] }] };

it('accepts a minimal scenario', () => {
  expect(checkScenario(structuredClone(valid)).instances[0]?.id).toBe('a');
});

it('every broken scenario is refused with a ScenarioError that names the place of each problem', () => {
  // Replace one value somewhere in a valid scenario with something of the wrong kind.
  const places = ['/instances/0/id', '/instances/0/accessToken', '/instances/0/contacts/0/id', '/instances/0/contacts'];
  fc.assert(
    fc.property(
      fc.constantFrom(...places),
      fc.oneof(fc.integer(), fc.boolean(), fc.constant(null), fc.object()),
      (place, bad) => {
        const scenario = structuredClone(valid) as Record<string, unknown>;
        const keys = place.split('/').slice(1);
        const last = keys.pop() as string;
        const holder = keys.reduce<Record<string, unknown>>((at, k) => at[k] as Record<string, unknown>, scenario);
        holder[last] = bad;
        try {
          checkScenario(scenario, 'file.yaml');
          throw new Error('accepted');
        } catch (error) {
          expect(error).toBeInstanceOf(ScenarioError);
          const problems = (error as ScenarioError).problems;
          expect(problems.some((p) => p.path.startsWith(place) || place.startsWith(p.path))).toBe(true);
          expect((error as Error).message.startsWith('file.yaml: ')).toBe(true);
        }
      },
    ),
    { numRuns: 200 },
  );
});

it('text that is not YAML is refused with its line', () => {
  expect(() => parseScenario('instances:\n  - id: [\n', 'x.yaml')).toThrow(
    /^x\.yaml: line \d+, column \d+: not valid YAML/,
  );
});
