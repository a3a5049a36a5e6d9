/**
 * How the fixture reports fare through other converters: every file under `<dir>/<converter>/` whose
 * name holds a fixture id (`000_318a4c095323d6df`) is extracted and compared with that fixture's text
 * source, and counted per converter as
 *   exact     the same indicator ids, columns, verdicts, column labels, printed criteria and evidence (white space normalised)
 *   text      the same ids, columns and verdicts; evidence or a column's label differs (a converter's
 *             quotes, a word it cut)
 *   refused   the file fails, with its reason
 *   flagged   findings missing or without their verdict, and a warning that says the report is incomplete;
 *             or a shared cell's combined verdict (shared_cell) where the source read the cell one-to-one;
 *             or an aanpak that differs only in its spaces, with aanpak_spacing_uncertain
 *   silent    findings missing without such a warning; or a nota's narrative (sections, recommendations
 *             and their titles, quotes, attendees) other than the source's without a warning that says so
 *             (flagged with one)
 *   wrong     a canonical indicator with a verdict its source does not give it in that column, outside a
 *             shared cell; or another municipality, aanpak or report date than the source's
 * The last two must stay at zero. `scripts/survey-converters.sh <dir>` makes such a folder with the
 * converters installed here. Usage: node dist/bench/converter-survey.js <dir> [--list]
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { extractReport } from '../extractors/extract-report.js';
import type { ExtractedReport, ExtractionResult } from '../extractors/model.js';
import { assembleDataset } from '../pipeline/assemble-dataset.js';
import type { InputOutcome } from '../pipeline/stages.js';

const CLASSES = ['exact', 'text', 'refused', 'flagged', 'silent', 'wrong'] as const;
type Outcome = (typeof CLASSES)[number];

/** Warnings that tell a researcher findings of the report are missing or unread. */
const INCOMPLETE = new Set(['verdict_unaccounted', 'verdict_missing', 'unmapped_indicator', 'table_omitted', 'rows_without_header', 'orphan_findings_cell', 'column_unread', 'implausible_report', 'unplaced_text', 'flattened_split_uncertain', 'verdicts_outnumber_indicators']);

const normalise = (text: string | null) => (text ?? '').replace(/\s+/g, ' ').trim();
/** Warnings that say a nota's narrative was not read whole, or not as printed (words a PDF writer's spacing cut apart). */
const NARRATIVE_DOUBTS = new Set(['recommendations_not_listed', 'narrative_not_segmented', 'narrative_from_layout_text', 'pdf_words_rejoined']);

/** What differs between two narratives in rows a researcher counts, or null. */
function narrativeDifference(read: ExtractedReport, expected: ExtractedReport): string | null {
  const a = read.narrative;
  const b = expected.narrative;
  if (!b) return null;
  if (!a) return 'none read';
  const differences: string[] = [];
  const sections = (n: NonNullable<ExtractedReport['narrative']>) => n.sections.map((s) => `${s.number ?? ''}:${s.kind}`).join(' ');
  if (sections(a) !== sections(b)) differences.push(`sections ${a.sections.length} for ${b.sections.length}`);
  if (a.recommendations.length !== b.recommendations.length) differences.push(`recommendations ${a.recommendations.length} for ${b.recommendations.length}`);
  else {
    // As many, but another lead read as the title (a converter's markup taken for text) is a difference too.
    const titles = a.recommendations.filter((r, i) => normalise(r.title) !== normalise(b.recommendations[i]!.title)).length;
    if (titles > 0) differences.push(`recommendation titles ${titles} of ${b.recommendations.length} other than the source's`);
  }
  if (a.quotes.length !== b.quotes.length) differences.push(`quotes ${a.quotes.length} for ${b.quotes.length}`);
  if (a.attendees.join('|') !== b.attendees.join('|')) differences.push(`attendees ${a.attendees.length} for ${b.attendees.length}`);
  return differences.length > 0 ? differences.join(', ') : null;
}
const spacingOnly = (a: string | null, b: string | null) => a !== null && b !== null && a.replace(/\s+/g, '') === b.replace(/\s+/g, '');
/** A finding's place: its indicator and the column it was read from (its label may be what a converter left of it). */
const key = (f: { indicatorId: string | null; columnIndex: number }) => `${f.indicatorId}|${f.columnIndex}`;

