// Type-level tests: the checks run in `npm run typecheck` (tsc over test/), and the
// runtime part only makes sure the file is collected.
import { describe, expectTypeOf, it } from 'vitest';
import { type components, createWawpClient } from '../src/index.js';

const wawp = createWawpClient({ instanceId: 'i', accessToken: 't', fetch: async () => Response.json({}) });

describe('path-based face types', () => {
  it('narrows data to the documented response', async () => {
    const { data } = await wawp.GET('/session/info');
    expectTypeOf(data).toExtend<components['schemas']['SessionInfo'] | undefined>();
    expectTypeOf(data).toBeNullable();
    expectTypeOf<NonNullable<typeof data>['status']>().toEqualTypeOf<
      'STOPPED' | 'STARTING' | 'SCAN_QR_CODE' | 'WORKING' | 'FAILED'
    >();
    expectTypeOf<NonNullable<typeof data>['name']>().toEqualTypeOf<string>();
  });

  it('types the error as the WordPress error body', async () => {
    const { error } = await wawp.GET('/session/info');
    if (error) expectTypeOf(error.code).toBeString();
  });

  it('rejects wrong paths, methods and parameters at compile time', () => {
    // @ts-expect-error not a path of the API
    void wawp.GET('/session/nope');
    // @ts-expect-error /session/info has no POST
    void wawp.POST('/session/info');
    // @ts-expect-error createSession needs its `name` parameter
    void wawp.POST('/createSession');
    // @ts-expect-error `name` is a string
    void wawp.POST('/createSession', { params: { query: { name: 42 } } });
  });
});
