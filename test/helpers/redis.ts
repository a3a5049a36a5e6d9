/**
 * A real Redis for the queue tests: the one on 127.0.0.1:6379 when it answers, otherwise a
 * throw-away `redis-server` on a free port (no persistence). Every test file works under its own
 * key prefix and deletes its keys afterwards, so files can share one server.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { Redis } from 'ioredis';
import { freePort } from '../../pipeline/queue/free-port.js';
import { pingRedis } from '../../pipeline/queue/ping-redis.js';
import { unlinkPrefix } from '../../pipeline/queue/unlink-prefix.js';

export interface TestRedis {
  url: string;
  stop(): Promise<void>;
}

const DEFAULT_HOST = '127.0.0.1';
const DEFAULT_PORT = 6379;

/** A Redis the tests can use: it answers PING without asking for a password. */
async function servesTests(port: number): Promise<boolean> {
  return (await pingRedis(DEFAULT_HOST, port)) === 'pong';
}

export async function startTestRedis(port = DEFAULT_PORT): Promise<TestRedis> {
  if (await servesTests(port)) return { url: `redis://${DEFAULT_HOST}:${port}`, stop: async () => {} };

  const probe = spawnSync('redis-server', ['--version'], { encoding: 'utf8' });
  if (probe.error || probe.status !== 0) {
    throw new Error(
      `The queue tests need Redis: nothing answers on ${DEFAULT_HOST}:${port} and no \`redis-server\` binary is on the PATH. ` +
        `Install Redis 7 (Debian/Ubuntu: \`apt-get install redis-server\`; macOS: \`brew install redis\`) or start one on port ${port}.`,
    );
  }
  const freshPort = await freePort();
  const server: ChildProcess = spawn('redis-server', ['--port', String(freshPort), '--bind', DEFAULT_HOST, '--save', '', '--appendonly', 'no'], {
    stdio: 'ignore',
  });
  const deadline = Date.now() + 10_000;
  while (!(await servesTests(freshPort))) {
    if (server.exitCode !== null || Date.now() > deadline) {
      server.kill('SIGKILL');
      throw new Error(`redis-server on port ${freshPort} did not start`);
    }
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  return {
    url: `redis://${DEFAULT_HOST}:${freshPort}`,
    stop: () =>
      new Promise<void>((resolve) => {
        if (server.exitCode !== null) return resolve();
        server.once('exit', () => resolve());
        server.kill('SIGTERM');
      }),
  };
}

/** A prefix no other test run uses. */
export function uniquePrefix(label: string): string {
  return `stj-test-${label}-${randomBytes(4).toString('hex')}`;
}

/** Deletes every key under the prefix (SCAN + UNLINK); returns how many there were. */
export async function deletePrefix(url: string, prefix: string): Promise<number> {
  const client = new Redis(url, { maxRetriesPerRequest: 3 });
  try {
    return await unlinkPrefix(client, prefix);
  } finally {
    client.disconnect();
  }
}
