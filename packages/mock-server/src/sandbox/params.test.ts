import { describe, expect, it } from 'vitest';
import { mergeParams, pathParams } from './call-params.js';
import { Params } from './params.js';

describe('call parameters', () => {
  it('reads path parameters, decoded', () => {
    expect(pathParams('/chats/{chatId}/messages/{messageId}', '/chats/447700900123%40c.us/messages/true_x_y')).toEqual({
      chatId: '447700900123@c.us',
      messageId: 'true_x_y',
    });
  });

  it('merges with WordPress precedence: JSON body, then form, then query, then path', () => {
    expect(mergeParams({ id: 'path' }, { id: 'query', a: '1' }, { id: 'json' }, 'application/json')).toEqual({
      id: 'json',
      a: '1',
    });
    expect(mergeParams({}, { a: 'query' }, 'a=form&b=2', 'application/x-www-form-urlencoded')).toEqual({
      a: 'form',
      b: '2',
    });
    expect(mergeParams({}, { a: 'query' }, 'a=text', 'text/plain')).toEqual({ a: 'query' });
  });

  it('converts values from the query string and JSON alike', () => {
    const p = new Params({
      limit: '5',
      star: 'false',
      on: true,
      list: ['a', 'b'],
      'ids[]': ['x'],
      'file[url]': 'u',
      json: '[1,2]',
    });
    expect([
      p.number('limit'),
      p.bool('star'),
      p.bool('on'),
      p.list('list'),
      p.list('ids'),
      p.object('file'),
      p.list('json'),
    ]).toEqual([5, false, true, ['a', 'b'], ['x'], { url: 'u' }, [1, 2]]);
    expect([p.number('missing'), p.string('list')]).toEqual([undefined, 'b']);
  });
});
