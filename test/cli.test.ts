/** The built CLI as users run it (`npm test` builds dist/ first through the pretest script). */
import { spawnSync } from 'node:child_process';
import { copyFile, mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EXPORT_FILES } from '../pipeline/export/write-exports.js';

/** The six dataset files and the four made from them (codebook, datapackage, xlsx, overview). */
const ALL_FILES = ['findings.csv', 'findings.jsonl', 'manifest.json', 'reports.csv', 'reports.jsonl', 'warnings.jsonl', ...EXPORT_FILES].sort();

const CLI = path.resolve('dist/pipeline/cli.js');
const FACTSHEET = path.resolve('fixtures/reports/002_1b897dc814a8f4e7.txt');

function run(args: string[], env: NodeJS.ProcessEnv = {}, cwd?: string) {
  const { REDIS_URL: _ignored, ...base } = process.env;
  const result = spawnSync(process.execPath, [CLI, ...args], { encoding: 'utf8', env: { ...base, ...env }, cwd });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

let tmp: string;
beforeAll(async () => {
  tmp = await mkdtemp(path.join(tmpdir(), 'stj-cli-'));
});
afterAll(async () => {
  await rm(tmp, { recursive: true, force: true });
});

describe('cli usage errors exit with 2', () => {
  it.each([
    ['no command', [], /no command given/],
    ['unknown command', ['frobnicate'], /unknown command: frobnicate/],
    ['import with an empty --out', ['import', 'fixtures/reports', '--out', ''], /--out needs a folder/],
    ['import without inputs', ['import', '--out', 'x'], /at least one file or folder/],
    ['unknown flag', ['import', 'fixtures/reports', '--out', 'x', '--bogus'], /bogus/],
    ['bad thread count', ['import', 'fixtures/reports', '--out', 'x', '--threads', '0'], /--threads needs a whole number/],
    ['worker with an import flag', ['worker', '--out', 'x'], /out/],
  ])('%s', (_name, args, message) => {
    const { code, stderr, stdout } = run(args);
    expect(code).toBe(2);
    expect(stderr).toMatch(message);
    expect(stderr).toContain('--help');
    expect(stderr).not.toMatch(/\n\s+at /);
    expect(stdout).toBe('');
  });

  it('prints help on stdout with exit 0', () => {
    const { code, stdout } = run(['--help']);
    expect(code).toBe(0);
    expect(stdout).toContain('stj-findings import <file-or-folder>... [--out <dir>]');
  });
});

describe('cli import', () => {
  it('writes the dataset to output/ under the current folder when --out is not given', async () => {
    const cwd = path.join(tmp, 'default-out');
    await mkdir(cwd);
    const { code, stderr } = run(['import', FACTSHEET], {}, cwd);
    expect({ code, stderr: stderr.trim().split('\n').at(-1) }).toEqual({ code: 0, stderr: expect.stringMatching(/wrote output$/) });
    expect((await readdir(path.join(cwd, 'output'))).sort()).toEqual(ALL_FILES);
  });

  it('fails an empty and a binary file (exit 1, one line each, no stack trace) and still exports the good file', async () => {
    const inputs = path.join(tmp, 'mixed');
    await mkdir(inputs);
    await writeFile(path.join(inputs, 'empty.txt'), '');
    await writeFile(path.join(inputs, 'blob.bin'), Buffer.from([0x89, 0x50, 0x4e, 0x47, 0, 0, 0, 0x0d, 0xff, 0xfe, 0, 1, 2, 3]));
    await copyFile(FACTSHEET, path.join(inputs, 'factsheet.txt'));
    const out = path.join(tmp, 'mixed-out');

    const { code, stderr } = run(['import', inputs, '--out', out]);
    expect(code).toBe(1);
    expect(stderr).not.toMatch(/\n\s+at /);
    expect(stderr).not.toContain('\r'); // no progress bar when stderr is not a terminal
    expect(stderr).toMatch(/^3 files: 1 parsed, 0 duplicate, 2 failed → 1 report, 30 findings, \d+ warnings?; wrote /);
    expect(stderr).toMatch(/^ {2}failed blob\.bin: .+$/m);
    expect(stderr).toMatch(/^ {2}failed empty\.txt: .+$/m);

    const manifest = JSON.parse(await readFile(path.join(out, 'manifest.json'), 'utf8'));
    expect(manifest.inputs.map((i: { path: string; status: string; failure_code: string | null }) => [i.path, i.status, i.failure_code])).toEqual([
      ['blob.bin', 'failed', 'binary'],
      ['empty.txt', 'failed', 'empty'],
      ['factsheet.txt', 'parsed', null],
    ]);
    const findings = (await readFile(path.join(out, 'findings.jsonl'), 'utf8')).trimEnd().split('\n');
    expect(findings).toHaveLength(30);
    expect(JSON.parse(findings[0]!).source_file).toBe('factsheet.txt');
    const warnings = await readFile(path.join(out, 'warnings.jsonl'), 'utf8');
    expect(warnings).toContain('"code":"unreadable_file","severity":"error","message":"empty: ');
    expect(warnings).toContain('"code":"unreadable_file","severity":"error","message":"binary: ');
  });

  it('reports a missing path as a failed input and exits 1', async () => {
    const out = path.join(tmp, 'missing-out');
    const { code, stderr } = run(['import', FACTSHEET, path.join(tmp, 'nope.txt'), '--out', out]);
    expect(code).toBe(1);
    expect(stderr).toMatch(/^ {2}failed nope\.txt: no such file or directory$/m);
    const manifest = JSON.parse(await readFile(path.join(out, 'manifest.json'), 'utf8'));
    expect(manifest.counts).toMatchObject({ inputs: 2, parsed: 1, failed: 1 });
  });

  it('reports an unexpected error (output folder under a file) in one line with exit 1, stack only with STJ_DEBUG=1', async () => {
    const blocker = path.join(tmp, 'blocker');
    await writeFile(blocker, 'not a folder');
    const plain = run(['import', FACTSHEET, '--out', path.join(blocker, 'out')]);
    expect(plain.code).toBe(1);
    expect(plain.stderr).toMatch(/^stj-findings: ENOTDIR: .* \(set STJ_DEBUG=1 for details\)\n$/);
    const debug = run(['import', FACTSHEET, '--out', path.join(blocker, 'out')], { STJ_DEBUG: '1' });
    expect(debug.code).toBe(1);
    expect(debug.stderr).toMatch(/\n\s+at /);
  });

  it('exits 0 for a clean folder, marks a second copy as duplicate, and gives identical bytes for any thread count', async () => {
    const inputs = path.join(tmp, 'clean');
    await mkdir(path.join(inputs, 'copies'), { recursive: true });
    for (const name of await readdir('fixtures/reports')) await copyFile(path.join('fixtures/reports', name), path.join(inputs, name));
    await copyFile(FACTSHEET, path.join(inputs, 'copies', 'again.txt'));

    const one = run(['import', inputs, '--out', path.join(tmp, 'clean-1'), '--threads', '1']);
    const four = run(['import', inputs, '--out', path.join(tmp, 'clean-4'), '--threads', '4']);
    expect(one.code).toBe(0);
    expect(four.code).toBe(0);
    expect(one.stderr).toMatch(/^6 files: 5 parsed, 1 duplicate, 0 failed → 5 reports, /);

    const files = (await readdir(path.join(tmp, 'clean-1'))).sort();
    expect(files).toEqual(ALL_FILES);
    for (const f of files) {
      expect(await readFile(path.join(tmp, 'clean-4', f), 'utf8'), f).toBe(await readFile(path.join(tmp, 'clean-1', f), 'utf8'));
    }
    const manifest = JSON.parse(await readFile(path.join(tmp, 'clean-1', 'manifest.json'), 'utf8'));
    expect(manifest.inputs[0]).toMatchObject({ path: '000_318a4c095323d6df.txt', status: 'parsed' });
    expect(manifest.inputs.find((i: { path: string }) => i.path === 'copies/again.txt')).toMatchObject({
      status: 'duplicate',
      duplicate_of: '002_1b897dc814a8f4e7.txt',
    });
    expect(JSON.stringify(manifest)).not.toContain(tmp);
  });
});
