// Stand-in worker for the pool test: dies on files whose name contains "crash", answers the rest
// with a valid failure reply, and sends garbage for "garbage" so the pool's reply check is exercised.
// Replies follow pipeline/worker-reply.ts: { id, head, reports? }.
import { parentPort } from 'node:worker_threads';

parentPort.on('message', (job) => {
  if (job.relativePath.includes('crash')) process.exit(3);
  if (job.relativePath.includes('throw')) throw new Error('worker blew up');
  if (job.relativePath.includes('garbage')) {
    parentPort.postMessage({ id: job.id, head: { ok: true, reports: [{ nope: 1 }] } });
    return;
  }
  parentPort.postMessage({
    id: job.id,
    head: { ok: false, failure: { ok: false, fileName: job.relativePath, bytesSha256: '0'.repeat(64), failure: { code: 'empty', message: 'fake' } } },
  });
});
