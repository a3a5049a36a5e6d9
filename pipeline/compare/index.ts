/**
 * The comparative stage, between extraction and export: which inputs are copies of one report and
 * which copy speaks for it (copies.ts), how reports link across waves (links.ts), and the panel and
 * matrix planned from the report summaries (panel-plan.ts) and built cell by cell (panel-rows.ts,
 * comparative-rows.ts). Every exporter consumes its result, in embedded and queue mode alike.
 */
import type { OutcomeHead } from '../outcome-store.js';
import { prefixedId } from '../dataset-schema.js';
import { groupCopies, type CopyGroup, type OkHead } from './copies.js';
import { mergeLossyCopies } from './lossy-copies.js';
import { linkReports, type ReportLinks } from './links.js';
import type { CompareSummary } from './summary.js';
import type { ExtractedReport } from '../../extractors/model.js';

export type { OkHead } from './copies.js';
export type { ReportLinks } from './links.js';

export interface ComparedReport extends CopyGroup {
  /** rpt- id from the primary copy's content key. */
  reportId: string;
  summary: CompareSummary;
  links: ReportLinks;
}

const NO_LINKS: ReportLinks = { baselineReportId: null, policyReportId: null };

/**
 * Distinct reports in report order (primary path), each with its copies and its links. With `load`
 * (the report bodies), lossy copies are folded into the report they copy (lossy-copies.ts).
 */
export function compareReports(heads: readonly OutcomeHead[], load?: (head: OkHead) => ExtractedReport): ComparedReport[] {
  const copies = groupCopies(heads);
  const groups = (load ? mergeLossyCopies(copies, load) : copies).map((group) => ({
    ...group,
    reportId: prefixedId('report', group.primary.report.contentKey),
    summary: group.primary.report.compare,
    links: NO_LINKS,
  }));
  const links = linkReports(groups);
  for (const group of groups) group.links = links.get(group.reportId) ?? NO_LINKS;
  return groups;
}

export function isOk(head: OutcomeHead): head is OkHead {
  return head.ok;
}
