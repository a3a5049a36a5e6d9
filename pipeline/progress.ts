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
  const started = Date.now();
  return {
    update(done, total) {
      const now = Date.now();
      // Redrawing for every file of a large batch costs more than the extraction of small ones.
      if (done !== total && done !== 0 && now - lastDraw < 100) return;
      lastDraw = now;
      const tail = rateAndEta(done, total, (now - started) / 1000);
      const width = Math.max(10, Math.min(40, (stream.columns ?? 80) - 32 - tail.length));
      const filled = total === 0 ? width : Math.round((done / total) * width);
      stream.write(`\r[${'#'.repeat(filled)}${' '.repeat(width - filled)}] ${done}/${total} ${label}${tail}\x1b[K`);
      drawn = true;
    },
    stop() {
      if (drawn) stream.write('\r\x1b[2K');
      drawn = false;
    },
  };
}

/** " · 85/s · 0:12 left", once there is a rate to speak of (a second in, or a few files done). */
export function rateAndEta(done: number, total: number, seconds: number): string {
  if (done === 0 || seconds < 1) return '';
  const rate = done / seconds;
  const left = Math.round((total - done) / rate);
  const shown = rate >= 10 ? Math.round(rate).toString() : rate.toFixed(1);
  return ` · ${shown}/s${done < total ? ` · ${clock(left)} left` : ''}`;
}

function clock(seconds: number): string {
  const h = Math.floor(seconds / 3600);
  const m = Math.floor((seconds % 3600) / 60);
  const s = seconds % 60;
  const mm = h > 0 ? String(m).padStart(2, '0') : String(m);
  return `${h > 0 ? `${h}:` : ''}${mm}:${String(s).padStart(2, '0')}`;
}
