/**
 * What overview.html shows, gathered from the written files as scanTables reads them (panel, then findings): verdict counts per
 * theme (findings), the heatmap cells (panel: one cell per row, grouped by level, rows per
 * municipality × aanpak × year, columns per indicator in catalogue order), the evidence of the panel's
 * findings (each finding once, however many municipalities a regional report fans out to), warnings
 * per code and the failed inputs. The page stays a few MB at 1,000 reports: cells are small number
 * tuples, each report's id and source file are stored once, and evidence is shortened to fit a budget
 * (the full text is in findings.csv).
 */
import type { Catalogue } from '../../extractors/framework/catalogue.js';
import type { Manifest } from '../dataset-schema.js';
import type { Row } from './read-table.js';
import type { RowConsumer, TableScan } from './scan-tables.js';
import { WARNING_CODE_BY_NAME } from './warning-codes.js';

const EVIDENCE_MAX = 200;
/** Characters of evidence the whole page may hold: at 1,000 reports (~30,000 cells) about 100 per finding. */
const EVIDENCE_BUDGET = 3_000_000;
/**
 * Heatmap cells the page holds at most: about 7,000 reports' worth. Every cell costs the page and the
 * exporter's heap (at 20,000 reports, 490,000 cells made a 43 MB page and held 240 MB in the main
 * thread), while a grid of more rows than that is read in panel.csv, not on a screen. Past it, the
 * heatmap shows the panel's first rows (whole municipality × aanpak × year rows) and says so.
 */
export const MAX_HEATMAP_CELLS = 200_000;
/** Cell verdict codes; the page's script has the same list. */
export const CELL_VERDICTS = ['', 'voldoet', 'verbeterpunt', 'gemengd'] as const;
export const FLAG_CONFLICT = 1;
export const FLAG_REGIONAL = 2;

export interface HeatmapRow {
  label: string;
  /** [column index, verdict code (CELL_VERDICTS), finding index, n_reports, flags]. */
  cells: [number, number, number, number, number][];
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
  /** [finding_id, evidence, source index (sources), line or page, indicator_raw when it differs from the catalogue]. */
  findings: [string, string, number, string, string][];
  /** [report_id, source_file]: stored once for all the findings of a report. */
  sources: [string, string][];
  panelRows: number;
  /** Panel rows drawn as cells: panelRows, or fewer when the heatmap was capped (MAX_HEATMAP_CELLS). */
  panelRowsShown: number;
  panelPresent: boolean;
}

type Cat = Pick<Catalogue, 'themes' | 'indicators'>;

/**
 * `text` with each whitespace run made one space, trimmed, and cut to `max` characters with an ellipsis.
 * A long text is first tried on a prefix: flattening a prefix gives a prefix of the flattened whole, so
 * once that has a non-space beyond `max` the cut is known. At 10,000 reports the budget leaves about
 * 10 characters a finding, and flattening whole evidence texts to keep 10 of them was most of the cost.
 */
export function shorten(text: unknown, max: number): string {
  if (typeof text !== 'string') return '';
  const prefix = 2 * max + 16;
  if (text.length > prefix) {
    const head = text.slice(0, prefix).replace(/\s+/g, ' ').trimStart();
    if (head.trimEnd().length > max) return `${head.slice(0, Math.max(0, max - 1))}…`;
  }
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length > max ? `${flat.slice(0, Math.max(0, max - 1))}…` : flat;
}

export interface OverviewCollector {
  /** Feed these to scanTables (in this order: the findings need the whole panel first). */
  consumers: RowConsumer[];
  /** The page's data, once the scan has fed every row. */
  finish(manifest: Manifest, scans: readonly TableScan[]): OverviewData;
}

