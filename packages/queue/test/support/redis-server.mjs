// Redis as a real component of the tests: the server named by REDIS_URL, else a throwaway
// `redis-server` (found on PATH, or installed from Debian when we are root with apt) on a
// free loopback port, without persistence, stopped afterwards.
// Plain JavaScript, so the benchmarks use it too.
import { execFileSync, spawn } from 'node:child_process';
import { connect, createServer } from 'node:net';

/** @typedef {{ url: string, process?: import('node:child_process').ChildProcess, stop(): Promise<void> }} RunningRedis */

const onPath = (command) => {
  try {
    execFileSync('sh', ['-c', `command -v ${command}`], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
};

/** Finds `redis-server`, installing Debian's package when that is possible; else says what to install. */
export function ensureRedisServer() {
  if (onPath('redis-server')) return 'redis-server';
  const root = typeof process.getuid === 'function' && process.getuid() === 0;
  if (root && onPath('apt-get')) {
    const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
    execFileSync('apt-get', ['update', '-qq'], { stdio: 'inherit', env });
    execFileSync('apt-get', ['install', '-y', '-qq', 'redis-server'], { stdio: 'inherit', env });
    if (onPath('redis-server')) return 'redis-server';
  }
  throw new Error(
    'These tests need Redis: set REDIS_URL to a Redis you run, or install redis-server ' +
      '(Debian/Ubuntu: `apt-get install redis-server`, macOS: `brew install redis`).',
  );
}

/** @returns {Promise<number>} */
export function freePort() {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = /** @type {import('node:net').AddressInfo} */ (server.address());
      server.close(() => resolve(port));
    });
  });
}

/** Starts a private redis-server on `port` (a free one by default) and resolves once it accepts commands. */
/** @param {number} [port] @returns {Promise<RunningRedis>} */
export async function startRedisServer(port) {
  const command = ensureRedisServer();
  const chosen = port ?? (await freePort());
  const args = ['--port', String(chosen), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'];
  const child = spawn(command, [...args, '--loglevel', 'warning'], { stdio: ['ignore', 'ignore', 'pipe'] });
  let stderr = '';
  child.stderr?.on('data', (chunk) => {
    stderr += String(chunk);
  });
  const url = `redis://127.0.0.1:${chosen}`;
  await waitUntilReady(chosen, child, () => stderr);
  return {
    url,
    process: child,
    stop: () =>
      new Promise((resolve) => {
        if (child.exitCode !== null || child.signalCode !== null) return resolve();
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
      }),
  };
}

async function waitUntilReady(port, child, stderr) {
  const deadline = Date.now() + 10_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`redis-server exited with ${child.exitCode}: ${stderr()}`);
    if (await answersPing(port)) return;
    await new Promise((r) => setTimeout(r, 50));
  }
  child.kill('SIGKILL');
  throw new Error(`redis-server did not answer on port ${port} within 10 s: ${stderr()}`);
}

function answersPing(port) {
  return new Promise((resolve) => {
    const socket = connect(port, '127.0.0.1');
    socket.setTimeout(500);
    socket.once('connect', () => socket.write('PING\r\n'));
    socket.once('data', (data) => {
      socket.destroy();
      resolve(String(data).startsWith('+PONG'));
    });
    socket.once('error', () => resolve(false));
    socket.once('timeout', () => {
      socket.destroy();
      resolve(false);
    });
  });
}

/** REDIS_URL when set, else a fresh private server. */
/** @returns {Promise<RunningRedis>} */
export async function useRedis() {
  const given = process.env.REDIS_URL;
  if (given) return { url: given, stop: async () => {} };
  return startRedisServer();
}
