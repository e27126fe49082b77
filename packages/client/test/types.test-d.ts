// Type-level tests: vitest's typecheck mode (vitest.shared.ts) runs tsc over this file and
// reports each `it` as a test; `npm run typecheck` checks it too. A sample of every tag, on both faces, is also
// generated from the spec into src/generated/type-samples.ts (wrong path, missing required
// parameter or body field, wrongly typed value), so a tag added to the spec is covered too.
import { describe, expectTypeOf, it } from 'vitest';
import { type components, createWawpClient, paginate } from '../src/index.js';
import { createWawp, getSessionInfo, type OperationArgs, sendText } from '../src/operations.js';

// The runtime answers only need to keep the calls below from throwing; the checks are types.
const wawp = createWawpClient({
  instanceId: 'i',
  accessToken: 't',
  fetch: async () => Response.json([{ id: '1@c.us' }]),
});
const ops = createWawp(wawp);
type Schemas = components['schemas'];

describe('path-based face types', () => {
  it('narrows data to the documented response', async () => {
    const { data } = await wawp.GET('/session/info');
    expectTypeOf(data).toExtend<Schemas['SessionInfo'] | undefined>();
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
    // Compiled, never run: the calls below are wrong on purpose.
    const compileOnly = () => {
      // @ts-expect-error not a path of the API
      void wawp.GET('/session/nope');
      // @ts-expect-error /session/info has no POST
      void wawp.POST('/session/info');
      // @ts-expect-error createSession needs its `name` parameter
      void wawp.POST('/createSession');
      // @ts-expect-error `name` is a string
      void wawp.POST('/createSession', { params: { query: { name: 42 } } });
    };
    expectTypeOf(compileOnly).toBeFunction();
  });

  it('accepts the per-request transport options', () => {
    void wawp.GET('/session/info', { timeoutMs: 500, retry: { attempts: 2 }, signal: AbortSignal.timeout(1_000) });
  });
});

describe('operation face types', () => {
  it('resolves to the documented data, the same type as the path face data', async () => {
    const info = await ops.sessions.getInfo();
    const { data } = await wawp.GET('/session/info');
    expectTypeOf(info).toEqualTypeOf<NonNullable<typeof data>>();
    expectTypeOf(info).not.toBeNullable();
    expectTypeOf(info.status).toEqualTypeOf<'STOPPED' | 'STARTING' | 'SCAN_QR_CODE' | 'WORKING' | 'FAILED'>();
    expectTypeOf(await getSessionInfo(wawp)).toEqualTypeOf(info);

    const chats = await ops.chats.list({ limit: 10 });
    expectTypeOf(chats).toBeArray();
    expectTypeOf(chats[0]!.id).toBeString();
  });

  it('image operations resolve to a Blob (or the JSON variant the spec also documents)', async () => {
    const qr = await ops.authentication.getQrCode();
    expectTypeOf<Blob>().toExtend<typeof qr>();
    expectTypeOf<Schemas['QrCodeValue']>().toExtend<typeof qr>();
    // @ts-expect-error a string is not what getQrCode resolves to
    expectTypeOf<string>().toExtend<typeof qr>();
    if (qr instanceof Blob) expectTypeOf(qr).toEqualTypeOf<Blob>();
  });

  it('takes one flat object of path, query and body fields', () => {
    expectTypeOf<OperationArgs<'sendText'>>().toHaveProperty('chatId');
    expectTypeOf<OperationArgs<'getChatMessages'>>().toHaveProperty('filter.timestamp.lte');
    void ops.messages.sendText({ chatId: '447700900123@c.us', message: 'Hi' });
    void ops.chats.getMessages({ chatId: '447700900123@c.us', limit: 10, 'filter.fromMe': true });
    void sendText(wawp, { chatId: '447700900123@c.us', message: 'Hi' }, { retry: true, timeoutMs: 10_000 });
  });

  it('rejects wrong arguments at compile time', () => {
    // Compiled, never run: the calls below are wrong on purpose.
    const compileOnly = () => {
      // @ts-expect-error `message` is required
      void ops.messages.sendText({ chatId: '447700900123@c.us' });
      // @ts-expect-error `message` is a string
      void ops.messages.sendText({ chatId: '447700900123@c.us', message: 1 });
      // @ts-expect-error sendText has no `text` argument
      void ops.messages.sendText({ chatId: '447700900123@c.us', message: 'Hi', text: 'x' });
      // @ts-expect-error the arguments are required
      void ops.messages.sendText();
      // @ts-expect-error getInfo takes no arguments
      void ops.sessions.getInfo({ name: 'x' });
      // @ts-expect-error `chatId` is a path parameter of deleteChat and required
      void ops.chats.delete({});
      // @ts-expect-error a standalone operation needs the client first
      void sendText({ chatId: '447700900123@c.us', message: 'Hi' });
      // @ts-expect-error not an operation of the group
      void ops.sessions.sendText;
      // @ts-expect-error unknown call option
      void ops.sessions.getInfo({}, { timeout: 5 });
    };
    expectTypeOf(compileOnly).toBeFunction();
  });
});

describe('paginate types', () => {
  it('yields the items of a list operation', async () => {
    for await (const chat of paginate(ops.chats.list, { limit: 50, sortOrder: 'DESC' })) {
      expectTypeOf(chat).toExtend<Schemas['Chat']>();
      expectTypeOf(chat.id).toBeString();
    }
  });

  it('refuses an operation that does not answer with a list', () => {
    // Compiled, never run: the calls below are wrong on purpose.
    const compileOnly = () => {
      // @ts-expect-error getInfo does not answer with an array
      void paginate(ops.sessions.getInfo, {});
    };
    expectTypeOf(compileOnly).toBeFunction();
  });
});
