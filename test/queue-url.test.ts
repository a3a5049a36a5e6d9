/** Redis URLs: what passes, what is refused, and that no message shows a password. */
import { describe, expect, it } from 'vitest';
import { checkRedisUrl, redactUrl, RedisUrlError } from '../pipeline/queue/redis-url.js';

describe('redactUrl', () => {
  it('hides the password of a valid URL and keeps the rest', () => {
    expect(redactUrl('redis://:pw@host:6379/2')).toBe('redis://:***@host:6379/2');
    expect(redactUrl('rediss://user:pw@host:6380')).toBe('rediss://user:***@host:6380');
    expect(redactUrl('redis://127.0.0.1:6379')).toBe('redis://127.0.0.1:6379');
  });

  it('hides a lone user name, which ioredis reads as the password', () => {
    expect(redactUrl('redis://secret@host:6379')).toBe('redis://***@host:6379');
  });

  it('shows only what follows the last @ of a URL it cannot parse', () => {
    expect(redactUrl('redis//:secret@host')).toBe('***@host');
    expect(redactUrl('redis:/:secret@host')).toBe('***@host');
    expect(redactUrl('redis://:se@cret@host')).not.toContain('se@cret');
  });
});

describe('checkRedisUrl', () => {
  it('accepts redis:// and rediss:// URLs with a host', () => {
    for (const url of ['redis://127.0.0.1:6379', 'redis://:pw@host:6379/0', 'rediss://user:pw@host', 'redis://[::1]:6379']) {
      expect(() => checkRedisUrl(url), url).not.toThrow();
    }
  });

  it('refuses typos, other schemes, missing hosts, bad ports and databases, without the password in the message', () => {
    for (const url of ['redis//:secret@host', 'redis:/:secret@host', 'redis:secret@host', 'http://:secret@host', 'redis://:secret@', 'redis://:secret@host:0', 'redis://:secret@host:70000', 'redis://:secret@host/db']) {
      let error: unknown;
      try {
        checkRedisUrl(url);
      } catch (e) {
        error = e;
      }
      expect(error, url).toBeInstanceOf(RedisUrlError);
      expect((error as Error).message, url).not.toContain('secret');
    }
  });
});
