// Stand-in worker for the pool's limit tests: spins for ever on "hang", allocates until the thread's
// heap limit on "oom", answers the rest with a valid failure reply (pipeline/worker-reply.ts).
import { parentPort } from 'node:worker_threads';

parentPort.on('message', (job) => {
  if (job.relativePath.includes('hang')) for (;;);
  if (job.relativePath.includes('oom')) {
    const hoard = [];
    for (;;) hoard.push(new Array(1e6).fill(hoard.length));
  }
  parentPort.postMessage({
    id: job.id,
    head: { ok: false, failure: { ok: false, fileName: job.relativePath, bytesSha256: '0'.repeat(64), failure: { code: 'empty', message: 'fake' } } },
  });
});
