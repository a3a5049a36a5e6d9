/**
 * Waves and links between the reports of a dataset:
 * - a follow-up (`vervolg`) gets `baseline_report_id`: the policy (`beleid`) report assessing the same
 *   municipalities whose aanpak is the aanpak of one of its columns;
 * - a case-level nota (`casus`) gets `policy_report_id`: the policy report of the same municipalities and aanpak.
 *
 * Several candidates are ranked, deterministically and by content only:
 *   follow-up: the candidate matching the leftmost column (the earliest wave is printed first), then
 *              the one whose year (assessed year, else report date year) is that column's year, then
 *              the latest report date, then the smallest report_id;
 *   nota:      the one whose year is the nota's, then the latest report date, then the smallest report_id.
 */
import { compareCodeUnits } from '../sort-order.js';
import { aanpakKey, compareLatestFirst, municipalitySetKey } from './keys.js';
import { statedYears, type CompareSummary } from './summary.js';

export interface LinkableReport {
  reportId: string;
  summary: CompareSummary;
}

export interface ReportLinks {
  baselineReportId: string | null;
  policyReportId: string | null;
}

const yearOf = (s: CompareSummary) => {
  const y = statedYears(s);
  return y.assessed ?? y.dated;
};

/** Links of every report, by report_id (reports without a link are absent). */
export function linkReports(reports: readonly LinkableReport[]): Map<string, ReportLinks> {
  // Policy reports by municipality set and aanpak: the only candidates any link can have.
  const policies = new Map<string, LinkableReport[]>();
  for (const r of reports) {
    if (r.summary.level !== 'beleid') continue;
    const key = policyKey(municipalitySetKey(r.summary), aanpakKey(r.summary.aanpak));
    if (key === null) continue;
    const list = policies.get(key) ?? [];
    list.push(r);
    policies.set(key, list);
  }
  const links = new Map<string, ReportLinks>();
  for (const r of reports) {
    const municipalities = municipalitySetKey(r.summary);
    if (municipalities === null) continue;
    if (r.summary.level === 'vervolg') {
      const ranked: { candidate: LinkableReport; column: number; yearMatch: boolean }[] = [];
      for (const column of r.summary.columns) {
        const key = policyKey(municipalities, aanpakKey(column.aanpak));
        for (const candidate of key === null ? [] : (policies.get(key) ?? [])) {
          ranked.push({ candidate, column: column.column, yearMatch: column.year !== null && yearOf(candidate.summary) === column.year });
        }
      }
      ranked.sort(
        (a, b) =>
          a.column - b.column ||
          Number(b.yearMatch) - Number(a.yearMatch) ||
          compareLatestFirst(a.candidate.summary.reportDate, b.candidate.summary.reportDate) ||
          compareCodeUnits(a.candidate.reportId, b.candidate.reportId),
      );
      if (ranked.length > 0) links.set(r.reportId, { baselineReportId: ranked[0]!.candidate.reportId, policyReportId: null });
    } else if (r.summary.level === 'casus') {
      const key = policyKey(municipalities, aanpakKey(r.summary.aanpak));
      const year = yearOf(r.summary);
      const ranked = [...(key === null ? [] : (policies.get(key) ?? []))].sort(
        (a, b) =>
          Number(year !== null && yearOf(b.summary) === year) - Number(year !== null && yearOf(a.summary) === year) ||
          compareLatestFirst(a.summary.reportDate, b.summary.reportDate) ||
          compareCodeUnits(a.reportId, b.reportId),
      );
      if (ranked.length > 0) links.set(r.reportId, { baselineReportId: null, policyReportId: ranked[0]!.reportId });
    }
  }
  return links;
}

function policyKey(municipalities: string | null, aanpak: string | null): string | null {
  return municipalities === null || aanpak === null ? null : `${municipalities}\u0000${aanpak}`;
}
