import { describe, expect, it } from 'vitest';
import { Params } from './params.js';

describe('call parameters', () => {
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
