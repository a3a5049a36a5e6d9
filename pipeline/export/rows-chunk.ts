/**
 * The rows pass a chunk at a time: a run of consecutive reports of the plan rendered into the text of
 * the ten row files (findings, reports, and the narrative sections, recommendations and quotes, each as
 * CSV and JSONL). Every record of CSV and JSONL stands alone, so chunks rendered anywhere (the main
 * thread, or a rows thread: rows-thread.ts) and written in plan order give the bytes one stream would.
 */
import type { ExtractedReport } from '../../extractors/model.js';
import { loadGroupRows, panelProjection, type DatasetPlan, type PlannedGroup } from '../assemble-dataset.js';
import { encodePanelReport } from '../compare/panel-report.js';
import {
  FINDING_COLUMNS,
  QUOTE_COLUMNS,
  RECOMMENDATION_COLUMNS,
  REPORT_COLUMNS,
  SECTION_COLUMNS,
  type FindingRow,
  type WarningRow,
} from '../dataset-schema.js';
import type { OutcomeHead } from '../outcome-store.js';
import { buildNarrativeRows } from '../narrative-rows.js';
import type { AssemblyContext } from '../program-info.js';
import { csvText } from './write-csv.js';
import { jsonLine } from './write-jsonl.js';
import { Utf8Builder } from './utf8-builder.js';

/** The tables the rows pass writes, each as `<base>.csv` and `<base>.jsonl`. */
const ROW_TABLES = [
  { base: 'findings', columns: FINDING_COLUMNS },
  { base: 'reports', columns: REPORT_COLUMNS },
  { base: 'sections', columns: SECTION_COLUMNS },
  { base: 'recommendations', columns: RECOMMENDATION_COLUMNS },
  { base: 'quotes', columns: QUOTE_COLUMNS },
] as const satisfies readonly { base: string; columns: readonly string[] }[];

/** The row files in a fixed order (each table's CSV, then its JSONL): RenderedChunk.texts follows it. */
export const ROW_FILES: readonly string[] = ROW_TABLES.flatMap((t) => [`${t.base}.csv`, `${t.base}.jsonl`]);

/** Reports per chunk: a few hundred rows per file, a few hundred KB of text; the output does not depend on it. */
export const CHUNK_REPORTS = 16;

export interface RenderedChunk {
  /**
   * Per ROW_FILES entry, this chunk's records as UTF-8 (CSV without its header): bytes wherever the
   * chunk was rendered, so a rows thread transfers them as they are.
   */
  texts: Uint8Array[];
  findings: number;
  unmapped: number;
  warnings: WarningRow[];
  /** With `projections`: each report's panel projection (panel-report.ts), encoded, in plan order. */
  projections?: string[];
}

/** What rendering needs of the run besides the chunk: the plan's reports by id (for baselines) and their bodies. */
export interface ChunkSource {
  plan: Pick<DatasetPlan, 'byReportId'>;
  load(head: Extract<OutcomeHead, { ok: true }>): ExtractedReport;
}

/** Each CSV file's header line: written once, before the first chunk. */
export function rowFileHeaders(): string[] {
  return ROW_TABLES.flatMap((t) => [csvText(t.columns, [], true), '']);
}

/** Reused by every chunk this thread renders (rendering is synchronous); take() copies the bytes out. */
const bytes = new Utf8Builder();

export function renderRowsChunk(groups: readonly PlannedGroup[], source: ChunkSource, context: AssemblyContext, options: { projections?: boolean } = {}): RenderedChunk {
  const findings: FindingRow[] = [];
  const reports: object[] = [];
  const sections: object[] = [];
  const recommendations: object[] = [];
  const quotes: object[] = [];
  const warnings: WarningRow[] = [];
  const projections: string[] = [];
  for (const group of groups) {
    const body = source.load(group.head);
    const rows = loadGroupRows(source.plan, group, source, context, body);
    const narrative = buildNarrativeRows(group.reportId, body);
    findings.push(...rows.findings);
    reports.push(rows.report);
    sections.push(...narrative.sections);
    recommendations.push(...narrative.recommendations);
    quotes.push(...narrative.quotes);
    warnings.push(...rows.warnings);
    if (options.projections) projections.push(encodePanelReport(panelProjection(group, body, rows.findingIds)));
  }
  const byTable = [findings, reports, sections, recommendations, quotes];
  const texts = ROW_TABLES.flatMap((table, i) => {
    const rows = byTable[i]!;
    if (rows.length > 0) bytes.add(csvText(table.columns, rows, false));
    const csv = bytes.take();
    for (const row of rows) bytes.add(jsonLine(table.columns as readonly string[], row as Record<string, unknown>));
    return [csv, bytes.take()];
  });
  let unmapped = 0;
  for (const row of findings) if (row.indicator_id === null) unmapped++;
  return { texts, findings: findings.length, unmapped, warnings, ...(options.projections ? { projections } : {}) };
}

/** The plan's groups cut into chunks of CHUNK_REPORTS consecutive reports: [from, to) each. */
export function chunkBounds(groups: number, size = CHUNK_REPORTS): [number, number][] {
  const bounds: [number, number][] = [];
  for (let from = 0; from < groups; from += size) bounds.push([from, Math.min(groups, from + size)]);
  return bounds;
}
