import { mkdir, mkdtemp, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { collectInputs, EMPTY_SHA256, problemOutcomes } from '../pipeline/collect-inputs.js';

let root: string;

beforeAll(async () => {
  root = await mkdtemp(path.join(tmpdir(), 'stj-collect-'));
  // root/a/x.txt, root/a/sub/y.txt, root/a/.hidden.txt, root/a/.git/HEAD, root/a/loop -> root/a
  // root/b/x.txt (same name as a/x.txt), root/b/Z.txt
  await mkdir(path.join(root, 'a', 'sub'), { recursive: true });
  await mkdir(path.join(root, 'a', '.git'), { recursive: true });
  await mkdir(path.join(root, 'b'), { recursive: true });
  await writeFile(path.join(root, 'a', 'x.txt'), 'ax');
  await writeFile(path.join(root, 'a', 'sub', 'y.txt'), 'ayy');
  await writeFile(path.join(root, 'a', '.hidden.txt'), 'hidden');
  await writeFile(path.join(root, 'a', '.git', 'HEAD'), 'ref');
  await writeFile(path.join(root, 'b', 'x.txt'), 'bx');
  await writeFile(path.join(root, 'b', 'Z.txt'), 'bz');
  await symlink(path.join(root, 'a'), path.join(root, 'a', 'loop'));
});

afterAll(async () => {
  await rm(root, { recursive: true, force: true });
});

describe('collectInputs', () => {
  it('reads a folder recursively, relative to that folder, skipping hidden entries and symlink loops', async () => {
    const { inputs, problems } = await collectInputs([path.join(root, 'a')]);
    expect(problems).toEqual([]);
    expect(inputs.map((i) => i.relativePath)).toEqual(['sub/y.txt', 'x.txt']);
    expect(inputs[0]).toEqual({ absolutePath: path.join(root, 'a', 'sub', 'y.txt'), relativePath: 'sub/y.txt', sizeBytes: 3 });
  });

  it('names a single file argument by its base name', async () => {
    const { inputs } = await collectInputs([path.join(root, 'a', 'sub', 'y.txt')]);
    expect(inputs.map((i) => i.relativePath)).toEqual(['y.txt']);
  });

  it('takes an explicitly named hidden file as given', async () => {
    const { inputs } = await collectInputs([path.join(root, 'a', '.hidden.txt')]);
    expect(inputs.map((i) => i.relativePath)).toEqual(['.hidden.txt']);
  });

  it('makes several arguments relative to their common ancestor so equal names do not collide', async () => {
    const { inputs } = await collectInputs([path.join(root, 'b'), path.join(root, 'a')]);
    // Code-unit order: upper case sorts before lower case.
    expect(inputs.map((i) => i.relativePath)).toEqual(['a/sub/y.txt', 'a/x.txt', 'b/Z.txt', 'b/x.txt']);
  });

  it('mixes file and folder arguments and de-duplicates a file reached twice', async () => {
    const { inputs } = await collectInputs([
      path.join(root, 'a', 'x.txt'),
      path.join(root, 'a'),
      path.join(root, 'a', 'x.txt'),
      path.join(root, 'b', 'x.txt'),
    ]);
    expect(inputs.map((i) => i.relativePath)).toEqual(['a/sub/y.txt', 'a/x.txt', 'b/x.txt']);
  });

  it('works with relative arguments', async () => {
    const cwd = process.cwd();
    process.chdir(root);
    try {
      const { inputs } = await collectInputs(['a/sub', 'b/x.txt']);
      expect(inputs.map((i) => i.relativePath)).toEqual(['a/sub/y.txt', 'b/x.txt']);
    } finally {
      process.chdir(cwd);
    }
  });

  it('reports a missing path as a problem without an absolute path, and still collects the rest', async () => {
    const { inputs, problems } = await collectInputs([path.join(root, 'a'), path.join(root, 'a', 'nope.txt')]);
    expect(inputs.map((i) => i.relativePath)).toEqual(['sub/y.txt', 'x.txt']);
    expect(problems).toEqual([{ path: 'nope.txt', reason: 'no such file or directory' }]);
    const [outcome] = problemOutcomes(problems);
    expect(outcome!.result).toEqual({
      ok: false,
      fileName: 'nope.txt',
      bytesSha256: EMPTY_SHA256,
      failure: { code: 'unreadable', message: 'no such file or directory' },
    });
  });

  it('reports a broken symlink inside a folder as a problem', async () => {
    const dir = path.join(root, 'broken');
    await mkdir(dir);
    await writeFile(path.join(dir, 'ok.txt'), 'ok');
    await symlink(path.join(dir, 'gone.txt'), path.join(dir, 'dangling.txt'));
    const { inputs, problems } = await collectInputs([dir]);
    expect(inputs.map((i) => i.relativePath)).toEqual(['ok.txt']);
    expect(problems).toEqual([{ path: 'dangling.txt', reason: 'broken symbolic link' }]);
  });

  it('returns nothing for no arguments', async () => {
    expect(await collectInputs([])).toEqual({ inputs: [], problems: [] });
  });
});
