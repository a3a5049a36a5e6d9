/**
 * overview.html on a batch past its heatmap cap (MAX_HEATMAP_CELLS, here lowered through the export
 * option): the page draws the panel's first municipality × aanpak × year rows whole, says how many of
 * the panel's rows it shows, and the theme counts still count every finding.
 */
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { OverviewData } from '../pipeline/export/overview-data.js';
import { writeExports } from '../pipeline/export/write-exports.js';
import type { PanelRow } from '../pipeline/dataset-schema.js';
import { buildExportFolder } from './helpers/export-folder.js';

let tmp: string;
let dir: string;
let panel: PanelRow[];
beforeAll(async () => {
  tmp = await mkdtemp(path.join(tmpdir(), 'stj-overview-cap-'));
  dir = path.join(tmp, 'dataset');
  panel = await buildExportFolder(dir);
});
afterAll(async () => {
  if (tmp) await rm(tmp, { recursive: true, force: true });
});

async function pageData(): Promise<{ html: string; data: OverviewData }> {
  const html = await readFile(path.join(dir, 'overview.html'), 'utf8');
  const json = /<script type="application\/json" id="overview-data">(.*?)<\/script>/s.exec(html)![1]!;
  return { html, data: JSON.parse(json) as OverviewData };
}

const rowKey = (p: PanelRow) => `${p.level}|${p.municipality_code}|${p.aanpak ?? ''}|${p.assessed_year ?? ''}`;

describe('overview.html past its heatmap cap', () => {
  it('shows every panel row below the cap, without a notice', async () => {
    const { html, data } = await pageData();
    expect({ shown: data.panelRowsShown, all: data.panelRows }).toEqual({ shown: panel.length, all: panel.length });
    expect(html).not.toContain('heatmap-capped');
  });

  it('draws the first heatmap rows whole, says how many panel rows it shows, and still counts every finding per theme', async () => {
    const before = (await pageData()).data;
    const firstRow = panel.filter((p) => rowKey(p) === rowKey(panel[0]!));
    expect(firstRow.length).toBeLessThan(panel.length);
    // A cap inside the first row: that row is drawn whole, no other begun.
    await writeExports(dir, { overviewHeatmapCells: 1 });
    const { html, data } = await pageData();
    const cells = data.levels.flatMap((level) => level.rows.flatMap((row) => row.cells));
    expect({ shown: data.panelRowsShown, cells: cells.length, all: data.panelRows }).toEqual({ shown: firstRow.length, cells: firstRow.length, all: panel.length });
    expect(data.findings.map((f) => f[0]).sort()).toEqual(firstRow.map((p) => p.finding_id).sort());
    expect(html).toContain(`Showing ${firstRow.length} of ${panel.length} panel rows`);
    expect(data.themes).toEqual(before.themes);
  });
});
