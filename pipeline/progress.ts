/**
 * A one-line progress bar on stderr. Drawn only on a terminal: piped or redirected stderr
 * (CI logs, `2> log`) gets no carriage-return noise, just the final summary.
 */
export interface Progress {
  update(done: number, total: number): void;
  /** Erases the bar so the summary starts on a clean line. */
  stop(): void;
}

export function createProgress(stream: NodeJS.WriteStream = process.stderr, label = 'files'): Progress {
  if (!stream.isTTY) return { update() {}, stop() {} };
  let lastDraw = 0;
  let drawn = false;
  return {
    update(done, total) {
      const now = Date.now();
      // Redrawing for every file of a large batch costs more than the extraction of small ones.
      if (done !== total && done !== 0 && now - lastDraw < 100) return;
      lastDraw = now;
      const width = Math.max(10, Math.min(40, (stream.columns ?? 80) - 30));
      const filled = total === 0 ? width : Math.round((done / total) * width);
      stream.write(`\r[${'#'.repeat(filled)}${' '.repeat(width - filled)}] ${done}/${total} ${label}`);
      drawn = true;
    },
    stop() {
      if (drawn) stream.write('\r\x1b[2K');
      drawn = false;
    },
  };
}
