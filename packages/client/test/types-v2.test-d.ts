// Type-level tests of @wawp/client/v2: its credentials option, its faces typed by the v2
// description, and that a v1 client and a v2 client cannot be mixed up. The generated
// src/generated/v2/type-samples.ts covers a sample of every v2 tag on both faces too.
import { describe, expectTypeOf, it } from 'vitest';
import { createWawpClient, type WawpPathClient } from '../src/index.js';
import { sendText as sendTextV1 } from '../src/operations.js';
import {
  type CredentialPlacement,
  type components,
  createWawpV2,
  createWawpV2Client,
  sendText,
  type V2OperationArgs,
  type WawpV2ClientOptions,
  type WawpV2PathClient,
} from '../src/v2.js';

// The runtime answers only need to keep the calls below from throwing; the checks are types.
const client = createWawpV2Client({ instanceId: 'i', accessToken: 't', fetch: async () => Response.json({}) });
const wawp = createWawpV2(client);
type Schemas = components['schemas'];

describe('the credentials option', () => {
  it('is one of three placements, optional', () => {
    expectTypeOf<CredentialPlacement>().toEqualTypeOf<'query' | 'header' | 'bearer'>();
    expectTypeOf<WawpV2ClientOptions['credentials']>().toEqualTypeOf<CredentialPlacement | undefined>();
    createWawpV2Client({ accessToken: 't', credentials: 'header' });
    createWawpV2({ accessToken: 't', credentials: 'bearer' });
    createWawpV2({ accessToken: 't' });
  });

  it('refuses anything else, and v1 has no such option', () => {
    // Compiled, never run: the calls below are wrong on purpose.
    const compileOnly = () => {
      // @ts-expect-error not a placement
      createWawpV2Client({ accessToken: 't', credentials: 'cookie' });
      // @ts-expect-error not a placement
      createWawpV2({ accessToken: 't', credentials: 'Bearer' });
      // @ts-expect-error a placement is a string, not a flag
      createWawpV2({ accessToken: 't', credentials: true });
      // @ts-expect-error v1 sends its token in the query string only
      createWawpClient({ accessToken: 't', credentials: 'header' });
    };
    expectTypeOf(compileOnly).toBeFunction();
  });
});

describe('a v2 send answers one of the documented shapes', () => {
  it('is a union the caller can narrow, never unknown', async () => {
    const sent = await wawp.messages.sendText({ chatId: '1@c.us', message: 'Hi' });
    expectTypeOf(sent).not.toBeUnknown();
    expectTypeOf(sent).toExtend<Schemas['SendOutcome']>();
    expectTypeOf<Schemas['QueuedSend']>().not.toBeUnknown();
    // Each documented shape is one the caller may get back, a failure body included.
    expectTypeOf<Schemas['Message']>().toExtend<typeof sent>();
    expectTypeOf<Schemas['QueuedSend']>().toExtend<typeof sent>();
    expectTypeOf<Schemas['CodeMessageError']>().toExtend<typeof sent>();
  });
});

describe('the v2 faces are typed by the v2 description', () => {
  it('paths and answers', async () => {
    const { data } = await client.POST('/session/info', {});
    expectTypeOf(data).toExtend<Schemas['SessionInfo'] | undefined>();
    const info = await wawp.sessions.getInfo();
    expectTypeOf(info).toEqualTypeOf<NonNullable<typeof data>>();
    expectTypeOf<V2OperationArgs<'sendText', 'flat'>>().toHaveProperty('chatId');
    const compileOnly = () => {
      // @ts-expect-error v2 reads session/info with POST, not GET
      void client.GET('/session/info');
      // @ts-expect-error `/send` is v1's path; v2's is `/send/text`
      void client.POST('/send', {});
      // @ts-expect-error v1 has no rate-limit policies
      void createWawpClient({ accessToken: 't' }).GET('/session/rate-limit');
    };
    expectTypeOf(compileOnly).toBeFunction();
    void wawp.sessions.getRateLimits();
  });

  it('a v1 client and a v2 client are not interchangeable', () => {
    expectTypeOf<WawpV2PathClient>().not.toExtend<WawpPathClient>();
    expectTypeOf<WawpPathClient>().not.toExtend<WawpV2PathClient>();
    const v1 = createWawpClient({ accessToken: 't' });
    const compileOnly = () => {
      // @ts-expect-error a v1 operation needs a v1 client
      void sendTextV1(client, { chatId: '1@c.us', message: 'Hi' });
      // @ts-expect-error a v2 operation needs a v2 client
      void sendText(v1, { chatId: '1@c.us', message: 'Hi' });
      // @ts-expect-error createWawpV2 takes v2 options or a v2 client
      createWawpV2(v1);
    };
    expectTypeOf(compileOnly).toBeFunction();
    void sendText(client, { chatId: '1@c.us', message: 'Hi' });
  });
});
