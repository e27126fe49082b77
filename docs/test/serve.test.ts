// The docs server of `npm start`: only GET and HEAD, nothing outside its folder (symlinks
// included), and files that vanish mid-request never take the process down.
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, unlinkSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { serveDocs } from '../scripts/serve.mjs';

const base = mkdtempSync(join(tmpdir(), 'wawp-docs-serve-'));
const root = join(base, 'site');
const outside = join(base, 'outside');
let server: { url: string; close(): Promise<void> };

beforeAll(async () => {
  mkdirSync(join(root, 'guides'), { recursive: true });
  mkdirSync(outside);
  writeFileSync(join(root, 'index.html'), '<h1>docs</h1>');
  writeFileSync(join(root, 'guides', 'index.html'), '<h1>guides</h1>');
  writeFileSync(join(outside, 'secret.txt'), 'secret');
  symlinkSync(join(outside, 'secret.txt'), join(root, 'secret.txt'));
  symlinkSync(outside, join(root, 'linked-dir'));
  symlinkSync(join(root, 'index.html'), join(root, 'alias.html'));
  server = await serveDocs({ port: 0, root });
});
afterAll(async () => {
  await server.close();
  rmSync(base, { recursive: true, force: true });
});

function get(path: string, method = 'GET') {
  return new Promise<{ status: number; headers: Record<string, unknown>; body: string }>((resolve, reject) => {
    const req = request(`${server.url}${path.replace(/^\//, '')}`, { method }, (res) => {
      let body = '';
      res.on('data', (c: Buffer) => {
        body += c.toString();
      });
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end();
  });
}

describe('serveDocs', () => {
  it('serves files and folder indexes, and HEAD without a body', async () => {
    expect(await get('/')).toMatchObject({ status: 200, body: '<h1>docs</h1>' });
    expect(await get('/guides/')).toMatchObject({ status: 200, body: '<h1>guides</h1>' });
    const head = await get('/index.html', 'HEAD');
    expect(head).toMatchObject({ status: 200, body: '' });
    expect(head.headers['content-length']).toBe('13');
  });

  it('answers 405 with Allow for every other method', async () => {
    for (const method of ['POST', 'PUT', 'DELETE', 'PATCH', 'OPTIONS', 'TRACE', 'PROPFIND']) {
      const res = await get('/index.html', method);
      expect(res.status, method).toBe(405);
      expect(res.headers.allow).toBe('GET, HEAD');
    }
  });

  it('never follows a symlink out of the folder, nor a path that climbs out of it', async () => {
    for (const path of [
      '/secret.txt',
      '/linked-dir/secret.txt',
      '/linked-dir/',
      '/../outside/secret.txt',
      '/%2e%2e/outside/secret.txt',
      '/guides/..%2f..%2foutside%2fsecret.txt',
      '/%00',
      '/%E0%A4%A',
    ]) {
      const res = await get(path);
      expect(res.status, path).toBeGreaterThanOrEqual(400);
      expect(res.body, path).not.toContain('secret');
    }
    // A symlink that stays inside the folder is fine.
    expect(await get('/alias.html')).toMatchObject({ status: 200, body: '<h1>docs</h1>' });
  });

  it('survives files removed and rewritten while they are requested', async () => {
    const big = Buffer.alloc(4 * 1024 * 1024, 'x');
    const statuses = new Set<number>();
    for (let round = 0; round < 40; round++) {
      const name = `churn-${round % 4}.txt`;
      writeFileSync(join(root, name), big);
      const pending = Array.from({ length: 5 }, () =>
        get(`/${name}`).then(
          (r) => r.status,
          () => 'reset',
        ),
      );
      // Remove (or truncate) the file while the requests are being answered.
      await new Promise((resolve) => setTimeout(resolve, round % 3));
      if (round % 2 === 0) unlinkSync(join(root, name));
      else writeFileSync(join(root, name), '');
      for (const status of await Promise.all(pending)) statuses.add(status as number);
    }
    for (const status of statuses) expect([200, 404, 'reset']).toContain(status);
    // Still serving.
    expect((await get('/')).status).toBe(200);
  });
});
