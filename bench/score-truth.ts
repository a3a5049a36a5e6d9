/**
 * Compares what the pipeline read from a synthetic corpus with the corpus's truth. Works on
 * both extractor output (ExtractedReport) and dataset rows (findings.jsonl), so the test and the
 * benchmark score the same way. A finding counts as recalled only when indicator, verdict and
 * LET OP all match; anything found that the truth does not list is reported too.
 */
import type { ExtractedReport } from '../extractors/model.js';
import type { TruthFinding, TruthReport } from './synthetic-corpus.js';

/** One finding as the pipeline reported it, reduced to what the truth speaks about. */
export interface ObservedFinding {
  file: string;
  level: string | null;
  indicator_id: string | null;
  indicator_raw: string;
  verdict: string | null;
  let_op: string | null;
  aanpak: string | null;
  year: number | null;
}

export interface Miss {
  expected: TruthFinding;
  /** The finding read for the same file, indicator and column, if any. */
  observed: ObservedFinding | null;
}

export interface Score {
  expected: number;
  recalled: number;
  missed: Miss[];
  /** Read but not in the truth (split wrongly, matched to the wrong indicator, read twice). */
  unexpected: ObservedFinding[];
  unmapped: ObservedFinding[];
}

const keyOfTruth = (t: TruthFinding) => [t.file, t.indicator_id, t.column?.aanpak ?? '', t.column?.year ?? ''].join('\u0000');
// Only follow-up findings carry a column; the dataset fills aanpak in for the others, so it is ignored there.
const keyOfObserved = (o: ObservedFinding) =>
  [o.file, o.indicator_id ?? '', o.level === 'vervolg' ? (o.aanpak ?? '') : '', o.level === 'vervolg' ? (o.year ?? '') : ''].join('\u0000');

export function scoreFindings(truth: TruthFinding[], observed: ObservedFinding[]): Score {
  const byKey = new Map<string, ObservedFinding[]>();
  for (const o of observed) byKey.set(keyOfObserved(o), [...(byKey.get(keyOfObserved(o)) ?? []), o]);
  const score: Score = { expected: truth.length, recalled: 0, missed: [], unexpected: [], unmapped: observed.filter((o) => o.indicator_id === null) };
  const used = new Set<ObservedFinding>();
  for (const t of truth) {
    const candidates = byKey.get(keyOfTruth(t)) ?? [];
    const hit = candidates.find((o) => !used.has(o) && o.verdict === t.verdict && o.let_op === t.let_op);
    if (hit) {
      used.add(hit);
      score.recalled++;
    } else {
      score.missed.push({ expected: t, observed: candidates.find((o) => !used.has(o)) ?? null });
    }
  }
  score.unexpected = observed.filter((o) => !used.has(o) && !score.missed.some((m) => m.observed === o));
  return score;
}

export function observedFromReport(report: ExtractedReport): ObservedFinding[] {
  return report.findings.map((f) => ({
    file: report.fileName,
    level: report.metadata.level,
    indicator_id: f.indicatorId,
    indicator_raw: f.indicatorRaw,
    verdict: f.verdict,
    let_op: f.letOp,
    aanpak: f.aanpak,
    year: f.assessedYear,
  }));
}

/** Rows of findings.jsonl (dataset contract column names). */
export function observedFromRows(rows: Record<string, unknown>[]): ObservedFinding[] {
  const text = (value: unknown) => (typeof value === 'string' ? value : null);
  return rows.map((row) => ({
    file: String(row.source_file),
    level: text(row.level),
    indicator_id: text(row.indicator_id),
    indicator_raw: String(row.indicator_raw),
    verdict: text(row.verdict),
    let_op: text(row.let_op),
    aanpak: text(row.aanpak),
    year: typeof row.assessed_year === 'number' ? row.assessed_year : null,
  }));
}

/** Report-level facts, in dataset column names. */
export interface ObservedReport {
  municipality: string | null;
  municipality_code: string | null;
  aanpak: string | null;
  level: string | null;
  partners: string[];
  families_count: number | null;
}

export function observedReportFromExtracted(report: ExtractedReport): ObservedReport {
  const m = report.metadata;
  return { municipality: m.municipality, municipality_code: m.municipalityCode, aanpak: m.aanpak, level: m.level, partners: m.partners, families_count: m.familiesCount };
}

/** A row of reports.jsonl: partners are one ";"-separated field there. */
export function observedReportFromRow(row: Record<string, unknown>): ObservedReport {
  const text = (value: unknown) => (typeof value === 'string' ? value : null);
  return {
    municipality: text(row.municipality),
    municipality_code: text(row.municipality_code),
    aanpak: text(row.aanpak),
    level: text(row.level),
    partners: text(row.partners)?.split(';') ?? [],
    families_count: typeof row.families_count === 'number' ? row.families_count : null,
  };
}

/** Report-level facts the truth knows, compared field by field; one line per difference. */
export function reportDifferences(truth: TruthReport, observed: ObservedReport | undefined): string[] {
  if (!observed) return [`${truth.file}: no report read`];
  const expected: ObservedReport = {
    municipality: truth.municipality,
    municipality_code: truth.municipality_code,
    aanpak: truth.aanpak,
    level: truth.level,
    partners: truth.partners,
    families_count: truth.families_count,
  };
  return (Object.keys(expected) as (keyof ObservedReport)[])
    .filter((field) => JSON.stringify(observed[field]) !== JSON.stringify(expected[field]))
    .map((field) => `${truth.file}: ${field} expected ${JSON.stringify(expected[field])}, got ${JSON.stringify(observed[field])}`);
}

/** One readable line per missed finding, for test failures and the bench's diagnostics. */
export function describeMiss(miss: Miss): string {
  const t = miss.expected;
  const where = `${t.file} ${t.indicator_id}${t.column ? ` [${t.column.year} ${t.column.aanpak}]` : ''}`;
  const want = `${t.verdict}${t.let_op ? ` + LET OP "${t.let_op}"` : ''}`;
  if (!miss.observed) return `${where}: expected ${want}, not found`;
  const o = miss.observed;
  return `${where}: expected ${want}, got ${o.verdict}${o.let_op ? ` + LET OP "${o.let_op}"` : ''}`;
}
