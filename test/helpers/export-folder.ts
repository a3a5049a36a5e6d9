/**
 * A small dataset folder for the exporter tests: three reports in two municipalities (policy and case
 * level), evidence that looks like a formula, a bullet, a tab, a finding without verdict, a failed input;
 * then a panel (panel.jsonl, panel.csv) and a matrix (matrix.csv) made here from findings.jsonl, standing
 * in for the comparative stage's files, and the exports made from all of them.
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { loadCatalogue } from '../../extractors/framework/catalogue.js';
import type { ExtractedFinding } from '../../extractors/model.js';
import { MATRIX_KEY_COLUMNS, PANEL_COLUMNS, type FindingRow, type PanelRow } from '../../pipeline/dataset-schema.js';
import { writeCsv } from '../../pipeline/export/write-csv.js';
import { writeDataset } from '../../pipeline/export/write-dataset.js';
import { writeExports, type ExportOptions } from '../../pipeline/export/write-exports.js';
import { writeJsonl } from '../../pipeline/export/write-jsonl.js';
import { defaultAssemblyContext } from '../../pipeline/program-info.js';
import { failed, finding, ok, report } from './fake-results.js';

export const FORMULA = '=HYPERLINK("http://x","y")';
export const BULLET = '- een opsomming die met een streepje begint';
export const TABBED = '\tingesprongen tekst';

const catalogue = loadCatalogue();

function found(ordinal: number, indicatorId: string, verdict: ExtractedFinding['verdict'], evidence: string, line: number): ExtractedFinding {
  const indicator = catalogue.indicatorById.get(indicatorId)!;
  const criterion = catalogue.criterionById.get(indicator.criterionId)!;
  const theme = catalogue.themeById.get(indicator.themeId)!;
  return finding({
    ordinal,
    themeId: theme.id,
    theme: theme.name,
    themeRaw: theme.name,
    criterionId: criterion.id,
    criterion: criterion.name,
    indicatorId,
    indicator: indicator.text,
    indicatorRaw: indicator.text,
    verdict,
    evidence,
    location: { lineStart: line, lineEnd: line + 1, page: null, locator: null },
  });
}

function outcomes() {
  const dordrecht = report('dordrecht beleid', {
    findings: [
      found(0, 'BEL-T1.1', 'voldoet', FORMULA, 10),
      found(1, 'BEL-T1.2', 'verbeterpunt', BULLET, 12),
      found(2, 'BEL-A1.1', 'gemengd', TABBED, 14),
      found(3, 'BEL-C1.1', null, 'Geen oordeel leesbaar.', 16),
    ],
  });
  const utrechtMeta = { ...report('x').metadata, municipality: 'Utrecht', municipalityCode: 'GM0344', municipalities: [{ name: 'Utrecht', code: 'GM0344' }] };
  const utrecht = report('utrecht beleid', {
    metadata: utrechtMeta,
    findings: [found(0, 'BEL-T1.1', 'voldoet', 'Alle partners gebruiken één definitie.', 20), found(1, 'BEL-S1.1', 'verbeterpunt', '@mention van de regisseur', 22)],
  });
  const casus = report('dordrecht casus', {
    metadata: { ...report('y').metadata, level: 'casus' },
    findings: [found(0, 'CAS-T1.1', 'voldoet', 'Het gezin valt onder de definitie.', 30)],
  });
  return [ok('dordrecht.txt', dordrecht), ok('utrecht.txt', utrecht), ok('casus.txt', casus), failed('kapot.bin', 'binary', 'binary file, not a report')];
}

/** Panel and matrix as the comparative stage would write them (one row per key, first finding wins). */
export async function writePanelAndMatrix(dir: string): Promise<PanelRow[]> {
  const findings = (await readFile(path.join(dir, 'findings.jsonl'), 'utf8'))
    .split('\n')
    .filter(Boolean)
    .map((line) => JSON.parse(line) as FindingRow);
  const panel = new Map<string, PanelRow>();
  for (const f of findings) {
    if (!f.municipality_code || !f.municipality || !f.indicator_id) continue;
    const key = [f.municipality_code, f.level, f.aanpak, f.indicator_id, f.assessed_year].join('|');
    if (panel.has(key)) continue;
    panel.set(key, {
      municipality_code: f.municipality_code,
      municipality: f.municipality,
      province: f.municipality_code === 'GM0344' ? 'Utrecht' : 'Zuid-Holland',
      scope: 'gemeente',
      level: f.level,
      aanpak: f.aanpak,
      assessed_year: f.assessed_year,
      theme_id: f.theme_id,
      criterion_id: f.criterion_id,
      indicator_id: f.indicator_id,
      verdict: f.verdict,
      report_id: f.report_id,
      finding_id: f.finding_id,
      n_reports: 1,
      conflict: false,
      other_report_ids: null,
    });
  }
  const rows = [...panel.values()];
  await writeJsonl(path.join(dir, 'panel.jsonl'), PANEL_COLUMNS, rows);
  await writeCsv(path.join(dir, 'panel.csv'), PANEL_COLUMNS, rows);
  const matrix = new Map<string, Record<string, unknown>>();
  for (const r of rows) {
    const key = [r.municipality_code, r.level, r.aanpak, r.assessed_year].join('|');
    const row = matrix.get(key) ?? matrix.set(key, Object.fromEntries(MATRIX_KEY_COLUMNS.map((c) => [c, r[c]]))).get(key)!;
    row[r.indicator_id] = r.verdict;
  }
  const columns = [...MATRIX_KEY_COLUMNS, ...catalogue.indicators.map((i) => i.id)];
  await writeCsv(path.join(dir, 'matrix.csv'), columns, [...matrix.values()]);
  return rows;
}

/** The dataset, its panel and matrix, and the exports made from them. Returns the panel rows. */
export async function buildExportFolder(dir: string, options: ExportOptions = {}): Promise<PanelRow[]> {
  await writeDataset(outcomes(), dir, defaultAssemblyContext());
  const panel = await writePanelAndMatrix(dir);
  await writeExports(dir, options);
  return panel;
}
