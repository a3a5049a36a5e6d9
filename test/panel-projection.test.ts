/**
 * The panel pass reads compact projections of the reports (pipeline/compare/panel-report.ts) that
 * writeDataset spilled while writing their rows; these tests pin the projection, its spill encoding,
 * the spill file, and the batching row sinks against the files they replace.
 */
import { mkdtemp, readFile, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ExtractedReport } from '../extractors/model.js';
import { assembleDataset } from '../pipeline/assemble-dataset.js';
import { cellKey, decodePanelReport, encodePanelReport, projectPanelReport } from '../pipeline/compare/panel-report.js';
import { PANEL_COLUMNS, type PanelRow } from '../pipeline/dataset-schema.js';
import { csvSink, jsonlSink } from '../pipeline/export/row-sink.js';
import { writeCsv } from '../pipeline/export/write-csv.js';
import { writeDataset } from '../pipeline/export/write-dataset.js';
import { writeJsonl } from '../pipeline/export/write-jsonl.js';
import { SpillFile } from '../pipeline/spill-file.js';
import { finding, ok, report, testContext } from './helpers/fake-results.js';

let tmp: string;
beforeAll(async () => {
  tmp = await mkdtemp(path.join(tmpdir(), 'stj-panel-projection-'));
});
afterAll(async () => {
  await rm(tmp, { recursive: true, force: true });
});

const meta = report('x').metadata;

/** A follow-up: two columns (2013, 2014) of one aanpak, an indicator printed twice in the first column. */
function followUp(): ExtractedReport {
  return report('follow-up', {
    findings: [
      finding({ indicatorId: 'BEL-T1.1', verdict: 'verbeterpunt', assessedYear: 2013, columnIndex: 0, ordinal: 0, aanpak: 'Bemoeizorg' }),
      finding({ indicatorId: 'BEL-T1.1', verdict: 'voldoet', assessedYear: 2014, columnIndex: 1, ordinal: 1, aanpak: 'Bemoeizorg' }),
      finding({ indicatorId: 'BEL-T1.1', verdict: 'voldoet', assessedYear: 2013, columnIndex: 0, ordinal: 2, aanpak: '  ' }),
      finding({ criterionId: 'BEL-T2', indicatorId: 'BEL-T2.1', indicatorRaw: 'bereik', verdict: null, assessedYear: 2013, columnIndex: 0, ordinal: 3, themeId: '' }),
      finding({ indicatorId: null, indicatorRaw: 'iets anders', verdict: 'voldoet', ordinal: 4 }),
    ],
    metadata: { ...meta, aanpak: 'Bemoeizorg', assessedYear: 2014, reportDate: '2014-06' },
  });
}

describe('panel projection', () => {
  it('keeps per cell the leftmost, first printed finding of each indicator, with blank text as null', () => {
    const body = followUp();
    const ids = body.findings.map((_, i) => `fnd-${String(i).padStart(16, '0')}`);
    const projection = projectPanelReport('rpt-0000000000000001', 'gemeente', body, ids);
    expect(projection).toMatchObject({ reportId: 'rpt-0000000000000001', scope: 'gemeente', reportDate: '2014-06', findingCount: 5, aanpak: 'Bemoeizorg', assessedYear: 2014 });
    const y2013 = projection.byCell.get(cellKey('bemoeizorg', 2013));
    const y2014 = projection.byCell.get(cellKey('bemoeizorg', 2014));
    expect([...projection.byCell.keys()]).toEqual([cellKey('bemoeizorg', 2013), cellKey('bemoeizorg', 2014)]);
    expect([...y2013!.entries()]).toEqual([
      ['BEL-T1.1', { verdict: 'verbeterpunt', themeId: 'toeleiding', criterionId: 'BEL-T1', findingId: ids[0], aanpak: 'Bemoeizorg' }],
      ['BEL-T2.1', { verdict: null, themeId: null, criterionId: 'BEL-T2', findingId: ids[3], aanpak: 'Bemoeizorg' }],
    ]);
    expect([...y2014!.entries()]).toEqual([['BEL-T1.1', { verdict: 'voldoet', themeId: 'toeleiding', criterionId: 'BEL-T1', findingId: ids[1], aanpak: 'Bemoeizorg' }]]);
  });

  it('comes back from its spill encoding equal, in the same order', () => {
    const body = followUp();
    const projection = projectPanelReport('rpt-0000000000000002', 'regio', body, body.findings.map((_, i) => `fnd-${i}`));
    const back = decodePanelReport(encodePanelReport(projection));
    expect(back).toEqual(projection);
    expect([...back.byCell.keys()]).toEqual([...projection.byCell.keys()]);
    for (const [key, cell] of back.byCell) expect([...cell.keys()]).toEqual([...projection.byCell.get(key)!.keys()]);
  });

  it('gives writeDataset (projections spilled and read back) the panel assembleDataset builds from the bodies', async () => {
    const outcomes = () => [
      ok('follow-up.txt', followUp()),
      ok('own.txt', report('own', { findings: [finding({ indicatorId: 'BEL-T1.1', verdict: 'voldoet', assessedYear: 2013, aanpak: 'Bemoeizorg' })], metadata: { ...meta, aanpak: 'Bemoeizorg', reportDate: '2013-02' } })),
    ];
    const assembled = assembleDataset(outcomes(), testContext());
    expect(assembled.panel.length).toBeGreaterThan(2);
    expect(assembled.panel.some((row) => row.n_reports === 2)).toBe(true);
    const dir = path.join(tmp, 'written');
    await writeDataset(outcomes(), dir, testContext());
    const written = (await readFile(path.join(dir, 'panel.jsonl'), 'utf8')).trimEnd().split('\n').map((line) => JSON.parse(line) as PanelRow);
    expect(written).toEqual(assembled.panel);
  });
});

