/**
 * Test-only hostile documents for the worker's fault tests: with STJ_TEST_HOSTILE_FILES=1 in the
 * worker's environment, a document whose name contains one of these words misbehaves in its
 * extraction thread the way a hostile file would. Without the variable this does nothing, so no
 * file name can trigger it in real use.
 */
export function hostileTestTrigger(fileName: string): void {
  if (process.env.STJ_TEST_HOSTILE_FILES !== '1') return;
  if (fileName.includes('hostile-oom')) {
    // Grows the heap until the thread's resourceLimits end it, as a zip bomb or a 50 MB line would.
    const hoard: number[][] = [];
    for (;;) hoard.push(new Array<number>(1e6).fill(hoard.length));
  }
  if (fileName.includes('hostile-crash')) process.exit(70); // in a worker thread this ends the thread only
  if (fileName.includes('hostile-hang')) for (;;);
}
