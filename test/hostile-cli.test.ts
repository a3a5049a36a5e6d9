/**
 * The hostile corpus through the built CLI in embedded mode (a real process, real worker threads):
 * every file that breaks a limit fails alone with its code, the good report beside them is exported,
 * and the process ends with a summary (exit 1), not a crash. The corpus is generated here.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { copyFile, mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { deepHtml, inflatingDocx, paragraphsDocx, singleLine, tabsLine } from '../bench/hostile-corpus.js';

const CLI = path.resolve('dist/pipeline/cli.js');
const FACTSHEET = path.resolve('fixtures/reports/002_1b897dc814a8f4e7.txt');

let tmp: string;
beforeAll(async () => {
  tmp = await mkdtemp(path.join(tmpdir(), 'stj-hostile-'));
});
afterAll(async () => {
  await rm(tmp, { recursive: true, force: true });
});

describe('hostile inputs, embedded mode', () => {
  it('fails each hostile file with its code and exports the good report beside them', async () => {
    const inputs = path.join(tmp, 'corpus');
    await mkdir(inputs);
    await copyFile(FACTSHEET, path.join(inputs, 'good.txt'));
    await writeFile(path.join(inputs, 'bomb.docx'), inflatingDocx(100)); // ~100 KB that unpacks to 100 MB
    await writeFile(path.join(inputs, 'paragraphs.docx'), paragraphsDocx(100_000)); // 11 KB, 100k paragraphs
    await writeFile(path.join(inputs, 'deep.html'), deepHtml(100_000));
    await writeFile(path.join(inputs, 'tabs.txt'), tabsLine(200_000));
    await writeFile(path.join(inputs, 'line.txt'), singleLine(20)); // one 20 MB line
    await writeFile(path.join(inputs, 'huge.pdf'), Buffer.concat([Buffer.from('%PDF-1.4\n'), Buffer.alloc(33 * 1024 * 1024, 0x20)]));
    execFileSync('mkfifo', [path.join(inputs, 'pipe')]);
    const out = path.join(inputs, 'out'); // inside the input folder: never read back

    const result = spawnSync(process.execPath, [CLI, 'import', inputs, '--out', out, '--max-file-mb', '32', '--threads', '2', '--json'], { encoding: 'utf8' });
    expect(result.stderr).toBe('');
    expect(result.status).toBe(1);
    const summary = JSON.parse(result.stdout);
    expect(summary.counts).toMatchObject({ inputs: 8, parsed: 1, failed: 6, skipped: 1, reports: 1, findings: 30 });

    const manifest = JSON.parse(await readFile(path.join(out, 'manifest.json'), 'utf8'));
    expect(manifest.inputs.map((i: { path: string; status: string; failure_code: string | null }) => [i.path, i.status, i.failure_code])).toEqual([
      ['bomb.docx', 'failed', 'too_large'],
      ['deep.html', 'failed', 'too_deep'],
      ['good.txt', 'parsed', null],
      ['huge.pdf', 'failed', 'too_large'],
      ['line.txt', 'failed', 'too_large'],
      ['paragraphs.docx', 'failed', 'too_large'],
      ['pipe', 'skipped', 'not_regular_file'],
      // Read to the end (no findings table) rather than stopped: the line of tabs is no longer quadratic.
      ['tabs.txt', 'failed', 'no_findings_tables'],
    ]);
    const reasons = Object.fromEntries(manifest.inputs.map((i: { path: string; reason: string | null }) => [i.path, i.reason]));
    expect(reasons['huge.pdf']).toBe('file too large: 33 MB is over the limit of 32 MB (--max-file-mb)');
    expect(reasons['line.txt']).toMatch(/^text document too large: 20 MB is over the limit of 16 MB/);
  }, 180_000);
});
