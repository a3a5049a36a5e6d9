/**
 * How fast the command line starts and finishes a small job (issue 9: "a CLI that starts at once"):
 * wall time of whole processes, each the fastest of `repeat` runs, interleaved so a burst of outside
 * load does not land on one figure only:
 *   node       `node -e ""`: Node's own start, the floor of any command
 *   read       a Node process that reads the five fixture reports and nothing else
 *   help       `stj-findings --help`
 *   import     `stj-findings import fixtures/reports --out <tmp> --quiet`: the five fixture reports,
 *              text, all the way to the dataset files (export included)
 * The import is printed as a ratio against the first two, which mean the same on any machine.
 * Always the built CLI (dist/pipeline/cli.js): under tsx the figure would be tsx's start.
 * `npm run bench` prints this line (bench/run-bench.ts); alone: node dist/bench/start-bench.js [--repeat N]
 */
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs, promisify } from 'node:util';

const run = promisify(execFile);

/** Wall time of one process, in ms. */
async function timed(args: string[], cwd: string): Promise<number> {
  const start = performance.now();
  await run(process.execPath, args, { cwd, maxBuffer: 1 << 20 });
  return performance.now() - start;
}

export async function benchCliStart(repoRoot: string, repeat = 5): Promise<string[]> {
  const cli = path.join(repoRoot, 'dist', 'pipeline', 'cli.js');
  const reports = path.join(repoRoot, 'fixtures', 'reports');
  if (!existsSync(cli)) return ['cli start: skipped (no dist/pipeline/cli.js; run `npm run build`)'];
  const files = (await readdir(reports)).filter((name) => !name.startsWith('.')).sort().map((name) => path.join(reports, name));
  const tmp = await mkdtemp(path.join(tmpdir(), 'stj-start-'));
  try {
    const readScript = `const { readFileSync } = require('node:fs'); for (const f of ${JSON.stringify(files)}) readFileSync(f);`;
    const commands = {
      node: ['-e', ''],
      read: ['-e', readScript],
      help: [cli, '--help'],
      // The same --out every time, as a user re-running an import would: the switch replaces the previous dataset.
      import: [cli, 'import', reports, '--out', path.join(tmp, 'out'), '--quiet'],
    };
    const best: Record<keyof typeof commands, number> = { node: Infinity, read: Infinity, help: Infinity, import: Infinity };
    // One run first, not counted: the files and Node itself come into the page cache.
    await timed(commands.import, repoRoot);
    for (let round = 0; round < repeat; round++) {
      for (const [name, args] of Object.entries(commands) as [keyof typeof commands, string[]][]) {
        best[name] = Math.min(best[name], await timed(args, repoRoot));
      }
    }
    const ms = (value: number) => `${Math.round(value)} ms`;
    return [
      `cli start (fastest of ${repeat}): ${files.length}-file text import ${ms(best.import)} = ${(best.import / best.node).toFixed(1)}x \`node -e ""\` (${ms(best.node)})` +
        ` = ${(best.import / best.read).toFixed(1)}x a plain read of the same files (${ms(best.read)}) | --help ${ms(best.help)} = ${(best.help / best.node).toFixed(1)}x node`,
    ];
  } finally {
    await rm(tmp, { recursive: true, force: true });
  }
}

if (process.argv[1] && fileURLToPath(import.meta.url) === path.resolve(process.argv[1])) {
  const { values } = parseArgs({ options: { repeat: { type: 'string', default: '5' } } });
  const here = path.dirname(fileURLToPath(import.meta.url));
  const repoRoot = path.resolve(here, here.split(path.sep).includes('dist') ? '../..' : '..');
  for (const line of await benchCliStart(repoRoot, Number(values.repeat))) process.stdout.write(`${line}\n`);
}
