/**
 * Redis connections for the worker mode. Every BullMQ object gets its own ioredis client with
 * maxRetriesPerRequest: null (required for workers' blocking commands: a command waits for Redis
 * to come back instead of failing the job). We create and close them ourselves.
 */
import { Redis } from 'ioredis';

const CONNECT_TIMEOUT_MS = 5_000;

export function createRedis(url: string): Redis {
  const client = new Redis(url, { maxRetriesPerRequest: null, enableReadyCheck: true });
  // Reconnection is automatic; without a listener ioredis prints every attempt as "unhandled".
  client.on('error', () => {});
  return client;
}

/**
 * A client that is known to work: commands against a Redis that is down would otherwise wait
 * forever (that is what maxRetriesPerRequest: null means), so a typo in --redis would hang.
 */
export async function connectRedis(url: string): Promise<Redis> {
  let client: Redis;
  try {
    client = createRedis(url);
  } catch (error) {
    throw new Error(`invalid Redis URL ${redactUrl(url)}: ${messageOf(error)}`);
  }
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
  try {
    await client.quit();
  } catch {
    client.disconnect();
  }
}

/** For messages: never print a password. */
export function redactUrl(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.password) parsed.password = '***';
    return parsed.toString();
  } catch {
    return url.replace(/\/\/[^@/]*@/, '//***@');
  }
}

export function messageOf(error: unknown): string {
  if (error instanceof Error) return error.message || error.name;
  return String(error);
}
