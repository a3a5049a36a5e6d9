/** The bench's memory figures come from peakRssKb (pipeline/peak-rss.ts): a process's own peak, not its parent's. */
import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';

const module = pathToFileURL(path.join(path.dirname(fileURLToPath(import.meta.url)), '../pipeline/peak-rss.ts')).href;

describe('peakRssKb', () => {
  it.runIf(process.platform === 'linux')("gives a child process its own peak, not the large parent's that getrusage carries over", () => {
    // The parent touches 300 MB, then starts the child; the child reports both figures.
    const child = `import(${JSON.stringify(module)}).then((m) => console.log(JSON.stringify({ own: m.peakRssKb(), getrusage: process.resourceUsage().maxRSS })))`;
    const parent =
      `const big = Buffer.alloc(300 * 1024 * 1024, 1);` +
      `process.stdout.write(require('node:child_process').execFileSync(process.execPath, ['--import', 'tsx', '-e', ${JSON.stringify(child)}]));` +
      `big[0] = 2;`;
    const out = execFileSync(process.execPath, ['-e', parent], { encoding: 'utf8' });
    const { own, getrusage } = JSON.parse(out.trim().split('\n').at(-1)!) as { own: number; getrusage: number };
    expect(getrusage).toBeGreaterThan(300 * 1024);
    expect(own).toBeGreaterThan(10 * 1024);
    expect(own).toBeLessThan(250 * 1024);
  });
});
