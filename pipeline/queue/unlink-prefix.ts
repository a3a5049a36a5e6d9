/** Removing a dataset's keys from Redis: what the README's redis-cli one-liner does, for the bench and tests. */
import type { Redis } from 'ioredis';

/** Deletes every key under `<prefix>:` (SCAN + UNLINK, so Redis is never blocked); returns how many there were. */
export async function unlinkPrefix(client: Redis, prefix: string): Promise<number> {
  let deleted = 0;
  let cursor = '0';
  do {
    const [next, keys] = await client.scan(cursor, 'MATCH', `${prefix}:*`, 'COUNT', 1000);
    cursor = next;
    if (keys.length > 0) deleted += await client.unlink(...keys);
  } while (cursor !== '0');
  return deleted;
}
