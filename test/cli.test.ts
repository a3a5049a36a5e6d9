/** The built CLI as users run it (`npm test` builds dist/ first through the pretest script). */
import { execFileSync, spawnSync } from 'node:child_process';
import { copyFile, mkdir, mkdtemp, readdir, readFile, rm, stat, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ALL_DATASET_FILES, DATA_FILES } from './helpers/dataset-files.js';

/** The six dataset files and the four made from them (codebook, datapackage, xlsx, overview). */

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
    ['unknown flag', ['import', 'fixtures/reports', '--out', 'x', '--bogus'], /^stj-findings: unknown option: --bogus\n/],
    ['unknown top-level flag', ['--bogus'], /^stj-findings: unknown option: --bogus\n/],
    ['option without its value', ['import', 'fixtures/reports', '--out'], /^stj-findings: --out needs a value\n/],
    ['bad limit', ['import', 'fixtures/reports', '--max-file-mb', 'lots'], /--max-file-mb needs a number above 0, not 'lots'/],
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
    expect({ code, stderr: stderr.split('\n')[0] }).toEqual({ code: 0, stderr: expect.stringMatching(/; wrote output$/) });
    expect((await readdir(path.join(cwd, 'output'))).sort()).toEqual(ALL_DATASET_FILES);
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
    expect(stderr).toMatch(/^3 files: 1 parsed, 0 duplicate, 2 failed → 1 report, 30 findings, \d+ warnings \(2 error(, \d+ warning)?, \d+ info\); wrote /);
    expect(stderr).toMatch(/^ {2}most frequent warnings: .*unreadable_file 2.* \(see warnings\.jsonl\)$/m);
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

  it('refuses a missing input path as a usage error (exit 2) before doing any work', async () => {
    const out = path.join(tmp, 'missing-out');
    const { code, stderr } = run(['import', FACTSHEET, path.join(tmp, 'nope.txt'), '--out', out]);
    expect(code).toBe(2);
    expect(stderr).toBe(`stj-findings: cannot read ${path.join(tmp, 'nope.txt')}: no such file or directory\nRun 'stj-findings --help' for usage.\n`);
    await expect(readdir(out)).rejects.toThrow(/ENOENT/);
  });

  it('refuses an --out that is a file, or lies under one, as a usage error', async () => {
    const blocker = path.join(tmp, 'blocker');
    await writeFile(blocker, 'not a folder');
    const onFile = run(['import', FACTSHEET, '--out', blocker]);
    expect(onFile).toEqual({ code: 2, stdout: '', stderr: expect.stringMatching(/^stj-findings: --out .*blocker is a file, not a folder\n/) });
    const under = run(['import', FACTSHEET, '--out', path.join(blocker, 'out')]);
    expect(under).toEqual({ code: 2, stdout: '', stderr: expect.stringMatching(/^stj-findings: --out .* cannot be created: .*blocker is a file\n/) });
    expect(await readFile(blocker, 'utf8')).toBe('not a folder');
  });

  it('refuses an --out that is a dangling link, or that cannot be made, as a usage error before any work', async () => {
    const dangling = path.join(tmp, 'dangling-out');
    await symlink(path.join(tmp, 'gone'), dangling);
    const plain = run(['import', FACTSHEET, '--out', dangling]);
    expect(plain).toEqual({ code: 2, stdout: '', stderr: expect.stringMatching(/^stj-findings: --out .*dangling-out cannot be created: .*dangling-out is a symbolic link to something that does not exist\n/) });
    await expect(readdir(path.join(tmp, 'gone'))).rejects.toThrow(/ENOENT/);
    // Node's recursive mkdir never returns for a path under /proc; the CLI must not hang on it.
    const proc = run(['import', FACTSHEET, '--out', '/proc/stj-no-such-folder/out']);
    expect(proc).toEqual({ code: 2, stdout: '', stderr: expect.stringMatching(/^stj-findings: --out \/proc\/stj-no-such-folder\/out cannot be created: no such file or directory\n/) });
  });

  it('reports an unexpected error in one line with exit 1, stack only with STJ_DEBUG=1', async () => {
    const out = path.join(tmp, 'unexpected');
    const plain = run(['import', FACTSHEET, '--out', out], { STJ_TEST_INTERNAL_ERROR: '1' });
    expect(plain.code).toBe(1);
    expect(plain.stderr).toBe('stj-findings: EIO: i/o error, simulated for the tests (set STJ_DEBUG=1 for details)\n');
    const debug = run(['import', FACTSHEET, '--out', out], { STJ_TEST_INTERNAL_ERROR: '1', STJ_DEBUG: '1' });
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
    expect(files).toEqual(ALL_DATASET_FILES);
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

describe('cli conventions', () => {
  it('prints the version with --version and -V', async () => {
    const { version } = JSON.parse(await readFile('package.json', 'utf8'));
    for (const flag of ['--version', '-V']) expect(run([flag])).toEqual({ code: 0, stdout: `stj-findings ${version}\n`, stderr: '' });
  });

  it('is an executable bin with a shebang (built by npm run build)', async () => {
    expect((await stat(CLI)).mode & 0o111).toBe(0o111);
    expect((await readFile(CLI, 'utf8')).startsWith('#!/usr/bin/env node\n')).toBe(true);
    const direct = spawnSync(CLI, ['--version'], { encoding: 'utf8' });
    expect(direct.status).toBe(0);
    expect(direct.stdout).toMatch(/^stj-findings \d+\.\d+\.\d+\n$/);
  });

  it('takes relative paths from the caller\'s folder under npm run (INIT_CWD), and only there', async () => {
    const caller = path.join(tmp, 'caller');
    await mkdir(path.join(caller, 'in'), { recursive: true });
    await copyFile(FACTSHEET, path.join(caller, 'in', 'f.txt'));
    const npm = { INIT_CWD: caller, npm_lifecycle_event: 'stj' };
    const viaNpm = run(['import', 'in', '--out', 'out', '-q'], npm, process.cwd());
    expect(viaNpm).toEqual({ code: 0, stdout: '', stderr: '' });
    expect(JSON.parse(await readFile(path.join(caller, 'out', 'manifest.json'), 'utf8')).inputs[0].path).toBe('f.txt');
    // A program that only inherits INIT_CWD from an npm parent, run elsewhere, keeps its own folder.
    const elsewhere = path.join(tmp, 'elsewhere');
    await mkdir(path.join(elsewhere, 'in'), { recursive: true });
    await copyFile(FACTSHEET, path.join(elsewhere, 'in', 'g.txt'));
    expect(run(['import', 'in', '--out', 'out', '-q'], npm, elsewhere).code).toBe(0);
    expect(JSON.parse(await readFile(path.join(elsewhere, 'out', 'manifest.json'), 'utf8')).inputs[0].path).toBe('g.txt');
  });

  it('prints a machine-readable summary with --json, and nothing at all with --quiet on a clean run', async () => {
    const out = path.join(tmp, 'json-out');
    const { code, stdout, stderr } = run(['import', FACTSHEET, '--out', out, '--json']);
    expect(code).toBe(0);
    expect(stderr).toBe('');
    const summary = JSON.parse(stdout);
    expect(summary).toMatchObject({
      out,
      counts: { inputs: 1, parsed: 1, duplicate: 0, failed: 0, skipped: 0, reports: 1, findings: 30 },
      failed: [],
      skipped: [],
      exit_code: 0,
    });
    const { by_severity: bySeverity, total, top_codes: top } = summary.warnings;
    expect(bySeverity.error + bySeverity.warning + bySeverity.info).toBe(total);
    expect(top[0]).toMatchObject({ code: expect.any(String), severity: expect.any(String), count: expect.any(Number) });
    expect(run(['import', FACTSHEET, '--out', out, '--quiet'])).toEqual({ code: 0, stdout: '', stderr: '' });
  });

  it('never reads its own output folder inside an input folder, and names inputs from unrelated folders without machine paths', async () => {
    const inputs = path.join(tmp, 'self');
    await mkdir(inputs);
    await copyFile(FACTSHEET, path.join(inputs, 'f.txt'));
    const first = run(['import', inputs, '--out', path.join(inputs, 'dataset'), '--json']);
    const second = run(['import', inputs, '--out', path.join(inputs, 'dataset'), '--json']);
    expect(JSON.parse(first.stdout).counts).toMatchObject({ inputs: 1, parsed: 1, failed: 0 });
    expect(JSON.parse(second.stdout).counts).toMatchObject({ inputs: 1, parsed: 1, failed: 0 });

    const other = await mkdtemp(path.join(tmpdir(), 'stj-cli-other-'));
    try {
      await copyFile(FACTSHEET, path.join(other, 'g.txt'));
      const out = path.join(tmp, 'two-roots');
      expect(run(['import', path.join(inputs, 'f.txt'), path.join(other, 'g.txt'), '--out', out, '-q']).code).toBe(0);
      const manifest = await readFile(path.join(out, 'manifest.json'), 'utf8');
      expect(JSON.parse(manifest).inputs.map((i: { path: string }) => i.path)).toEqual([`${path.basename(other)}/g.txt`, 'self/f.txt'].sort());
      expect(manifest).not.toContain(tmpdir().slice(1));
    } finally {
      await rm(other, { recursive: true, force: true });
    }
  });

  it.each([
    ['Word 97-2003 (word-extractor, loaded on first use)', 'doc/word', 'doc'],
    ['OpenDocument text (saxes, loaded on first use)', 'odt/ruled', 'odt'],
    ['Rich Text Format', 'rtf/word', 'rtf'],
  ])('reads a %s file through the built threads, as the same report as its text', async (_what, dir, format) => {
    const inputs = path.join(tmp, format);
    await mkdir(inputs);
    await copyFile(FACTSHEET, path.join(inputs, 'a.txt'));
    await copyFile(path.resolve(`fixtures/rendered/${dir}/002_1b897dc814a8f4e7.${format}`), path.join(inputs, `b.${format}`));
    const out = path.join(tmp, `${format}-out`);
    const { code, stderr } = run(['import', inputs, '--out', out, '--threads', '2']);
    expect({ code, summary: stderr.split('\n')[0] }).toEqual({ code: 0, summary: expect.stringMatching(/^2 files: 1 parsed, 1 duplicate, 0 failed → 1 report, 30 findings, /) });
    const manifest = JSON.parse(await readFile(path.join(out, 'manifest.json'), 'utf8'));
    // Which copy speaks for the report is the comparative stage's choice (pipeline/compare/copies.ts); the other is its duplicate.
    const inputs_ = manifest.inputs as { path: string; status: string; format: string; duplicate_of: string | null }[];
    expect(inputs_.map((i) => [i.path, i.format])).toEqual([['a.txt', 'text'], [`b.${format}`, format]]);
    const duplicate = inputs_.find((i) => i.status === 'duplicate')!;
    expect(inputs_.find((i) => i.status === 'parsed')?.path).toBe(duplicate.duplicate_of);
  });

  it('lists a FIFO inside an input folder as skipped, with its reason, and exits 0', async () => {
    const inputs = path.join(tmp, 'fifo');
    await mkdir(inputs);
    await copyFile(FACTSHEET, path.join(inputs, 'f.txt'));
    execFileSync('mkfifo', [path.join(inputs, 'pipe')]);
    const out = path.join(tmp, 'fifo-out');
    const { code, stderr } = run(['import', inputs, '--out', out]);
    expect(code).toBe(0);
    expect(stderr).toMatch(/^2 files: 1 parsed, 0 duplicate, 0 failed, 1 skipped → /);
    expect(stderr).toMatch(/^ {2}skipped pipe: not a regular file: a named pipe \(FIFO\)$/m);
    const manifest = JSON.parse(await readFile(path.join(out, 'manifest.json'), 'utf8'));
    expect(manifest.inputs.find((i: { path: string }) => i.path === 'pipe')).toMatchObject({ status: 'skipped', failure_code: 'not_regular_file', reason: 'not a regular file: a named pipe (FIFO)' });
    // Every input is counted under one status.
    expect(manifest.counts).toMatchObject({ inputs: 2, parsed: 1, duplicate: 0, failed: 0, skipped: 1 });
  });
});
