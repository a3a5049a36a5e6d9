/**
 * From one reading of a whole file to the reports it holds: whether it is a bundle (its findings
 * tables restart the framework after a report opening, segment-document.ts), a report repeated
 * inside it (kept once), and whether what is left is plausible as one report (plausibility.ts).
 */
import { catalogueLevelFor, loadCatalogue } from '../framework/catalogue.js';
import type { ExtractedReport } from '../model.js';
import type { ReadDocument } from '../tables/document-table.js';
import { classifyHeader } from '../tables/header-row.js';
import { locateTables } from './locate-tables.js';
import { plausibilityWarnings } from './plausibility.js';
import { segmentDocument, type Segment, type TableFacts } from './segment-document.js';

/**
 * The segments of a file holding several reports, or null when it holds one (or its tables cannot
 * be placed in its text). `ends[i]`: findings read after the i-th findings table, from the whole reading.
 */
export function bundleSegments(document: ReadDocument, whole: ExtractedReport, ends: readonly number[]): Segment[] | null {
  const findingsTables = document.tables.filter((t) => classifyHeader(t.header.cells) !== null);
  if (findingsTables.length < 2 || ends.length !== findingsTables.length) return null;
  const kinds = findingsTables.map((t) => classifyHeader(t.header.cells)!.kind);
  const tableFindings = findingsTables.map((_t, i) => whole.findings.slice(i === 0 ? 0 : ends[i - 1], ends[i]));
  const tableKeys = tableFindings.map((findings) => findings.filter((f) => f.indicatorId !== null).map((f) => `${f.indicatorId}|${f.columnIndex}`));
  const levels = tableFindings.map(majorityLevel);
  // Most files hold one report: no indicator read twice in a column, one kind of table, one level's framework.
  const all = tableKeys.flat();
  if (new Set(all).size === all.length && new Set(kinds).size === 1 && new Set(levels.filter((l) => l !== null)).size <= 1) return null;
  const spans = locateTables(document.text, findingsTables);
  if (spans === null) return null;
  const facts: TableFacts[] = findingsTables.map((_t, i) => ({ span: spans[i]!, kind: kinds[i]!, keys: tableKeys[i]!, level: levels[i]! }));
  const segments = segmentDocument(document.text.split('\n'), facts);
  return segments.length > 1 ? segments : null;
}

/** The catalogue level more than half of these findings' indicators belong to, or null. */
function majorityLevel(findings: readonly ExtractedReport['findings'][number][]): string | null {
  const catalogue = loadCatalogue();
  const counts = new Map<string, number>();
  for (const f of findings) {
    const level = f.indicatorId === null ? undefined : catalogue.indicatorById.get(f.indicatorId)?.level;
    if (level) counts.set(level, (counts.get(level) ?? 0) + 1);
  }
  for (const [level, count] of counts) if (count * 2 > findings.length) return level;
  return null;
}

export function withPlausibility(report: ExtractedReport): ExtractedReport {
  const warnings = plausibilityWarnings(report.findings, catalogueLevelFor(report.metadata.level));
  return warnings.length === 0 ? report : { ...report, warnings: [...report.warnings, ...warnings] };
}

/** The same report twice in one file (same content key) is one report: the first, with a warning naming the others' lines. */
export function dropRepeatedReports(reports: ExtractedReport[]): ExtractedReport[] {
  const kept = new Map<string, ExtractedReport>();
  const repeats = new Map<string, ExtractedReport[]>();
  for (const report of reports) {
    if (!kept.has(report.contentKey)) kept.set(report.contentKey, report);
    else repeats.set(report.contentKey, [...(repeats.get(report.contentKey) ?? []), report]);
  }
  return [...kept.values()].map((report) => {
    const again = repeats.get(report.contentKey);
    if (!again) return report;
    const where = again.map((r) => spanText(r)).join(', ');
    return {
      ...report,
      warnings: [
        ...report.warnings,
        {
          code: 'bundle_repeated_report',
          severity: 'info' as const,
          message: `the file holds this report ${again.length + 1} times (${spanText(report)} and ${where}); counted once`,
          location: report.segment ? { lineStart: report.segment.lineStart, lineEnd: report.segment.lineEnd, page: report.segment.pageStart, locator: null } : null,
          findingIndex: null,
        },
      ],
    };
  });
}

function spanText(report: ExtractedReport): string {
  const s = report.segment;
  if (!s) return 'the whole file';
  return `lines ${s.lineStart}-${s.lineEnd}${s.pageStart !== null ? `, pages ${s.pageStart}-${s.pageEnd}` : ''}`;
}
