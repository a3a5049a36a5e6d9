/**
 * Redis URLs on the command line and in messages. A URL usually holds the password
 * (redis://:PASSWORD@host), so it is never printed as given: every message uses redactUrl, and a URL
 * that does not parse is refused before any connection with a message that shows no credentials.
 * No BullMQ or ioredis here: the CLI checks the URL before loading them.
 */

export class RedisUrlError extends Error {}

/** For messages: a parsed URL with its password (and a lone user name) replaced; an unparsable one shows only what follows its last '@'. */
export function redactUrl(url: string): string {
  let parsed: URL | null = null;
  try {
    parsed = new URL(url);
  } catch {
    parsed = null;
  }
  if (parsed && parsed.host !== '' && /^rediss?:$/.test(parsed.protocol)) {
    if (parsed.password) parsed.password = '***';
    else if (parsed.username) parsed.username = '***'; // redis://secret@host: ioredis reads a lone user name as the password
    return parsed.toString();
  }
  // Not a URL we understand: anything before an '@' may be a secret, and so may a long token without one.
  const at = url.lastIndexOf('@');
  if (at >= 0) return `***@${url.slice(at + 1)}`;
  return url.length > 80 ? `${url.slice(0, 20)}…` : url;
}

/**
 * Refuses what is not redis://[user:password@]host[:port][/db] or rediss://…. Typos such as
 * `redis//:secret@host` or `redis:/:secret@host` would otherwise be read by ioredis as a host name or
 * a socket path, and end up in an error message with the password in it.
 */
export function checkRedisUrl(url: string): void {
  const shown = redactUrl(url);
  if (!/^rediss?:\/\//i.test(url)) {
    throw new RedisUrlError(`--redis needs a URL like redis://[:password@]host[:port][/db] (or rediss:// for TLS), not ${shown}`);
  }
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new RedisUrlError(`--redis: ${shown} is not a valid URL`);
  }
  if (parsed.hostname === '') throw new RedisUrlError(`--redis: ${shown} names no host`);
  if (parsed.port !== '' && !(Number(parsed.port) > 0 && Number(parsed.port) < 65536)) throw new RedisUrlError(`--redis: ${shown} has an invalid port`);
  const db = parsed.pathname.replace(/^\//, '');
  if (db !== '' && !/^\d+$/.test(db)) throw new RedisUrlError(`--redis: ${shown} has a database "${db}" that is not a number`);
}

export function messageOf(error: unknown): string {
  if (error instanceof Error) return error.message || error.name;
  return String(error);
}
