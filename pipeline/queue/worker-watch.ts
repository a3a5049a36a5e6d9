/**
 * An import with no worker serving its prefix would wait silently forever. Say so, once, when the
 * import still waits for parse jobs after a few seconds and Redis lists no worker on the queue.
 * (The check uses CLIENT LIST; a Redis that forbids it simply gets no notice.)
 */
import type { Queue } from 'bullmq';
import { redactUrl } from './connection.js';

const FIRST_CHECK_MS = 5_000;

export function warnWhenNoWorkers(
  parseQueue: Queue,
  redisUrl: string,
  prefix: string,
  stillWaiting: () => boolean,
  notice: (line: string) => void,
): () => void {
  const timer = setTimeout(() => {
    if (!stillWaiting()) return;
    parseQueue.getWorkersCount().then(
      (count) => {
        if (count === 0 && stillWaiting()) {
          notice(
            `stj-findings: no worker is serving prefix "${prefix}" on ${redactUrl(redisUrl)}; ` +
              `the import waits until one starts (stj-findings worker --redis <url> --prefix ${prefix})`,
          );
        }
      },
      () => {},
    );
  }, FIRST_CHECK_MS);
  timer.unref();
  return () => clearTimeout(timer);
}