export function overviewCollector(catalogue: Cat, options: { maxHeatmapCells?: number } = {}): OverviewCollector {
  const maxCells = options.maxHeatmapCells ?? MAX_HEATMAP_CELLS;
  const themes = catalogue.themes.map((t) => ({ id: t.id, name: t.name, counts: { voldoet: 0, verbeterpunt: 0, gemengd: 0, none: 0 } as Record<string, number> }));
  const themeOf = new Map(themes.map((t) => [t.id, t]));
  const indicatorOrder = new Map(catalogue.indicators.map((i, order) => [i.id, order]));

  // Panel first: which findings the page needs, and the grid.
  const needed = new Map<string, number>();
  type PendingCell = { indicator: string; verdict: number; finding: number; reports: number; flags: number };
  const grids = new Map<string, Map<string, { label: string; cells: PendingCell[] }>>();
  const columnsUsed = new Map<string, Set<string>>();
  let panelRows = 0;
  let panelRowsShown = 0;
  const panelRow = (row: Row): void => {
    panelRows++;
    const level = String(row.level);
    const indicator = String(row.indicator_id);
    const rowKey = [row.municipality_code, row.aanpak ?? '', row.assessed_year ?? ''].join('|');
    let gridRow = grids.get(level)?.get(rowKey);
    // Past the cap no new heatmap row is begun; the rows begun keep their cells.
    if (!gridRow && panelRowsShown >= maxCells) return;
    const grid = grids.get(level) ?? grids.set(level, new Map()).get(level)!;
    panelRowsShown++;
    const findingId = String(row.finding_id);
    let findingIndex = needed.get(findingId);
    if (findingIndex === undefined) needed.set(findingId, (findingIndex = needed.size));
    if (!gridRow) {
      const label = `${row.municipality} (${row.municipality_code})${row.aanpak ? ` · ${row.aanpak}` : ''}${row.assessed_year ? ` · ${row.assessed_year}` : ''}`;
      grid.set(rowKey, (gridRow = { label, cells: [] }));
    }
    const flags = (row.conflict ? FLAG_CONFLICT : 0) | (row.scope === 'regio' ? FLAG_REGIONAL : 0);
    const verdict = Math.max(0, CELL_VERDICTS.indexOf((row.verdict ?? '') as (typeof CELL_VERDICTS)[number]));
    // Column index resolved below, once the columns the level uses are known.
    gridRow.cells.push({ indicator, verdict, finding: findingIndex, reports: Number(row.n_reports), flags });
    (columnsUsed.get(level) ?? columnsUsed.set(level, new Set()).get(level)!).add(indicator);
  };

  const findings: OverviewData['findings'] = [];
  const sources: OverviewData['sources'] = [];
  const sourceIndex = new Map<string, number>();
  // Known once the panel is in: the findings come after it.
  let evidenceMax = -1;
  const catalogueText = new Map(catalogue.indicators.map((i) => [i.id, i.text]));
  const findingRow = (row: Row): void => {
    const theme = themeOf.get(String(row.theme_id));
    if (theme) theme.counts[row.verdict ? String(row.verdict) : 'none']!++;
    const index = needed.get(String(row.finding_id));
    if (index !== undefined) {
      const where = row.source_page ? `page ${row.source_page}` : row.source_lines ? `lines ${row.source_lines}` : (row.source_locator ?? '');
      const key = `${row.report_id}\u0000${row.source_file}`;
      let source = sourceIndex.get(key);
      if (source === undefined) {
        sourceIndex.set(key, (source = sources.length));
        sources.push([String(row.report_id), String(row.source_file)]);
      }
      const raw = row.indicator_raw === catalogueText.get(String(row.indicator_id)) ? '' : shorten(row.indicator_raw, EVIDENCE_MAX);
      findings[index] = [String(row.finding_id), shorten(row.evidence, evidenceMax), source, String(where), raw];
    }
  };

  const consumers: RowConsumer[] = [
    { table: 'panel', rows: (batch) => batch.forEach(panelRow) },
    {
      table: 'findings',
      rows: (batch) => {
        if (evidenceMax < 0) evidenceMax = Math.min(EVIDENCE_MAX, Math.floor(EVIDENCE_BUDGET / Math.max(1, needed.size)));
        batch.forEach(findingRow);
      },
    },
  ];
  return { consumers, finish: (manifest, scans) => finishOverview(manifest, scans, catalogue, { themes, needed, grids, columnsUsed, indicatorOrder, findings, sources, panelRows, panelRowsShown }) };
}

interface Collected {
  themes: OverviewData['themes'];
  needed: Map<string, number>;
  grids: Map<string, Map<string, { label: string; cells: { indicator: string; verdict: number; finding: number; reports: number; flags: number }[] }>>;
  columnsUsed: Map<string, Set<string>>;
  indicatorOrder: Map<string, number>;
  findings: OverviewData['findings'];
  sources: OverviewData['sources'];
  panelRows: number;
  panelRowsShown: number;
}

function finishOverview(manifest: Manifest, scans: readonly TableScan[], catalogue: Cat, collected: Collected): OverviewData {
  const { themes, needed, grids, columnsUsed, indicatorOrder, findings, sources, panelRows, panelRowsShown } = collected;
  const scanOf = new Map(scans.map((s) => [s.table.name, s]));
  findings.length = needed.size;
  if (needed.size > 0) sources.push(['', '(finding not in findings.jsonl)']);
  for (const [id, index] of needed) findings[index] ??= [id, '', sources.length - 1, '', ''];

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
          .map((c): HeatmapRow['cells'][number] => [columnIndex.get(c.indicator)!, c.verdict, c.finding, c.reports, c.flags])
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
    sources,
    panelRows,
    panelRowsShown,
    panelPresent: scanOf.has('panel'),
  };
}
