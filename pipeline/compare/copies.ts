/**
 * Counted once, whatever the file names: the inputs holding one report become one group, and the copy
 * whose metadata is exported is chosen by what the copies say, never by their names or their order.
 *
 * - Same contentKey (level, and every finding's indicator, column, verdict and evidence): the same report,
 *   whatever the encoding, line ends, format, or the pages around it (a council's cover sheet).
 * - Same skeletonKey (municipality, aanpak, level and every verdict) with another contentKey: the same
 *   report with some text changed (a converter). Such copies merge unless they
 *   state different years (assessed year, or report date year): a stated year that differs means
 *   another wave, which is never merged. A copy that states no year while the same skeleton occurs in
 *   several waves could belong to any of them: it is not merged but kept as a report of its own, and
 *   its group names the waves (ambiguousWith) so the dataset warns instead of guessing.
 * - The primary copy is the best supported by its own text (supportOrder); its contentKey gives the report_id.
 *
 * Everything is keyed on report heads, not inputs, so an input that holds several reports takes part
 * once per report.
 */
import type { OutcomeHead } from '../outcome-store.js';
import { compareCodeUnits } from '../sort-order.js';
import { statedYears } from './summary.js';

export type OkHead = Extract<OutcomeHead, { ok: true }>;

export interface CopyGroup {
  /** The copy whose metadata, findings and lines are exported. */
  primary: OkHead;
  /** Every copy, primary included, best supported first. */
  copies: OkHead[];
  /** Every path that held the report, in code-unit order, each once. */
  paths: string[];
  /**
   * Primary paths of the other waves this report could be a copy of (it states no year that tells
   * them apart), in code-unit order; empty for most reports.
   */
  ambiguousWith: string[];
  /** Copies folded in from lossy reports (lossy-copies.ts), each with why; absent when none. */
  lossyReasons?: Map<OkHead, string>;
  /** The report looks like a copy of another whose verdicts differ from its own (lossy-copies.ts): why. */
  disagreesWith?: string;
}

/**
 * Best supported first: the report's own text named the phrase that decided its attribution; fewer
 * doubts (warnings of severity warning or error); its findings match the catalogue better (text a
 * converter damaged matches worse); fewer notes (warnings of severity info: a copy repaired from
 * mojibake gives the same findings as the clean one, but the clean one is the better witness); then the content key and the metadata's hash, so the choice among
 * different texts is a function of their contents, then the bytes themselves. Only byte-identical
 * copies are told apart by path (the first is primary): their rows differ in nothing but the path
 * columns (source_file, source_lines, source_page), which name that copy.
 */
export function supportOrder(a: OkHead, b: OkHead): number {
  const x = a.report.compare;
  const y = b.report.compare;
  return (
    Number(y.hasEvidence) - Number(x.hasEvidence) ||
    x.doubts - y.doubts ||
    y.matchScoreSum - x.matchScoreSum ||
    x.notes - y.notes ||
    compareCodeUnits(a.report.contentKey, b.report.contentKey) ||
    compareCodeUnits(x.metadataKey, y.metadataKey) ||
    // The bytes before the name: copies that differ only outside the exported fields (a cover line
    // that gives a warning of its own) must not be chosen by how their files happen to be named.
    compareCodeUnits(a.report.bytesSha256, b.report.bytesSha256) ||
    compareCodeUnits(a.report.format, b.report.format) ||
    compareCodeUnits(a.input.relativePath, b.input.relativePath)
  );
}

/** Groups the copies of each report; returned in primary-path order (then report content), a total order. */
export function groupCopies(heads: readonly OutcomeHead[]): CopyGroup[] {
  const byContent = new Map<string, OkHead[]>();
  for (const head of heads) {
    if (!head.ok) continue;
    const list = byContent.get(head.report.contentKey);
    if (list) list.push(head);
    else byContent.set(head.report.contentKey, [head]);
  }
  // Content buckets, those stating more years first (so the waves exist before a copy without a year
  // looks for one), then in contentKey order: the greedy partition never depends on input order.
  const buckets = [...byContent.entries()]
    .sort(([a, x], [b, y]) => yearsStated(y[0]!) - yearsStated(x[0]!) || compareCodeUnits(a, b))
    .map(([, list]) => list);
  const clusters: OkHead[][][] = [];
  const bySkeleton = new Map<string, OkHead[][][]>();
  const ambiguous = new Map<OkHead[][], OkHead[][][]>();
  for (const bucket of buckets) {
    const skeleton = bucket[0]!.report.skeletonKey;
    if (skeleton === null) {
      clusters.push([bucket]);
      continue;
    }
    const candidates = bySkeleton.get(skeleton) ?? [];
    const compatible = candidates.filter((cluster) => cluster.every((other) => sameYears(other[0]!, bucket[0]!)));
    if (compatible.length === 1) compatible[0]!.push(bucket);
    else {
      const cluster = [bucket];
      candidates.push(cluster);
      bySkeleton.set(skeleton, candidates);
      clusters.push(cluster);
      if (compatible.length > 1) ambiguous.set(cluster, compatible);
    }
  }
  const primaryPath = new Map<OkHead[][], string>();
  const groups = clusters.map((cluster) => {
    const copies = cluster.flat().sort(supportOrder);
    const paths = [...new Set(copies.map((c) => c.input.relativePath))].sort(compareCodeUnits);
    primaryPath.set(cluster, copies[0]!.input.relativePath);
    return { cluster, group: { primary: copies[0]!, copies, paths, ambiguousWith: [] as string[] } };
  });
  for (const { cluster, group } of groups) {
    const waves = ambiguous.get(cluster);
    if (waves) group.ambiguousWith = waves.map((wave) => primaryPath.get(wave)!).sort(compareCodeUnits);
  }
  return groups
    .map(({ group }) => group)
    .sort(
      (a, b) =>
        compareCodeUnits(a.primary.input.relativePath, b.primary.input.relativePath) ||
        compareCodeUnits(a.primary.report.contentKey, b.primary.report.contentKey),
    );
}

function yearsStated(head: OkHead): number {
  const years = statedYears(head.report.compare);
  return Number(years.assessed !== null) + Number(years.dated !== null);
}

/** Years both copies state must agree; a year only one of them states does not block the merge. */
export function sameYears(a: OkHead, b: OkHead): boolean {
  const x = statedYears(a.report.compare);
  const y = statedYears(b.report.compare);
  const agree = (p: number | null, q: number | null) => p === null || q === null || p === q;
  return agree(x.assessed, y.assessed) && agree(x.dated, y.dated);
}
