/**
 * The hostile corpus (bench/hostile-corpus.ts) through the embedded pipeline: peak RSS of the whole
 * process (worker threads included) while each hostile file fails on its limit, and what the limits
 * cost on good input: the same good corpus with the default limits and with the size limits raised
 * out of reach (STJ_MAX_*_MB), fastest of `repeat` runs each, alternating, in processes of their own.
 *
 *   node dist/bench/hostile-bench.js [<good corpus dir>] [--repeat N]     (alone: the fixture reports)
 */
import { execFile } from 'node:child_process';
import { copyFile, mkdir, mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import type { Measurement } from './measure.js';
import { deepHtml, inflatingDocx, paragraphsDocx, singleLine, tabsLine } from './hostile-corpus.js';

const run = promisify(execFile);
const here = path.dirname(fileURLToPath(import.meta.url));
const repoRoot = path.resolve(here, here.split(path.sep).includes('dist') ? '../..' : '..');

async function measure(args: string[], env: NodeJS.ProcessEnv = {}): Promise<Measurement> {
  const script = path.join(here, `measure${path.extname(fileURLToPath(import.meta.url))}`);
  const loader = script.endsWith('.ts') ? ['--import', 'tsx'] : [];
  const { stdout } = await run(process.execPath, [...loader, script, ...args], { maxBuffer: 1 << 20, env: { ...process.env, ...env } });
  return JSON.parse(stdout.trim().split('\n').at(-1)!) as Measurement;
}

export async function writeHostileCorpus(dir: string): Promise<string[]> {
  await mkdir(dir, { recursive: true });
  const files: [string, Buffer | string][] = [
    ['bomb.docx', inflatingDocx(400)],
    ['paragraphs.docx', paragraphsDocx(100_000)],
    ['deep.html', deepHtml(100_000)],
    ['tabs.txt', tabsLine(200_000)],
    ['line.txt', singleLine(50)],
  ];
  for (const [name, data] of files) await writeFile(path.join(dir, name), data);
  await copyFile(path.join(repoRoot, 'fixtures/reports/002_1b897dc814a8f4e7.txt'), path.join(dir, 'good.txt'));
  return files.map(([name]) => name);
}

const mb = (kb: number) => `${Math.round(kb / 1024)} MB`;
const OUT_OF_REACH = { STJ_MAX_FILE_MB: '1000000', STJ_MAX_TEXT_MB: '1000000', STJ_MAX_INFLATE_MB: '1000000' };

export async function benchHostile(goodDir: string, tmp: string, repeat = 1): Promise<void> {
  const hostile = path.join(tmp, 'hostile');
  const names = await writeHostileCorpus(hostile);
  const h = await measure(['pipeline', hostile, path.join(tmp, 'hostile-out'), '2']);
  process.stdout.write(
    `hostile: ${names.length} hostile files (400 MB Word bomb, 100k-paragraph DOCX, HTML 100k deep, 200k tabs, one 50 MB line) + 1 good:` +
      ` ${h.failed} failed, ${h.reports} report, ${(h.ms / 1000).toFixed(1)} s, peak RSS ${mb(h.maxRssKb)} (2 threads)\n`,
  );
  let limited: Measurement | null = null;
  let unlimited: Measurement | null = null;
  for (let i = 0; i < repeat; i++) {
    const a = await measure(['pipeline', goodDir, path.join(tmp, `good-limited-${i}`), '2']);
    const b = await measure(['pipeline', goodDir, path.join(tmp, `good-unlimited-${i}`), '2'], OUT_OF_REACH);
    if (!limited || a.ms < limited.ms) limited = a;
    if (!unlimited || b.ms < unlimited.ms) unlimited = b;
  }
  process.stdout.write(
    `limits on good input: ${limited!.reports} reports in ${limited!.ms.toFixed(0)} ms with the default limits, ${unlimited!.ms.toFixed(0)} ms with them out of reach` +
      ` (ratio ${(limited!.ms / unlimited!.ms).toFixed(2)}; peak RSS ${mb(limited!.maxRssKb)} vs ${mb(unlimited!.maxRssKb)})\n`,
  );
}

if (process.argv[1] && fileURLToPath(import.meta.url) === path.resolve(process.argv[1])) {
  const args = process.argv.slice(2);
  const repeatAt = args.indexOf('--repeat');
  const repeat = repeatAt >= 0 ? Number(args[repeatAt + 1]) : 1;
  const goodDir = args.find((a, i) => !a.startsWith('--') && args[i - 1] !== '--repeat') ?? path.join(repoRoot, 'fixtures/reports');
  const tmp = await mkdtemp(path.join(tmpdir(), 'stj-hostile-bench-'));
  try {
    await readdir(goodDir);
    await benchHostile(goodDir, tmp, repeat);
  } finally {
    await rm(tmp, { recursive: true, force: true });
  }
}
