/**
 * What the cores give at this moment: throughput of N threads that only spin, relative to one. Printed
 * beside a scaling figure so that poor scaling of the pipeline can be told from a busy or shared host.
 */
import { Worker } from 'node:worker_threads';

/** Throughput of `threads` busy-looping worker threads relative to one, fastest of 3 tries each. */
export async function spinScaling(threads: number): Promise<number> {
  const body = `const { parentPort } = require('node:worker_threads'); let x = 0;
    for (let i = 0; i < 2e8; i++) x = (x + i) % 1000003; parentPort.postMessage(x);`;
  const timed = async (n: number) => {
    const start = performance.now();
    await Promise.all(Array.from({ length: n }, () => new Promise((resolve, reject) => {
      const worker = new Worker(body, { eval: true });
      worker.once('message', resolve);
      worker.once('error', reject);
    })));
    return performance.now() - start;
  };
  let one = Infinity;
  let many = Infinity;
  for (let i = 0; i < 3; i++) {
    one = Math.min(one, await timed(1));
    many = Math.min(many, await timed(threads));
  }
  // n threads did n times the work of one.
  return (threads * one) / many;
}
