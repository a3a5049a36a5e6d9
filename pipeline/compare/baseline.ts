/**
 * Finding-level links of a follow-up: each follow-up finding gets the finding of the same indicator in
 * its baseline (policy) report, and that finding's verdict. When the baseline holds an indicator more
 * than once, its leftmost column and then its first printed finding is the baseline.
 */
import type { ExtractedReport, Verdict } from '../../extractors/model.js';

export interface BaselineFinding {
  findingId: string;
  verdict: Verdict | null;
}

/** indicator_id → the baseline finding, from the baseline report's body and its finding ids. */
export function baselineByIndicator(report: ExtractedReport, findingIds: string[]): Map<string, BaselineFinding> {
  const best = new Map<string, number>();
  report.findings.forEach((f, index) => {
    if (f.indicatorId === null) return;
    const known = best.get(f.indicatorId);
    const other = known === undefined ? undefined : report.findings[known]!;
    if (!other || f.columnIndex < other.columnIndex || (f.columnIndex === other.columnIndex && f.ordinal < other.ordinal)) {
      best.set(f.indicatorId, index);
    }
  });
  const out = new Map<string, BaselineFinding>();
  for (const [indicator, index] of best) out.set(indicator, { findingId: findingIds[index]!, verdict: report.findings[index]!.verdict });
  return out;
}
