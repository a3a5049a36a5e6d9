/**
 * The compact facts of one report that the comparative stage needs before any report body is read:
 * whom it assesses, its aanpak, level and years, how well its own text supports its attribution, and
 * which (aanpak, year) columns its findings fall into. Computed where the report is extracted (worker
 * thread or queue importer) and carried in the outcome head, so choosing copies, linking waves and
 * planning the panel cost no extra read of the spill store.
 */
import { createHash } from 'node:crypto';
import { z } from 'zod';
import { levelSchema, type ExtractedReport } from '../../extractors/model.js';
import { verdictPrint } from './verdict-print.js';

export const compareSummarySchema = z.object({
  /** Assessed municipalities in order of mention (one for `gemeente`, several for `regio`). */
  municipalities: z.array(z.object({ name: z.string().min(1), code: z.string().regex(/^GM\d{4}$/).nullable() })),
  scope: z.enum(['gemeente', 'regio']).nullable(),
  aanpak: z.string().nullable(),
  level: levelSchema.nullable(),
  assessedYear: z.number().int().nullable(),
  reportDate: z.string().nullable(),
  /** The report's own text named the phrase that decided its attribution. */
  hasEvidence: z.boolean(),
  /** Warnings of severity warning or error: doubts the text leaves. */
  doubts: z.number().int().nonnegative(),
  /** Warnings of severity info: what reading it took (a mojibake repair, a header put back), the same report read more cleanly has fewer. */
  notes: z.number().int().nonnegative(),
  nFindings: z.number().int().nonnegative(),
  /** Sum of the findings' match scores against the catalogue: text a converter damaged matches worse. */
  matchScoreSum: z.number().nonnegative(),
  /** Findings with no indicator_id: never in the panel. */
  nUnmapped: z.number().int().nonnegative(),
  /**
   * Hash of the report's metadata. Copies with one content key (the same findings) can still carry other
   * metadata (a cover sheet's title or municipality): this orders them by content, not by file name.
   */
  metadataKey: z.string().regex(/^[0-9a-f]{64}$/),
  /** Distinct (aanpak, assessed year) of the mapped findings, with the leftmost column that holds them. */
  columns: z.array(z.object({ aanpak: z.string().nullable(), year: z.number().int().nullable(), column: z.number().int().nonnegative() })),
  /** Each mapped finding's indicator, column and verdict, compactly (lossy-copies.ts verdictPrint): lossy copies are sought with it before any body is read. */
  verdicts: z.string(),
});
export type CompareSummary = z.infer<typeof compareSummarySchema>;

export function summarizeReport(report: ExtractedReport): CompareSummary {
  const meta = report.metadata;
  // A report extracted before attribution lists existed still names its one municipality.
  const municipalities =
    meta.municipalities.length > 0
      ? meta.municipalities.map((m) => ({ name: m.name, code: m.code }))
      : meta.municipality
        ? [{ name: meta.municipality, code: meta.municipalityCode }]
        : [];
  const columns = new Map<string, CompareSummary['columns'][number]>();
  let unmapped = 0;
  for (const f of report.findings) {
    if (f.indicatorId === null) {
      unmapped++;
      continue;
    }
    const aanpak = blankToNull(f.aanpak) ?? blankToNull(meta.aanpak);
    const year = f.assessedYear ?? meta.assessedYear;
    const key = `${aanpak ?? ''}\u0000${year ?? ''}`;
    const known = columns.get(key);
    if (!known) columns.set(key, { aanpak, year, column: f.columnIndex });
    else if (f.columnIndex < known.column) known.column = f.columnIndex;
  }
  return {
    municipalities,
    scope: meta.scope ?? (municipalities.length > 1 ? 'regio' : municipalities.length === 1 ? 'gemeente' : null),
    aanpak: blankToNull(meta.aanpak),
    level: meta.level,
    assessedYear: meta.assessedYear,
    reportDate: meta.reportDate,
    hasEvidence: meta.municipalityEvidence !== null,
    doubts: report.warnings.filter((w) => w.severity !== 'info').length,
    notes: report.warnings.filter((w) => w.severity === 'info').length,
    nFindings: report.findings.length,
    // Rounded so that copies whose scores agree compare equal, and the order falls to the next rule.
    matchScoreSum: Math.round(report.findings.reduce((sum, f) => sum + f.matchScore, 0) * 1e6) / 1e6,
    nUnmapped: unmapped,
    metadataKey: createHash('sha256').update(JSON.stringify(meta)).digest('hex'),
    columns: [...columns.values()],
    verdicts: verdictPrint(report.findings),
  };
}

function blankToNull(text: string | null | undefined): string | null {
  return text == null || text.trim() === '' ? null : text;
}

/** The year a report states of itself: assessed year, else its report date's year. */
export function statedYears(summary: CompareSummary): { assessed: number | null; dated: number | null } {
  return { assessed: summary.assessedYear, dated: summary.reportDate ? Number(summary.reportDate.slice(0, 4)) : null };
}
