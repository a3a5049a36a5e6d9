/**
 * Queue-mode figures for `npm run bench`: the same corpus imported through BullMQ on the real Redis,
 * parsed by 1 and by 2 `stj worker` processes, each with --concurrency 1 so that "N worker processes"
 * uses N threads for parsing, like the embedded run with N threads it is compared with.
 *
 * Every measurement runs under a prefix of its own (stj-bench-<random>-…): a prefix that had already
 * parsed the corpus would answer from its result cache and time nothing. Workers are started and
 * ready ("taking parse jobs") before the import is timed, so process start-up is not counted;
 * they are stopped with SIGTERM and every key under the prefixes is deleted afterwards.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import path from 'node:path';
import { Redis } from 'ioredis';
import { pingRedis } from '../pipeline/queue/ping-redis.js';
import { unlinkPrefix } from '../pipeline/queue/unlink-prefix.js';

export interface QueueBenchSetup {
  repoRoot: string;
  /** True when the bench itself runs from TypeScript (tsx): the workers then run pipeline/cli.ts under tsx too. */
  fromSource: boolean;
  redisUrl: string;
}

export interface WorkerSet {
  prefix: string;
  stop(): Promise<void>;
}

/** Whether a Redis answers at url; -NOAUTH still proves one is there, and the import then says what is wrong. */
export async function redisAnswers(url: string): Promise<boolean> {
  const { hostname, port } = new URL(url);
  return (await pingRedis(hostname || '127.0.0.1', Number(port || 6379))) !== null;
}

export function benchPrefix(label: string): string {
  return `stj-bench-${randomBytes(4).toString('hex')}-${label}`;
}

function cliCommand(setup: QueueBenchSetup): string[] {
  return setup.fromSource
    ? ['--import', 'tsx', path.join(setup.repoRoot, 'pipeline', 'cli.ts')]
    : [path.join(setup.repoRoot, 'dist', 'pipeline', 'cli.js')];
}

/** Starts `count` worker processes (concurrency 1 each) on prefix and resolves once all take jobs. */
export async function startWorkers(setup: QueueBenchSetup, prefix: string, count: number): Promise<WorkerSet> {
  const children: ChildProcess[] = [];
  const stop = async () => {
    await Promise.all(
      children.map(
        (child) =>
          new Promise<void>((resolve) => {
            if (child.exitCode !== null || child.signalCode !== null) return resolve();
            // A worker that ignores SIGTERM (a job stuck in hand) must not hold the bench: kill after 10 s.
            const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
            child.once('exit', () => {
              clearTimeout(timer);
              resolve();
            });
            child.kill('SIGTERM');
          }),
      ),
    );
  };
  try {
    await Promise.all(
      Array.from({ length: count }, () => {
        const args = [...cliCommand(setup), 'worker', '--redis', setup.redisUrl, '--prefix', prefix, '--concurrency', '1'];
        const child = spawn(process.execPath, args, { stdio: ['ignore', 'ignore', 'pipe'] });
        children.push(child);
        return new Promise<void>((resolve, reject) => {
          let log = '';
          const timer = setTimeout(() => reject(new Error(`worker did not start within 30 s: ${log.trim()}`)), 30_000);
          child.stderr!.on('data', (d: Buffer) => {
            // Only the start-up line matters; later per-job lines are dropped to keep memory flat.
            if (log.length < 4096) log += d.toString();
            if (log.includes('taking parse jobs')) {
              clearTimeout(timer);
              resolve();
            }
          });
          child.once('exit', (code) => {
            clearTimeout(timer);
            reject(new Error(`worker exited with code ${code} before taking jobs: ${log.trim()}`));
          });
        });
      }),
    );
  } catch (error) {
    await stop();
    throw error;
  }
  return { prefix, stop };
}

/** Deletes every key under each prefix (SCAN + UNLINK); returns how many keys there were. */
export async function deletePrefixes(url: string, prefixes: string[]): Promise<number> {
  const client = new Redis(url, { maxRetriesPerRequest: 3, lazyConnect: true });
  let deleted = 0;
  try {
    await client.connect();
    for (const prefix of prefixes) deleted += await unlinkPrefix(client, prefix);
  } finally {
    client.disconnect();
  }
  return deleted;
}
