/**
 * Where one report ends and the next begins in a file that bundles several (an archive's appendix
 * of factsheets, a council pack with a factsheet and a nota). A new report begins where the
 * findings tables start the framework over (most of a table's indicators were already assessed in
 * the same column, or the tables change kind, criteria ↔ follow-up) AND a report opening stands
 * between that table and the previous one (a title such as "Aanpak: X", "Nota van Bevindingen",
 * "Uitkomsten …", a letterhead, a council cover line). Both are needed: one report may repeat an
 * indicator, and one report holds several titled sections; a restart without an opening is left
 * whole and flagged by plausibility.ts instead of cut on a guess.
 */
import { isCoverLine } from '../metadata/report-metadata.js';
import type { TableSpan } from './locate-tables.js';

/** One findings table as segmentation sees it. */
export interface TableFacts {
  span: TableSpan;
  kind: 'criteria' | 'followup';
  /** indicatorId|columnIndex of each finding read from it (mapped indicators only). */
  keys: string[];
  /** The catalogue level most of its mapped indicators belong to (beleid, casus), or null when none does. */
  level: string | null;
}

/** A report's part of the file: its tables (indices) and lines. */
export interface Segment {
  tables: number[];
  lineStart: number;
  lineEnd: number;
  pageStart: number | null;
  pageEnd: number | null;
}

/**
 * Lines that open a report: its title or letterhead (markdown heading marks and emphasis allowed).
 * "Aanpak:" alone is not enough inside a report (it never repeats there), so it counts too.
 */
const OPENING = /^(?:aanpak\s*:|nota van bevindingen\b|uitkomsten\b.*\btoezicht|factsheet\b|samenwerkend toezicht jeugd$|rapport(?:age)?\s+(?:van\s+)?(?:het\s+)?toezichtonderzoek\b)/i;

const plain = (line: string) => line.replace(/^\s*#+\s*/, '').replace(/\*\*|__/g, '').replace(/^\*(.*)\*$/, '$1').trim();

export function isReportOpening(line: string): boolean {
  const text = plain(line);
  return text.length > 0 && text.length <= 200 && (OPENING.test(text) || isCoverLine(text));
}

/** Segments of a document, in order; one segment when it holds one report. */
export function segmentDocument(lines: readonly string[], tables: readonly TableFacts[]): Segment[] {
  if (tables.length === 0) return [];
  const starts: { table: number; line: number }[] = [{ table: 0, line: 1 }];
  let seen = new Set(tables[0]!.keys);
  let kind = tables[0]!.kind;
  let level = tables[0]!.level;
  for (let t = 1; t < tables.length; t++) {
    const table = tables[t]!;
    const keys = new Set(table.keys);
    const repeated = [...keys].filter((k) => seen.has(k)).length;
    // A report is scored against one level's framework: tables that go over to the other level's
    // indicators (a factsheet followed by its nota) start the framework over as much as a repeat does.
    const tableLevel = table.level;
    const otherLevel = level !== null && tableLevel !== null && tableLevel !== level;
    const restarts = (keys.size > 0 && repeated * 2 >= keys.size) || table.kind !== kind || otherLevel;
    const opening = restarts ? openingBetween(lines, tables[t - 1]!.span.lineEnd, table.span.lineStart) : null;
    if (opening !== null) {
      starts.push({ table: t, line: opening });
      seen = new Set();
      kind = table.kind;
      level = tableLevel;
    } else {
      level ??= tableLevel;
    }
    for (const k of keys) seen.add(k);
  }
  return starts.map((start, i) => {
    const next = starts[i + 1];
    const tableIndices = range(start.table, next ? next.table : tables.length);
    const pages = tableIndices.flatMap((ti) => [tables[ti]!.span.pageStart, tables[ti]!.span.pageEnd]).filter((p): p is number => p !== null);
    return {
      tables: tableIndices,
      lineStart: start.line,
      lineEnd: next ? next.line - 1 : Math.max(lines.length, 1),
      pageStart: pages.length > 0 ? pages.reduce((a, b) => Math.min(a, b)) : null,
      pageEnd: pages.length > 0 ? pages.reduce((a, b) => Math.max(a, b)) : null,
    };
  });
}

/** The first report opening after the previous table and before this one (1-based line), or null. */
function openingBetween(lines: readonly string[], afterLine: number, beforeLine: number): number | null {
  for (let line = afterLine + 1; line < beforeLine; line++) {
    if (isReportOpening(lines[line - 1] ?? '')) return line;
  }
  return null;
}

function range(from: number, to: number): number[] {
  return Array.from({ length: to - from }, (_, i) => from + i);
}
