/**
 * The manifest fields of an input that holds several reports (a bundle split by
 * extractors/segment/): every report's id in file order (report_id stays the first) and where in
 * the file each stands.
 */
import type { ReportSegment } from '../extractors/model.js';

export function bundleFields(reports: { reportId: string; segment: ReportSegment | null }[]): { report_ids: string[]; report_spans: string[] } {
  return {
    report_ids: reports.map((r) => r.reportId),
    report_spans: reports.map(({ segment: s }) => (s === null ? 'whole file' : `lines ${s.lineStart}-${s.lineEnd}${s.pageStart !== null ? `, pages ${s.pageStart}-${s.pageEnd}` : ''}`)),
  };
}