async function source(id: string): Promise<ExtractedReport> {
  const file = path.join('fixtures/reports', `${id}.txt`);
  const result = await extractReport(readFileSync(file), `${id}.txt`);
  if (!result.ok) throw new Error(`${file}: ${result.failure.message}`);
  return result.reports[0]!;
}

export async function classify(bytes: Uint8Array, fileName: string, expected: ExtractedReport): Promise<{ outcome: Outcome; note: string }> {
  return classifyResult(await extractReport(bytes, fileName), expected);
}

function classifyResult(result: ExtractionResult, expected: ExtractedReport): { outcome: Outcome; note: string } {
  if (!result.ok) return { outcome: 'refused', note: result.failure.message };
  const read = result.reports[0]!;
  const verdicts = new Map(expected.findings.map((f) => [key(f), f.verdict]));
  const differing = read.findings.filter((f) => f.indicatorId !== null && f.verdict !== null && verdicts.get(key(f)) !== f.verdict);
  // A shared cell's combined verdict where the source read the cell one to one is a verdict the
  // report does not give: wrong, whatever the info note beside it says.
  if (differing.length > 0) return { outcome: 'wrong', note: differing.map((f) => `${key(f)}=${f.verdict}${f.sharedCell ? ' (shared cell)' : ''}`).join(' ') };
  // Metadata a researcher groups by: another municipality, approach or date is as wrong as a verdict.
  for (const field of ['municipality', 'aanpak', 'reportDate'] as const) {
    if (read.metadata[field] === expected.metadata[field]) continue;
    const note = `${field} ${read.metadata[field]} for ${expected.metadata[field]}`;
    // An aanpak whose letters are right and whose spaces a warning calls uncertain is flagged, not wrong.
    if (field === 'aanpak' && spacingOnly(read.metadata.aanpak, expected.metadata.aanpak) && read.warnings.some((w) => w.code === 'aanpak_spacing_uncertain')) return { outcome: 'flagged', note: `${note}; aanpak_spacing_uncertain` };
    return { outcome: 'wrong', note };
  }
  const missing = expected.findings.filter((f) => !read.findings.some((g) => key(g) === key(f) && g.verdict === f.verdict));
  if (missing.length > 0) {
    const doubts = [...new Set(read.warnings.filter((w) => INCOMPLETE.has(w.code)).map((w) => w.code))];
    return { outcome: doubts.length > 0 ? 'flagged' : 'silent', note: `${missing.length} of ${expected.findings.length} missing; ${doubts.join(', ')}` };
  }
  // A finding the source does not have (another cell read as a row of its own): its verdict, if any, was
  // judged above; without one it is flagged beside its warning, or silent.
  const expectedKeys = new Set(expected.findings.map(key));
  const extra = read.findings.filter((f) => !expectedKeys.has(key(f)));
  if (extra.length > 0) {
    const doubts = [...new Set(read.warnings.filter((w) => INCOMPLETE.has(w.code)).map((w) => w.code))];
    return { outcome: doubts.length > 0 ? 'flagged' : 'silent', note: `${extra.length} finding(s) the source does not have (${extra.map(key).join(' ')}); ${doubts.join(', ')}` };
  }
  // A case-level nota's narrative: its sections, recommendations, quotes and attendees, as counted rows
  // of the dataset. Fewer or more than the source's is flagged when a warning says the narrative is
  // incomplete, silent otherwise.
  const narrative = narrativeDifference(read, expected);
  if (narrative) {
    const doubts = [...new Set(read.warnings.filter((w) => NARRATIVE_DOUBTS.has(w.code)).map((w) => w.code))];
    return { outcome: doubts.length > 0 ? 'flagged' : 'silent', note: `narrative: ${narrative}; ${doubts.join(', ')}` };
  }
  // Each finding beside the source's of the same indicator and column (every one is there, none extra).
  const readByKey = new Map(read.findings.map((f) => [key(f), f]));
  const counterpart = (f: ExtractedReport['findings'][number]) => readByKey.get(key(f));
  const evidence = expected.findings.filter((f) => normalise(f.evidence) !== normalise(counterpart(f)?.evidence ?? null)).length;
  const labels = expected.findings.filter((f) => f.columnLabel !== (counterpart(f)?.columnLabel ?? null)).length;
  // The printed criterion: a row cut in the wrong place shows here first (its id comes from the indicator).
  const criteria = expected.findings.filter((f) => normalise(f.criterionRaw) !== normalise(counterpart(f)?.criterionRaw ?? null)).length;
  return evidence + labels + criteria > 0 ? { outcome: 'text', note: `${evidence} evidence, ${labels} column labels, ${criteria} criteria` } : { outcome: 'exact', note: '' };
}

