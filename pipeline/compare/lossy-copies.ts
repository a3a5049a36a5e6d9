/**
 * Copies a converter made lossy: the same report with verdict marks turned into "?" (verdict left
 * empty), whole tables left out, or indicator cells mangled past the catalogue. Their skeleton differs
 * from the clean copy's, so copies.ts keeps them apart, and the report would be counted twice: once
 * from the PDF, once from the text a converter left of it, each half credited to the municipality.
 *
 * A report is folded into a fuller one only when nothing it says is lost or contradicted:
 * - same level, assessed municipalities and aanpak (letters only: "Thuis begel eiding" is the same
 *   aanpak), and no stated year that differs;
 * - its findings are the fuller report's, told by their evidence text (the words a converter keeps
 *   when it loses marks and layout), at the same column and, where both map, the same indicator;
 * - every finding of it that has a verdict is matched, with the same verdict: one verdict of its own
 *   or one that disagrees, and the two stay reports of their own (as before);
 * - enough of it is matched to be sure it is that report and not another wave's with the same verdicts.
 *
 * Only reports that share level, municipalities and aanpak are compared, and only bodies of those
 * whose verdicts (verdict-print.ts, in the head) nearly agree are read: a batch of distinct reports
 * reads next to none.
 */
import type { ExtractedReport, ExtractedFinding } from '../../extractors/model.js';
import { letters } from '../../extractors/content-key.js';
import { compareCodeUnits } from '../sort-order.js';
import { sameYears, supportOrder, type CopyGroup, type OkHead } from './copies.js';
import { parsePrint, unmatchedVerdicts, type ParsedPrint } from './verdict-print.js';

/** Evidence of fewer letters than this could be anyone's ("Voldoet.", "Zie boven"): it identifies nothing. */
const IDENTIFYING_LETTERS = 30;
/**
 * Share of a finding's evidence the other finding must hold, counted in letter trigrams of its letters
 * run together: a converter may cut or join cells, and PDF text may split words ("begel eiding").
 */
const SAME_EVIDENCE = 0.8;
/** Share of the lossy copy's identifying findings that must be found in the fuller report. */
const SAME_REPORT = 0.8;
/** Identifying findings needed at least before a report is called another's copy. */
const MIN_IDENTIFYING = 3;
/**
 * Verdicts of a report that another's verdict print cannot hold, above which the two are not compared
 * at all: a copy has none, a misread copy a few (it gets copy_not_merged); reports of two waves or two
 * places differ on many.
 */
const MAX_UNMATCHED_VERDICTS = 3;

interface Member {
  group: CopyGroup;
  print: ParsedPrint;
  /** Read when first compared. */
  body: FindingPrint[] | null;
}

interface FindingPrint {
  column: number;
  indicatorId: string | null;
  verdict: string | null;
  /** Letter trigrams of the evidence and LET OP, spaces and punctuation left out. */
  grams: Set<string>;
  identifying: boolean;
}

/**
 * Folds each lossy report's copies into the fuller report they are a copy of, with the reason in the
 * group's lossyReasons. Returns the groups left, in their order.
 */
export function mergeLossyCopies(groups: CopyGroup[], load: (head: OkHead) => ExtractedReport): CopyGroup[] {
  const buckets = new Map<string, CopyGroup[]>();
  for (const group of groups) {
    const key = identityKey(group.primary);
    if (key === null) continue;
    const bucket = buckets.get(key);
    if (bucket) bucket.push(group);
    else buckets.set(key, [group]);
  }
  const absorbed = new Set<CopyGroup>();
  for (const bucket of buckets.values()) {
    if (bucket.length < 2) continue;
    const members = bucket.map((group): Member => ({ group, print: parsePrint(group.primary.report.compare.verdicts), body: null }));
    // Fullest first, so a report is only ever folded into one that has at least its verdicts.
    members.sort((a, b) => b.print.entries.length - a.print.entries.length || supportOrder(a.group.primary, b.group.primary));
    const roots: Member[] = [];
    for (const next of members) {
      // The fullest report that holds it: two roots can both hold it when one is itself a copy too
      // damaged to fold (a verdict of its own); counted once either way, under the fuller.
      let root: Member | undefined;
      let matched: Comparison | undefined;
      let disagreeing: { with: Member; comparison: Comparison } | undefined;
      for (const candidate of roots) {
        if (!sameYears(candidate.group.primary, next.group.primary)) continue;
        // Verdicts that disagree on many indicators: not a copy, nor a copy misread; no body is read.
        if (unmatchedVerdicts(next.print, candidate.print) > MAX_UNMATCHED_VERDICTS) continue;
        const comparison = compareFindings(findingsOf(next, load), findingsOf(candidate, load));
        if (!sameReport(comparison)) continue;
        if (comparison.conflicts === 0 && comparison.own === 0) {
          root = candidate;
          matched = comparison;
          break;
        }
        disagreeing ??= { with: candidate, comparison };
      }
      if (root === undefined || matched === undefined) {
        if (disagreeing) next.group.disagreesWith = disagreement(disagreeing.with, disagreeing.comparison);
        roots.push(next);
        continue;
      }
      absorbed.add(next.group);
      const reasons = (root.group.lossyReasons ??= new Map());
      const primaryPath = root.group.primary.input.relativePath;
      const reason =
        `a lossy copy of the report in ${primaryPath}: ${matched.found} of its ${matched.identifying} findings with evidence of ${IDENTIFYING_LETTERS} letters or more are found there, ` +
        `and each verdict it has (${matched.verdicts}) is the same there (${matched.theirs}); counted once, as ${primaryPath}`;
      for (const copy of next.group.copies) reasons.set(copy, reason);
      root.group.copies.push(...next.group.copies);
      root.group.paths = [...new Set([...root.group.paths, ...next.group.paths])].sort(compareCodeUnits);
      root.group.ambiguousWith = [...new Set([...root.group.ambiguousWith, ...next.group.ambiguousWith])].sort(compareCodeUnits);
    }
  }
  return groups.filter((g) => !absorbed.has(g));
}

