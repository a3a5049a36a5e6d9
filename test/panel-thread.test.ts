/**
 * From PANEL_THREAD_REPORTS reports on, writeDataset runs the panel pass in a thread beside the rows
 * pass (pipeline/compare/panel-in-thread.ts); small tests stay below it, so these force the thread.
 */
import { mkdtemp, readdir, readFile, rm, writeFile, mkdir } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ExtractedReport } from '../extractors/model.js';
import { startPanelThread } from '../pipeline/compare/panel-in-thread.js';
import { writeDataset } from '../pipeline/export/write-dataset.js';
import { memorySource, SpillStore } from '../pipeline/outcome-store.js';
import type { InputOutcome } from '../pipeline/stages.js';
import { finding, ok, report, testContext } from './helpers/fake-results.js';
import { misplacedBodies, unreadableBodies } from './helpers/shared-bodies.js';

let tmp: string;
beforeAll(async () => {
  tmp = await mkdtemp(path.join(tmpdir(), 'stj-panel-thread-'));
});
afterAll(async () => {
  await rm(tmp, { recursive: true, force: true });
});

const meta = report('x').metadata;

/** Several municipalities, a follow-up with two columns, one report copied under a second name, and a policy report of a third municipality. */
function outcomes(): InputOutcome[] {
  const where = (name: string, code: string) => ({ municipality: name, municipalityCode: code, municipalities: [{ name, code }] });
  const policy = (name: string, [municipality, code]: [string, string], verdict: 'voldoet' | 'verbeterpunt', reportDate: string): ExtractedReport =>
    report(name, {
      findings: [
        finding({ indicatorId: 'BEL-T1.1', verdict, ordinal: 0, aanpak: 'Bemoeizorg' }),
        finding({ criterionId: 'BEL-T2', indicatorId: 'BEL-T2.1', indicatorRaw: 'bereik', verdict: 'voldoet', ordinal: 1, aanpak: 'Bemoeizorg' }),
        finding({ indicatorId: null, indicatorRaw: 'iets anders', verdict: 'voldoet', ordinal: 2 }),
      ],
      metadata: { ...meta, ...where(municipality, code), aanpak: 'Bemoeizorg', assessedYear: 2013, reportDate },
    });
  const followUp = report('follow-up', {
    findings: [
      finding({ indicatorId: 'BEL-T1.1', verdict: 'verbeterpunt', assessedYear: 2013, columnIndex: 0, ordinal: 0, aanpak: 'Bemoeizorg' }),
      finding({ indicatorId: 'BEL-T1.1', verdict: 'voldoet', assessedYear: 2014, columnIndex: 1, ordinal: 1, aanpak: 'Bemoeizorg' }),
    ],
    metadata: { ...meta, ...where('Breda', 'GM0758'), aanpak: 'Bemoeizorg', assessedYear: 2014, reportDate: '2014-06' },
  });
  return [
    ok('breda.txt', policy('breda', ['Breda', 'GM0758'], 'voldoet', '2013-02')),
    ok('breda-kopie.txt', policy('breda', ['Breda', 'GM0758'], 'voldoet', '2013-02')),
    ok('tilburg.txt', policy('tilburg', ['Tilburg', 'GM0855'], 'verbeterpunt', '2013-05')),
    ok('delft.txt', policy('delft', ['Delft', 'GM0503'], 'voldoet', '2013-03')),
    ok('follow-up.txt', followUp),
  ];
}

function spilled(dir: string): SpillStore {
  const store = new SpillStore(dir);
  for (const outcome of outcomes()) store.add(outcome);
  return store;
}

const COMPARED = ['panel.csv', 'panel.jsonl', 'matrix.csv', 'manifest.json', 'findings.jsonl', 'reports.csv', 'warnings.jsonl', 'dataset.xlsx', 'overview.html'];

describe('the panel thread', () => {
  it('writes the bytes of the main-thread panel pass', async () => {
    const mainDir = path.join(tmp, 'main');
    await writeDataset(outcomes(), mainDir, testContext());
    const panel = await readFile(path.join(mainDir, 'panel.jsonl'), 'utf8');
    const rows = panel.trimEnd().split('\n').map((line) => JSON.parse(line) as { n_reports: number; conflict: boolean; municipality_code: string });
    expect(rows.length).toBeGreaterThanOrEqual(6);
    // The follow-up's 2013 column and Breda's policy report give one key with different verdicts.
    expect(rows.filter((row) => row.n_reports === 2 && row.conflict).map((row) => row.municipality_code)).toEqual(['GM0758']);

    await mkdir(path.join(tmp, 'spill'), { recursive: true });
    const store = spilled(path.join(tmp, 'spill'));
    const threadDir = path.join(tmp, 'thread');
    try {
      await writeDataset(store, threadDir, testContext(), { panelThreadReports: 1 });
    } finally {
      store.close();
    }
    for (const name of COMPARED) expect(await readFile(path.join(threadDir, name)), name).toEqual(await readFile(path.join(mainDir, name)));
    // Its own spill file is gone with the staging directory.
    expect((await readdir(threadDir)).filter((name) => name.startsWith('.'))).toEqual([]);
  });

  it('fails the import with its reason and leaves the previous dataset as it was', async () => {
    const out = path.join(tmp, 'kept');
    await writeDataset(outcomes(), out, testContext());
    await writeFile(path.join(out, 'marker.txt'), 'previous run');
    const before = await readFile(path.join(out, 'panel.csv'));
    await expect(writeDataset(unreadableBodies(memorySource(outcomes())), out, testContext(), { panelThreadReports: 1 })).rejects.toThrow(/^writing the panel failed: .*EBADF/);
    expect(await readFile(path.join(out, 'panel.csv'))).toEqual(before);
    expect(await readFile(path.join(out, 'marker.txt'), 'utf8')).toBe('previous run');
    expect((await readdir(path.dirname(out))).filter((name) => name.startsWith('.stj') || name.includes('staging'))).toEqual([]);
  });

  it('refuses a body that is not the report it was asked for, rather than credit its findings to another key', async () => {
    await mkdir(path.join(tmp, 'spill-swapped'), { recursive: true });
    const store = spilled(path.join(tmp, 'spill-swapped'));
    try {
      await expect(writeDataset(misplacedBodies(store), path.join(tmp, 'swapped'), testContext(), { panelThreadReports: 1 })).rejects.toThrow(/^writing the panel failed: the body read for rpt-\S+ is another report's/);
    } finally {
      store.close();
    }
  });

  it('rejects when the thread ends without an answer', async () => {
    const thread = startPanelThread(
      { bodies: { fd: 1_000_000, offsets: [0], lengths: [1] }, reports: [{ reportId: 'rpt-x', scope: 'gemeente', contentKey: 'a'.repeat(64) }], panel: { cells: [], findingsWithoutMunicipality: 0, findingsWithoutIndicator: 0 }, spillDir: tmp, paths: { panelCsv: path.join(tmp, 'p.csv'), panelJsonl: path.join(tmp, 'p.jsonl'), matrixCsv: path.join(tmp, 'm.csv') } },
      testContext(),
    );
    await expect(thread.done).rejects.toThrow(/^writing the panel failed/);
    await thread.stop();
  });
});
