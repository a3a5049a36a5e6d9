/**
 * Redis connections for the worker mode. We create and close every client ourselves.
 *   - Workers: maxRetriesPerRequest null (BullMQ's blocking commands need it): a command waits for
 *     Redis to come back, so a worker rides out a Redis restart.
 *   - The importer: a command fails quickly while Redis is away, so the importer can count how long
 *     Redis has been gone and give up with a clear message after its deadline instead of hanging.
 */
import { Redis } from 'ioredis';
import { checkRedisUrl, messageOf, redactUrl } from './redis-url.js';

export { messageOf, redactUrl } from './redis-url.js';

const CONNECT_TIMEOUT_MS = 5_000;

export type ClientRole = 'worker' | 'importer';

export function createRedis(url: string, role: ClientRole = 'worker'): Redis {
  checkRedisUrl(url);
  const client = new Redis(url, {
    maxRetriesPerRequest: role === 'worker' ? null : 1,
    enableReadyCheck: true,
    // Reconnect at most every second, forever: whether to give up is the importer's decision (its deadline).
    retryStrategy: (times) => Math.min(times * 100, 1_000),
  });
  // Reconnection is automatic; without a listener ioredis prints every attempt as "unhandled".
  client.on('error', () => {});
  return client;
}

/**
 * A client that is known to work: commands against a Redis that is down would otherwise wait
 * (workers) or fail later with a vaguer message, so a typo in --redis says so at once.
 */
export async function connectRedis(url: string, role: ClientRole = 'worker'): Promise<Redis> {
  const client = createRedis(url, role);
  let onError: (error: unknown) => void = () => {};
  let timer: NodeJS.Timeout | undefined;
  try {
    await Promise.race([
      client.ping(),
      // The first failed attempt is the answer: ioredis would otherwise retry forever.
      new Promise((_, reject) => {
        onError = reject;
        client.once('error', onError);
      }),
      new Promise((_, reject) => {
        timer = setTimeout(() => reject(new Error(`no answer within ${CONNECT_TIMEOUT_MS / 1000}s`)), CONNECT_TIMEOUT_MS);
      }),
    ]);
    return client;
  } catch (error) {
    client.disconnect();
    throw new Error(`cannot reach Redis at ${redactUrl(url)}: ${messageOf(error)}`);
  } finally {
    clearTimeout(timer);
    client.off('error', onError);
  }
}

export async function closeRedis(client: Redis): Promise<void> {
  // quit waits for Redis; one that is gone would keep us waiting.
  if (client.status !== 'ready') {
    client.disconnect();
    return;
  }
  const timer = setTimeout(() => client.disconnect(), 1_000);
  try {
    await client.quit();
  } catch {
    client.disconnect();
  } finally {
    clearTimeout(timer);
  }
}
