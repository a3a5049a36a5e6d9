/**
 * What overview.html shows, gathered from the written files in streaming passes: verdict counts per
 * theme (findings), the heatmap cells (panel: one cell per row, grouped by level, rows per
 * municipality × aanpak × year, columns per indicator in catalogue order), the evidence of the panel's
 * findings (each finding once, however many municipalities a regional report fans out to), warnings
 * per code and the failed inputs. Evidence is shortened for the page; the full text is in findings.csv.
 */
import type { Catalogue } from '../../extractors/framework/catalogue.js';
import type { Manifest } from '../dataset-schema.js';
import { readTable } from './read-table.js';
import type { TableScan } from './scan-tables.js';
import { WARNING_CODE_BY_NAME } from './warning-codes.js';

const EVIDENCE_MAX = 280;
export const VERDICTS = ['voldoet', 'verbeterpunt', 'gemengd'] as const;

export interface HeatmapRow {
  label: string;
  /** [column index, verdict ('' when empty), finding index, panel detail]. */
  cells: [number, string, number, string][];
}

export interface OverviewData {
  title: string;
  counts: Manifest['counts'];
  versions: string;
  themes: { id: string; name: string; counts: Record<string, number> }[];
  warnings: [code: string, severity: string, count: number, meaning: string][];
  failed: [path: string, code: string, reason: string][];
  indicators: Record<string, [themeId: string, text: string]>;
  themeNames: Record<string, string>;
  levels: { level: string; columns: string[]; rows: HeatmapRow[] }[];
  /** [finding_id, evidence, source (file and line or page), report_id, indicator_raw]. */
  findings: [string, string, string, string, string][];
  panelRows: number;
  panelPresent: boolean;
}

type Cat = Pick<Catalogue, 'themes' | 'indicators'>;

function shorten(text: unknown): string {
  if (typeof text !== 'string') return '';
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length > EVIDENCE_MAX ? `${flat.slice(0, EVIDENCE_MAX - 1)}…` : flat;
}

export async function collectOverview(dir: string, manifest: Manifest, scans: TableScan[], catalogue: Cat): Promise<OverviewData> {
  const scanOf = new Map(scans.map((s) => [s.table.name, s]));
  const themes = catalogue.themes.map((t) => ({ id: t.id, name: t.name, counts: { voldoet: 0, verbeterpunt: 0, gemengd: 0, none: 0 } as Record<string, number> }));
  const themeOf = new Map(themes.map((t) => [t.id, t]));
  const indicatorOrder = new Map(catalogue.indicators.map((i, order) => [i.id, order]));

  // Panel first: which findings the page needs, and the grid.
  const needed = new Map<string, number>();
  type PendingCell = { indicator: string; verdict: string; finding: number; detail: string };
  const grids = new Map<string, Map<string, { label: string; cells: PendingCell[] }>>();
  const columnsUsed = new Map<string, Set<string>>();
  const panel = scanOf.get('panel');
  let panelRows = 0;
  if (panel) {
    for await (const row of readTable(dir, panel.table, panel.columns)) {
      panelRows++;
      const level = String(row.level);
      const indicator = String(row.indicator_id);
      const findingId = String(row.finding_id);
      let findingIndex = needed.get(findingId);
      if (findingIndex === undefined) needed.set(findingId, (findingIndex = needed.size));
      const rowKey = [row.municipality_code, row.aanpak ?? '', row.assessed_year ?? ''].join('|');
      const grid = grids.get(level) ?? grids.set(level, new Map()).get(level)!;
      const label = `${row.municipality} (${row.municipality_code})${row.aanpak ? ` · ${row.aanpak}` : ''}${row.assessed_year ? ` · ${row.assessed_year}` : ''}`;
      const gridRow = grid.get(rowKey) ?? grid.set(rowKey, { label, cells: [] }).get(rowKey)!;
      const detail = `${row.scope === 'regio' ? 'regional report; ' : ''}${row.n_reports} report(s)${row.conflict ? ', reports disagree' : ''}`;
      // Column index resolved below, once the columns the level uses are known.
      gridRow.cells.push({ indicator, verdict: row.verdict ? String(row.verdict) : '', finding: findingIndex, detail });
      (columnsUsed.get(level) ?? columnsUsed.set(level, new Set()).get(level)!).add(indicator);
    }
  }

  const findings: OverviewData['findings'] = new Array(needed.size);
  const findingsScan = scanOf.get('findings');
  if (findingsScan) {
    for await (const row of readTable(dir, findingsScan.table, findingsScan.columns)) {
      const theme = themeOf.get(String(row.theme_id));
      if (theme) theme.counts[row.verdict ? String(row.verdict) : 'none']!++;
      const index = needed.get(String(row.finding_id));
      if (index !== undefined) {
        const where = row.source_page ? `page ${row.source_page}` : row.source_lines ? `lines ${row.source_lines}` : (row.source_locator ?? '');
        findings[index] = [String(row.finding_id), shorten(row.evidence), `${row.source_file}${where ? `, ${where}` : ''}`, String(row.report_id), shorten(row.indicator_raw)];
      }
    }
  }
  for (const [id, index] of needed) findings[index] ??= [id, '', '(finding not in findings.jsonl)', '', ''];

  const levels: OverviewData['levels'] = [];
  for (const level of ['beleid', 'casus', 'vervolg', ...[...grids.keys()].filter((l) => !['beleid', 'casus', 'vervolg'].includes(l))]) {
    const grid = grids.get(level);
    if (!grid) continue;
    const columns = [...columnsUsed.get(level)!].sort((a, b) => (indicatorOrder.get(a) ?? 1e9) - (indicatorOrder.get(b) ?? 1e9) || (a < b ? -1 : 1));
    const columnIndex = new Map(columns.map((c, i) => [c, i]));
    const rows: HeatmapRow[] = [...grid.values()]
      .sort((a, b) => (a.label < b.label ? -1 : a.label > b.label ? 1 : 0))
      .map((row) => ({
        label: row.label,
        cells: row.cells
          .map((c): HeatmapRow['cells'][number] => [columnIndex.get(c.indicator)!, c.verdict, c.finding, c.detail])
          .sort((a, b) => a[0] - b[0]),
      }));
    levels.push({ level, columns, rows });
  }

  const codeCounts = scanOf.get('warnings')?.codeCounts ?? new Map<string, number>();
  const warnings: OverviewData['warnings'] = [...codeCounts.entries()]
    .sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))
    .map(([code, count]) => {
      const entry = WARNING_CODE_BY_NAME.get(code);
      return [code, entry?.severities.join('/') ?? '', count, entry?.meaning ?? ''];
    });

  return {
    // No folder name: the same inputs give the same bytes wherever --out points.
    title: 'STJ findings: overview',
    counts: manifest.counts,
    versions: `dataset ${manifest.dataset_version} · ${manifest.program.name} ${manifest.program.version} · framework ${manifest.framework.id} ${manifest.framework.version}`,
    themes,
    warnings,
    failed: manifest.inputs.filter((i) => i.status === 'failed').map((i) => [i.path, i.failure_code ?? '', i.reason ?? '']),
    indicators: Object.fromEntries(catalogue.indicators.map((i) => [i.id, [i.themeId, i.text]])),
    themeNames: Object.fromEntries(catalogue.themes.map((t) => [t.id, t.name])),
    levels,
    findings,
    panelRows,
    panelPresent: panel !== undefined,
  };
}
