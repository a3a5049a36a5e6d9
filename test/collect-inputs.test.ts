import { mkdir, mkdtemp, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { execFileSync } from 'node:child_process';
import net from 'node:net';
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
  it('reads a folder recursively, relative to that folder, listing hidden entries as skipped and leaving symlink loops', async () => {
    const { inputs, problems } = await collectInputs([path.join(root, 'a')]);
    // A hidden folder is one entry, its contents are not walked.
    expect(problems).toEqual([
      { path: '.git', reason: 'hidden folder (its name starts with "."), not read', hidden: true },
      { path: '.hidden.txt', reason: 'hidden file (its name starts with "."), not read', hidden: true },
    ]);
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
      // Each named by its own folder's name, never by the path between them.
      expect(inputs.map((i) => i.relativePath)).toEqual(['b/x.txt', 'sub/y.txt']);
    } finally {
      process.chdir(cwd);
    }
  });

  it('reports a missing path as a problem without an absolute path, and still collects the rest', async () => {
    const { inputs, problems } = await collectInputs([path.join(root, 'a'), path.join(root, 'a', 'nope.txt')]);
    expect(inputs.map((i) => i.relativePath)).toEqual(['sub/y.txt', 'x.txt']);
    expect(problems.filter((p) => !p.hidden)).toEqual([{ path: 'nope.txt', reason: 'no such file or directory' }]);
    expect(problemOutcomes(problems.filter((p) => p.hidden)).map((o) => !o.result.ok && o.result.failure.code)).toEqual(['hidden', 'hidden']);
    const [outcome] = problemOutcomes(problems.filter((p) => !p.hidden));
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
    expect(problems).toEqual([{ path: 'dangling.txt', reason: 'broken symbolic link', skipped: true }]);
    expect(problemOutcomes(problems)[0]!.result).toMatchObject({ failure: { code: 'not_regular_file', message: 'broken symbolic link' } });
  });

  it('lists a FIFO and a socket inside a folder as skipped, with the reason', async () => {
    const dir = path.join(root, 'special');
    await mkdir(dir);
    await writeFile(path.join(dir, 'ok.txt'), 'ok');
    execFileSync('mkfifo', [path.join(dir, 'pipe.txt')]);
    const server = net.createServer();
    await new Promise<void>((resolve) => server.listen(path.join(dir, 'sock'), resolve));
    try {
      const { inputs, problems } = await collectInputs([dir]);
      expect(inputs.map((i) => i.relativePath)).toEqual(['ok.txt']);
      expect(problems).toEqual([
        { path: 'pipe.txt', reason: 'not a regular file: a named pipe (FIFO)', skipped: true },
        { path: 'sock', reason: 'not a regular file: a socket', skipped: true },
      ]);
    } finally {
      server.close();
    }
  });

  it('never reads an excluded folder (the output folder inside an input folder)', async () => {
    const dir = path.join(root, 'with-out');
    await mkdir(path.join(dir, 'out'), { recursive: true });
    await writeFile(path.join(dir, 'ok.txt'), 'ok');
    await writeFile(path.join(dir, 'out', 'findings.csv'), 'x');
    const { inputs } = await collectInputs([dir], { exclude: [path.join(dir, 'out')] });
    expect(inputs.map((i) => i.relativePath)).toEqual(['ok.txt']);
  });

  it('names inputs from unrelated folders by their folder names, never by the path between them', async () => {
    const far = await mkdtemp(path.join(tmpdir(), 'stj-far-'));
    try {
      await mkdir(path.join(far, 'deep', 'b'), { recursive: true });
      await writeFile(path.join(far, 'deep', 'b', 'x.txt'), 'far');
      const { inputs } = await collectInputs([path.join(root, 'a', 'x.txt'), path.join(root, 'b'), path.join(far, 'deep', 'b')]);
      const names = inputs.map((i) => i.relativePath);
      // Two folders called b: one more component of each tells them apart.
      expect(names).toEqual([`${path.basename(root)}/b/Z.txt`, `${path.basename(root)}/b/x.txt`, 'a/x.txt', `deep/b/x.txt`].sort());
      expect(names.join()).not.toContain(tmpdir().slice(1));
    } finally {
      await rm(far, { recursive: true, force: true });
    }
  });

  it('keeps names with spaces and accents (composed or not) as they are on disk', async () => {
    const dir = path.join(root, 'names');
    await mkdir(dir);
    const names = ['rapport Súdwest-Fryslân 2013.txt', 'cafe\u0301.txt', 'café.txt', 'ëen.txt'];
    for (const name of names) await writeFile(path.join(dir, name), name);
    const { inputs, problems } = await collectInputs([dir]);
    expect(problems).toEqual([]);
    expect(inputs.map((i) => i.relativePath)).toEqual([...names].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0)));
    expect(inputs.every((i) => i.sizeBytes === Buffer.byteLength(i.relativePath))).toBe(true);
  });

  it('says a name that is not UTF-8 cannot be read, instead of "no such file"', async () => {
    const dir = path.join(root, 'latin1');
    await mkdir(dir);
    await writeFile(Buffer.from(path.join(dir, 'caf\xe9.txt'), 'latin1'), 'x');
    await writeFile(path.join(dir, 'ok.txt'), 'ok');
    const { inputs, problems } = await collectInputs([dir]);
    expect(inputs.map((i) => i.relativePath)).toEqual(['ok.txt']);
    expect(problems).toEqual([{ path: 'caf\uFFFD.txt', reason: expect.stringMatching(/^file name is not valid UTF-8/) }]);
  });

  it('walks deep folders and folders with more files than one stat batch, in code-unit order', async () => {
    const deep = path.join(root, 'deep', ...Array.from({ length: 40 }, (_, i) => `d${i}`));
    await mkdir(deep, { recursive: true });
    await writeFile(path.join(deep, 'bottom.txt'), 'b');
    const wide = path.join(root, 'deep', 'wide');
    await mkdir(wide);
    const count = 300;
    await Promise.all(Array.from({ length: count }, (_, i) => writeFile(path.join(wide, `f${i}.txt`), String(i))));
    await symlink(wide, path.join(wide, 'again')); // a loop inside the wide folder
    const { inputs, problems } = await collectInputs([path.join(root, 'deep')]);
    expect(problems).toEqual([]);
    expect(inputs).toHaveLength(count + 1);
    expect(inputs[0]!.relativePath).toBe(`${Array.from({ length: 40 }, (_, i) => `d${i}`).join('/')}/bottom.txt`);
    const wideNames = inputs.slice(1).map((i) => i.relativePath);
    expect(wideNames).toEqual([...wideNames].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0)));
    expect(new Set(wideNames).size).toBe(count);
  });

  it('returns nothing for no arguments', async () => {
    expect(await collectInputs([])).toEqual({ inputs: [], problems: [] });
  });
});
