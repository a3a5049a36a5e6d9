/** Is a Redis listening? A PING over a raw socket, so an absent Redis costs at most timeoutMs and no ioredis retry loop. */
import { createConnection } from 'node:net';

/** 'pong': a Redis that serves us; 'noauth': a Redis that wants a password; null: none answered. */
export type PingAnswer = 'pong' | 'noauth' | null;

export function pingRedis(host: string, port: number, timeoutMs = 500): Promise<PingAnswer> {
  return new Promise((resolve) => {
    const socket = createConnection({ host, port });
    const done = (answer: PingAnswer) => {
      socket.destroy();
      resolve(answer);
    };
    socket.setTimeout(timeoutMs, () => done(null));
    socket.on('error', () => done(null));
    socket.on('connect', () => socket.write('PING\r\n'));
    socket.on('data', (data) => {
      const reply = data.toString();
      done(reply.startsWith('+PONG') ? 'pong' : reply.startsWith('-NOAUTH') ? 'noauth' : null);
    });
  });
}
