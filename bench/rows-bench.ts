/**
 * The rows pass alone (pipeline/export/rows-pass.ts): the ten row files of an extracted corpus written
 * by the main thread alone and with a rows thread beside it (its start-up counted), alternated, the
 * fastest of each; the panel pass is left out, so the two rendering threads have the cores to
 * themselves. What an importer with a core to spare beside the panel thread gains (writeDataset uses
 * the rows thread from three cores on).
 *
 *   node dist/bench/rows-bench.js <corpusDir> [rounds]
 */
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { planDataset } from '../pipeline/assemble-dataset.js';
import { collectInputs } from '../pipeline/collect-inputs.js';
import { startRowsThread } from '../pipeline/export/rows-in-thread.js';
import { writeRowsPass } from '../pipeline/export/rows-pass.js';
import { defaultAssemblyContext } from '../pipeline/program-info.js';
import { runEmbeddedToStore } from '../pipeline/run-embedded.js';

const fmt = (n: number, digits = 0) => n.toLocaleString('en-US', { maximumFractionDigits: digits, minimumFractionDigits: digits });

export async function benchRowsPass(corpusDir: string, rounds = 3): Promise<string> {
  const tmp = await mkdtemp(path.join(tmpdir(), 'stj-rows-bench-'));
  try {
    const { inputs } = await collectInputs([corpusDir]);
    const store = await runEmbeddedToStore(inputs, tmp, { threads: 2 });
    try {
      const plan = planDataset(store.heads, (head) => store.load(head));
      const context = defaultAssemblyContext();
      const load = store.load.bind(store);
      let alone = Infinity;
      let paired = Infinity;
      let findings = 0;
      for (let round = 0; round < rounds; round++) {
        for (const withThread of [false, true]) {
          const out = path.join(tmp, `round-${round}-${withThread ? 'thread' : 'main'}`);
          await mkdir(out);
          const start = performance.now();
          const thread = withThread ? startRowsThread({ bodies: store.shareBodies(plan.groups.map((g) => g.head)), groups: plan.groups, context, projections: false }) : null;
          try {
            findings = (await writeRowsPass(plan, load, context, (name) => path.join(out, name), { thread })).findings;
          } finally {
            await thread?.stop();
          }
          const ms = performance.now() - start;
          if (withThread) paired = Math.min(paired, ms);
          else alone = Math.min(alone, ms);
          await rm(out, { recursive: true, force: true });
        }
      }
      return (
        `rows pass (${fmt(plan.groups.length)} reports, ${fmt(findings)} findings; panel pass left out): main thread alone ${fmt(alone)} ms,` +
        ` with a rows thread beside it ${fmt(paired)} ms (${fmt(alone / paired, 2)}x, its start-up counted; fastest of ${rounds}, alternated)`
      );
    } finally {
      store.close();
    }
  } finally {
    await rm(tmp, { recursive: true, force: true });
  }
}

if (process.argv[1] && import.meta.url.endsWith(path.basename(process.argv[1]))) {
  const [dir, rounds] = process.argv.slice(2);
  if (!dir) throw new Error('usage: rows-bench.js <corpusDir> [rounds]');
  process.stdout.write(`${await benchRowsPass(dir, rounds ? Number(rounds) : undefined)}\n`);
}