describe('spill file', () => {
  it('gives each record back by index, any number of times, and leaves no file in its folder', async () => {
    const dir = path.join(tmp, 'spill');
    await import('node:fs/promises').then((fs) => fs.mkdir(dir));
    const file = new SpillFile(dir, 'test');
    try {
      const texts = ['eerste', 'coördinatie ✓ en ✗', '', 'x'.repeat(100_000)];
      const indexes = texts.map((t) => file.append(t));
      expect(indexes).toEqual([0, 1, 2, 3]);
      expect(file.records).toBe(4);
      expect(file.bytes).toBe(texts.reduce((n, t) => n + Buffer.byteLength(t), 0));
      expect([3, 1, 0, 2, 1].map((i) => file.read(i))).toEqual([texts[3], texts[1], texts[0], texts[2], texts[1]]);
      expect(() => file.read(4)).toThrow(/no record 4/);
      expect(await readdir(dir)).toEqual([]);
    } finally {
      file.close();
    }
  });
});

describe('batching row sinks', () => {
  const rows: PanelRow[] = Array.from({ length: 600 }, (_, i) => ({
    municipality_code: 'GM0758',
    municipality: i % 7 === 0 ? 'Breda, "de stad"\nregel 2' : 'Breda',
    province: 'Noord-Brabant',
    scope: 'gemeente',
    level: 'beleid',
    aanpak: i % 5 === 0 ? null : 'Bemoeizorg',
    assessed_year: 2013,
    theme_id: 'BEL-T1',
    criterion_id: 'BEL-T1',
    indicator_id: `BEL-T1.${i}`,
    verdict: i % 2 ? 'voldoet' : 'verbeterpunt',
    report_id: 'rpt-0000000000000001',
    finding_id: `fnd-${String(i).padStart(16, '0')}`,
    n_reports: 1 + (i % 3),
    conflict: i % 3 === 2,
    other_report_ids: null,
  }));

  it('write across several batches exactly the bytes of writeCsv and writeJsonl', async () => {
    const csv = csvSink<PanelRow>(path.join(tmp, 'sink.csv'), PANEL_COLUMNS);
    const jsonl = jsonlSink<PanelRow>(path.join(tmp, 'sink.jsonl'), PANEL_COLUMNS);
    for (const row of rows) {
      await csv.write(row);
      await jsonl.write(row);
    }
    await csv.end();
    await jsonl.end();
    await writeCsv(path.join(tmp, 'whole.csv'), PANEL_COLUMNS, rows);
    await writeJsonl(path.join(tmp, 'whole.jsonl'), PANEL_COLUMNS, rows);
    const sunk = await readFile(path.join(tmp, 'sink.csv'), 'utf8');
    expect(sunk).toBe(await readFile(path.join(tmp, 'whole.csv'), 'utf8'));
    expect(sunk.split('\n')[0]).toBe(PANEL_COLUMNS.join(','));
    expect(sunk).toContain('"Breda, ""de stad""\nregel 2"');
    expect(await readFile(path.join(tmp, 'sink.jsonl'), 'utf8')).toBe(await readFile(path.join(tmp, 'whole.jsonl'), 'utf8'));
  });

  it('write the header alone for a table without rows, and an empty JSONL file', async () => {
    const csv = csvSink<PanelRow>(path.join(tmp, 'empty.csv'), PANEL_COLUMNS);
    const jsonl = jsonlSink<PanelRow>(path.join(tmp, 'empty.jsonl'), PANEL_COLUMNS);
    await csv.end();
    await jsonl.end();
    expect(await readFile(path.join(tmp, 'empty.csv'), 'utf8')).toBe(`${PANEL_COLUMNS.join(',')}\n`);
    expect(await readFile(path.join(tmp, 'empty.jsonl'), 'utf8')).toBe('');
  });
});