/**
 * Every output and the sources as one batch, as an archive import meets them: how many reports it
 * counts for the sources' few, and how many of them hold files of more than one source (must be 0).
 */
function batchLine(batch: InputOutcome[], sources: Map<string, ExtractedReport>): number {
  const withSources = [...batch];
  for (const id of [...sources.keys()].sort()) {
    const file = path.join('fixtures/reports', `${id}.txt`);
    withSources.push({ input: { absolutePath: path.resolve(file), relativePath: `sources/${id}.txt`, sizeBytes: 0 }, result: { ok: true, reports: [sources.get(id)!] } });
  }
  const dataset = assembleDataset(withSources);
  const sourceIds = (files: string) => new Set(files.split(';').map((f) => /\d{3}_[0-9a-f]{16}/.exec(f)?.[0]));
  const mixed = dataset.reports.filter((r) => sourceIds(r.source_files).size > 1).length;
  const counted = dataset.warnings.filter((w) => w.code === 'copy_not_merged').length;
  console.log(
    `one batch: ${withSources.length} files (${sources.size} sources) -> ${dataset.reports.length} reports;` +
      ` ${dataset.warnings.filter((w) => w.code === 'lossy_copy_input').length} lossy copies folded, ${counted} copies not merged (copy_not_merged);` +
      ` reports holding files of more than one source: ${mixed}`,
  );
  return mixed;
}

async function main(): Promise<void> {
  const [dir, flag] = process.argv.slice(2);
  if (!dir) throw new Error('usage: converter-survey <dir> [--list]');
  const sources = new Map<string, ExtractedReport>();
  const batch: InputOutcome[] = [];
  const totals = Object.fromEntries(CLASSES.map((c) => [c, 0])) as Record<Outcome, number>;
  for (const converter of readdirSync(dir, { withFileTypes: true }).filter((d) => d.isDirectory()).map((d) => d.name).sort()) {
    const counts = Object.fromEntries(CLASSES.map((c) => [c, 0])) as Record<Outcome, number>;
    for (const file of readdirSync(path.join(dir, converter)).sort()) {
      const id = /\d{3}_[0-9a-f]{16}/.exec(file)?.[0];
      if (!id) continue;
      if (!sources.has(id)) sources.set(id, await source(id));
      const bytes = readFileSync(path.join(dir, converter, file));
      const result = await extractReport(bytes, file);
      batch.push({ input: { absolutePath: path.join(dir, converter, file), relativePath: `${converter}/${file}`, sizeBytes: bytes.length }, result });
      const { outcome, note } = classifyResult(result, sources.get(id)!);
      counts[outcome]++;
      totals[outcome]++;
      if (flag === '--list' || outcome === 'wrong' || outcome === 'silent') console.log(`  ${outcome.padEnd(8)} ${converter}/${file} ${note.slice(0, 160)}`);
    }
    console.log(`${converter.padEnd(24)} ${CLASSES.filter((c) => counts[c] > 0).map((c) => `${c} ${counts[c]}`).join(', ')}`);
  }
  console.log(`all${' '.repeat(21)} ${CLASSES.map((c) => `${c} ${totals[c]}`).join(', ')}`);
  const mixed = batchLine(batch, sources);
  if (totals.wrong > 0 || totals.silent > 0 || mixed > 0) process.exitCode = 1;
}

if (process.argv[1] && import.meta.url === new URL(`file://${path.resolve(process.argv[1])}`).href) await main();