function disagreement(other: Member, c: Comparison): string {
  const path = other.group.primary.input.relativePath;
  return (
    `${c.found} of its ${c.identifying} findings with evidence of ${IDENTIFYING_LETTERS} letters or more are also in ${path} (same municipality, aanpak and level), ` +
    `but ${[c.conflicts > 0 ? `${c.conflicts} of their verdicts differ there` : '', c.own > 0 ? `${c.own} of its verdicts are on findings not found there` : ''].filter(Boolean).join(' and ')}: ` +
    'kept as a report of its own; one of the two copies is misread, or they are different waves that state no year' 
  );
}

/** Level, assessed municipalities and the aanpak's letters; null when the report names no municipality and no aanpak. */
function identityKey(head: OkHead): string | null {
  const summary = head.report.compare;
  const municipalities = summary.municipalities.map((m) => m.name).join(';');
  const aanpak = letters(summary.aanpak);
  if (municipalities === '' && aanpak === '') return null;
  return `${summary.level ?? ''}\u0000${municipalities}\u0000${aanpak}`;
}

function findingsOf(member: Member, load: (head: OkHead) => ExtractedReport): FindingPrint[] {
  member.body ??= load(member.group.primary).findings.map(print);
  return member.body;
}

const verdictCount = (findings: FindingPrint[]) => findings.filter((f) => f.verdict !== null).length;

function print(finding: ExtractedFinding): FindingPrint {
  const text = letters(`${finding.evidence} ${finding.letOp ?? ''}`);
  const grams = new Set<string>();
  for (let i = 0; i + 3 <= text.length; i++) grams.add(text.slice(i, i + 3));
  return { column: finding.columnIndex, indicatorId: finding.indicatorId, verdict: finding.verdict, grams, identifying: text.length >= IDENTIFYING_LETTERS };
}

interface Comparison {
  /** Findings of the copy whose evidence is long enough to tell one finding from another. */
  identifying: number;
  /** Of those, the ones found in the fuller report. */
  found: number;
  /** Findings found there whose verdict differs. */
  conflicts: number;
  /** Findings with a verdict not found there. */
  own: number;
  /** Findings with a verdict, in the copy and in the fuller report. */
  verdicts: number;
  theirs: number;
}

/** How much of `copy`'s findings `of` holds, and where their verdicts differ. */
function compareFindings(copy: FindingPrint[], of: FindingPrint[]): Comparison {
  const comparison: Comparison = { identifying: 0, found: 0, conflicts: 0, own: 0, verdicts: verdictCount(copy), theirs: verdictCount(of) };
  for (const finding of copy) {
    const twin = bestTwin(finding, of);
    if (finding.identifying) comparison.identifying++;
    if (twin === null) {
      if (finding.verdict !== null) comparison.own++;
      continue;
    }
    if (finding.verdict !== null && twin.verdict !== finding.verdict) comparison.conflicts++;
    if (finding.identifying) comparison.found++;
  }
  return comparison;
}

/** Enough found to tell it from another report of the same municipality, aanpak and level. */
function sameReport(c: Comparison): boolean {
  return c.identifying >= MIN_IDENTIFYING && c.found >= SAME_REPORT * c.identifying;
}

/** The finding of `findings` whose evidence holds most of this one's words, at its column and indicator. */
function bestTwin(finding: FindingPrint, findings: FindingPrint[]): FindingPrint | null {
  // Evidence too short to identify: the indicator (both mapped, equal, once in the column) has to say it is the same finding.
  if (!finding.identifying) return sameIndicator(finding, findings);
  let best: FindingPrint | null = null;
  let bestShare = 0;
  for (const other of findings) {
    if (other.column !== finding.column) continue;
    if (finding.indicatorId !== null && other.indicatorId !== null && finding.indicatorId !== other.indicatorId) continue;
    const share = heldShare(finding.grams, other.grams);
    if (share > bestShare) {
      bestShare = share;
      best = other;
    }
  }
  return bestShare >= SAME_EVIDENCE ? best : null;
}

function sameIndicator(finding: FindingPrint, findings: FindingPrint[]): FindingPrint | null {
  if (finding.indicatorId === null) return null;
  const same = findings.filter((f) => f.column === finding.column && f.indicatorId === finding.indicatorId);
  return same.length === 1 ? same[0]! : null;
}

/** Share of `grams` (never empty here) that `other` holds. */
function heldShare(grams: Set<string>, other: Set<string>): number {
  let held = 0;
  for (const gram of grams) if (other.has(gram)) held++;
  return held / grams.size;
}
