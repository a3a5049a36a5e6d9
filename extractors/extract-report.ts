/**
 * The one entry point every runner calls: a pure function of (bytes, file name) → the report's
 * metadata, findings and located warnings. It never throws for bad input; a file it cannot read
 * comes back as { ok: false, failure } with a one-line reason.
 */
import { contentKeyOf, sha256Hex, skeletonKeyOf } from './content-key.js';
import { catalogueLevelFor, type CatalogueLevel } from './framework/catalogue.js';
import { sharedMatcher } from './framework/match.js';
import { collectTableFindings, levelByCatalogueFit } from './findings/table-findings.js';
import { detectFormat, UNREAD_FORMATS, type UnreadFormat } from './input/detect-format.js';
import { readerFor } from './input/readers.js';
import { findMunicipality } from './metadata/find-municipality.js';
import {
  findAanpak,
  findAssessedYear,
  findFamiliesCount,
  findInspectionBody,
  partnerLines,
  findReportDate,
  findTitle,
  plainLines,
  statedLevel,
} from './metadata/report-metadata.js';
import { LAYOUT_TEXT } from './input/layout-text.js';
import { textLineMapper } from './text-lines.js';
import { ExtractionFailure, parseExtractedReport, type ExtractedFinding, type ExtractedReport, type ExtractionResult, type ExtractionWarning, type Level, type ReportSegment, type SourceLocation } from './model.js';
import { bundleSegments, dropRepeatedReports, withPlausibility } from './segment/bundle.js';
import { splitDocument } from './segment/split-document.js';
import { asTextLineLocator, type DocumentTable, type ReadDocument } from './tables/document-table.js';
import { extractNarrative } from './narrative/extract-narrative.js';
import { classifyHeader } from './tables/header-row.js';
import { WRAPPED_PIPE_TABLES } from './tables/wrapped-pipe-tables.js';
import { FLATTENED_TEXT } from './tables/flattened-text.js';

export async function extractReport(bytes: Uint8Array, fileName: string): Promise<ExtractionResult> {
  const bytesSha256 = sha256Hex(bytes);
  try {
    if (bytes.length === 0) throw new ExtractionFailure('empty', 'empty file (0 bytes)');
    const format = detectFormat(bytes, fileName);
    const reader = readerFor(format);
    if (!reader) throw new ExtractionFailure('unsupported_format', `unsupported format: ${format in UNREAD_FORMATS ? UNREAD_FORMATS[format as UnreadFormat] : `${format.toUpperCase()} files cannot be read yet`}`);
    const document = await reader(bytes, fileName);
    return { ok: true, reports: extractReportsFromDocument(document, fileName, bytesSha256) };
  } catch (error) {
    if (error instanceof ExtractionFailure) return { ok: false, fileName, bytesSha256, failure: { code: error.code, message: error.message } };
    const message = error instanceof Error ? error.message : String(error);
    return { ok: false, fileName, bytesSha256, failure: { code: 'internal_error', message: `internal error: ${message.split('\n')[0]}` } };
  }
}

/** Called after each findings table with the findings read so far (segmentation watches the framework restart). */
export type TableWatcher = (table: DocumentTable, findingsSoFar: number) => void;

/**
 * The reports a document holds: one, or, for a bundle, one per report (segment/), each read as a
 * document of its own. A report repeated inside the file is kept once, with a warning.
 */
export function extractReportsFromDocument(document: ReadDocument, fileName: string, bytesSha256: string): ExtractedReport[] {
  const ends: number[] = [];
  const whole = extractFromDocument(document, fileName, bytesSha256, null, (_table, soFar) => ends.push(soFar));
  const segments = bundleSegments(document, whole, ends);
  if (segments === null) return [withPlausibility(whole)];
  const lines = document.text.split('\n');
  const findingsTables = document.tables.filter((t) => classifyHeader(t.header.cells) !== null);
  const parts = splitDocument(document, lines, findingsTables, segments);
  const reports = segments.map((segment, i) => {
    const part = parts[i]!;
    const { tables: _tables, ...span } = segment;
    const report = extractFromDocument(part, fileName, bytesSha256, { index: i + 1, count: segments.length, ...span });
    return withPlausibility({ ...report, warnings: [...report.warnings, splitNote(report.segment!)] });
  });
  return dropRepeatedReports(reports);
}

/** Where a report of a bundle stands, as a warning row researchers see beside its findings. */
function splitNote(segment: ReportSegment): ExtractionWarning {
  const pages = segment.pageStart !== null ? `, pages ${segment.pageStart}-${segment.pageEnd}` : '';
  return {
    code: 'bundle_split',
    severity: 'info',
    message: `the file bundles ${segment.count} reports; this is report ${segment.index} (lines ${segment.lineStart}-${segment.lineEnd}${pages})`,
    location: { lineStart: segment.lineStart, lineEnd: segment.lineEnd, page: segment.pageStart, locator: `report ${segment.index} of ${segment.count}` },
    findingIndex: null,
  };
}

export function extractFromDocument(document: ReadDocument, fileName: string, bytesSha256: string, segment: ReportSegment | null = null, afterTable?: TableWatcher): ExtractedReport {
  const matcher = sharedMatcher();
  const findingsTables = document.tables.filter((t) => classifyHeader(t.header.cells) !== null);
  if (findingsTables.length === 0) {
    const unaccounted = (document.warnings ?? []).filter((w) => w.code === 'verdict_unaccounted');
    // Rows of a marked-up table (located by table row or lines), or marks in a PDF's text (by page).
    const headless = unaccounted.filter((w) => w.location?.locator || w.location?.lineStart);
    const onPages = unaccounted.filter((w) => !headless.includes(w) && w.location?.page);
    if (headless.length > 0) {
      throw new ExtractionFailure(
        'no_findings_tables',
        `no findings table found: ${headless.length} table row(s) hold verdict marks, but no "Criteria | Indicatoren | Bevindingen" or "Indicator | <jaar>" header row stands above them and their rows do not show which column is which (a follow-up table loses its years with its header); first at ${headless[0]!.location!.locator ?? `line ${headless[0]!.location!.lineStart}`}`,
      );
    }
    const marks = onPages.length > 0 ? `; verdict marks stand in its text outside any table, first on page ${onPages[0]!.location!.page}` : '';
    throw new ExtractionFailure('no_findings_tables', `no findings table found (no "Criteria | Indicatoren | Bevindingen" or "Indicator | <jaar>" header): not an STJ report, or its tables were lost in conversion${marks}`);
  }
  const warnings: ExtractionWarning[] = [];
  const firstLine = document.firstLine ?? 1;
  const lines = plainLines(document.text, firstLine);
  // Metadata and narrative are found in the reader's text: their locations go back to the file's lines.
  const toFile = textLineMapper(document);
  const located = <T extends { location: SourceLocation | null }>(item: T): T => (item.location ? { ...item, location: toFile(item.location) } : item);
  const title = findTitle(lines);
  const { aanpak, warnings: aanpakWarnings } = findAanpak(lines, title, document.wordsCutApart ?? 0);
  warnings.push(...aanpakWarnings.map((w) => located({ ...w, findingIndex: null })));

  const hasFollowup = findingsTables.some((t) => classifyHeader(t.header.cells)?.kind === 'followup');
  const fitted = levelByCatalogueFit(findingsTables, matcher);
  const stated = statedLevel(document.text);
  if (fitted && stated && fitted !== stated && !hasFollowup) {
    warnings.push({ code: 'level_conflict', severity: 'warning', message: `the report says it assesses at ${stated}sniveau but its indicators are the ${fitted}-level ones; read as ${fitted}`, location: null, findingIndex: null });
  }
  const catalogueLevel: CatalogueLevel = fitted ?? catalogueLevelFor(stated);
  const level: Level = hasFollowup ? 'vervolg' : catalogueLevel;

  // Marks in the text that no row holds are counted where the text's lines are the rows' lines: not in
  // layout text, whose lines were set anew. Flattened text too: a table whose header a converter dropped
  // (its rows before the first header found) would otherwise lose its verdicts without a word.
  const accountable = !document.rebuiltFrom || document.rebuiltFrom === WRAPPED_PIPE_TABLES || document.rebuiltFrom === FLATTENED_TEXT;
  const regionText = (document.format === 'text' || document.format === 'doc') && accountable ? { text: document.text, firstLine } : null;
  const collector = collectTableFindings(findingsTables, matcher, catalogueLevel, aanpak, regionText, afterTable);
  if (document.rebuiltFrom) refuseDoubtfulRebuild(document.rebuiltFrom, collector.warnings, collector.findings);
  warnings.push(...collector.warnings);

  const reportDate = findReportDate(lines, title);
  const followupYears = collector.findings.map((f) => f.assessedYear).filter((y): y is number => y !== null);
  const assessedYear = hasFollowup && followupYears.length > 0 ? Math.max(...followupYears) : findAssessedYear(document.text, title);
  const yearForCodes = reportDate ? Number(reportDate.value.slice(0, 4)) : assessedYear;
  const partners = partnerLines(lines);
  const municipality = findMunicipality(document.text, title, yearForCodes, { ignoreLines: new Set(partners.map((p) => p.line)), firstLine });
  warnings.push(...municipality.warnings.map((w) => located({ ...w, findingIndex: null })));
  if (collector.findings.length === 0) {
    warnings.push({ code: 'no_findings', severity: 'warning', message: 'findings tables were found but held no assessed indicator', location: null, findingIndex: null });
  }

  // Read line by line like a text file, but those lines are the reader's, not the file's.
  const relocate = <T extends { location: SourceLocation | null }>(items: T[]): T[] =>
    document.format === 'doc' ? items.map((item) => (item.location ? { ...item, location: asTextLineLocator(item.location) } : item)) : items;
  const families = findFamiliesCount(document.text, firstLine);
  const narrative = extractNarrative(document, level, matcher);
  warnings.push(...narrative.warnings);
  if (narrative.narrative && document.rebuiltFrom === LAYOUT_TEXT) {
    warnings.push({
      code: 'narrative_from_layout_text',
      severity: 'warning',
      message: "the nota's narrative was read from layout text (pdftotext -layout and the like), whose paragraphs are rejoined from their lines by estimate: a quote, a recommendation or the list of attendees may be cut short or run into the text around it",
      location: null,
      findingIndex: null,
    });
  }
  const report = {
    fileName,
    format: document.format,
    encoding: document.encoding,
    bytesSha256,
    contentKey: contentKeyOf(level, collector.findings, document.text),
    skeletonKey: skeletonKeyOf(level, { municipality: municipality.municipality, municipalities: municipality.municipalities, aanpak }, collector.findings),
    metadata: {
      title: title?.text ?? null,
      municipality: municipality.municipality,
      municipalityCode: municipality.code,
      scope: municipality.scope,
      municipalities: municipality.municipalities,
      municipalityEvidence: municipality.evidence ? located(municipality.evidence) : municipality.evidence,
      aanpak,
      level,
      reportDate: reportDate?.value ?? null,
      assessedYear,
      inspectionBody: findInspectionBody(document.text),
      partners: partners.map((p) => p.text),
      familiesCount: families?.value ?? null,
    },
    findings: relocate(collector.findings),
    warnings: relocate([
      ...document.notes.map((message) => ({ code: 'encoding_repaired', severity: 'info' as const, message, location: null, findingIndex: null })),
      ...(document.warnings ?? []).flatMap((w) => readerWarningOnFindings(w, collector.findings)),
      ...warnings,
    ]),
    pageCount: document.pageCount,
    ...(segment ? { segment } : {}),
    narrative: narrative.narrative,
  };
  return parseExtractedReport(report);
}

/** Reader doubts about one line's cells: they concern the findings read from that line. */
const LINE_CELL_DOUBTS = new Set(['layout_cells_split_by_estimate']);

/**
 * A reader's warning as report warnings: one per finding whose line span holds the line it is about
 * (so the finding's row counts it), or one for the report when it is about no finding's line.
 */
function readerWarningOnFindings(warning: Omit<ExtractionWarning, 'findingIndex'>, findings: ExtractedFinding[]): ExtractionWarning[] {
  const line = warning.location?.lineStart ?? null;
  if (!LINE_CELL_DOUBTS.has(warning.code) || line === null) return [{ ...warning, findingIndex: null }];
  const on = findings.flatMap((f, index) => (f.location.lineStart !== null && f.location.lineStart <= line && line <= (f.location.lineEnd ?? f.location.lineStart) ? [index] : []));
  return on.length > 0 ? on.map((index) => ({ ...warning, findingIndex: index })) : [{ ...warning, findingIndex: null }];
}

/**
 * Warnings that, on tables rebuilt from text that had lost them, mean the rebuild put text in the
 * wrong cell or row: the other findings of such a document cannot be trusted either, so it is
 * refused with the first doubt as its reason rather than exported with wrong verdicts.
 */
const REBUILD_DOUBTS = new Set(['rows_cut_ambiguous', 'criterion_mismatch', 'unmapped_indicator', 'orphan_findings_cell', 'column_aanpak_unknown', 'followup_header_ambiguous', 'rows_without_header', 'table_header_missing', 'unplaced_text']);

function refuseDoubtfulRebuild(rebuiltFrom: string, warnings: ExtractionWarning[], findings: ExtractedFinding[]): void {
  // A shared cell whose marks disagree (gemengd) gives every indicator a verdict none of them has when
  // the source read the cell one to one: in rebuilt text, that is rows read as one.
  const mixedShared = (w: ExtractionWarning) => w.code === 'shared_cell' && w.findingIndex !== null && findings[w.findingIndex]?.verdict === 'gemengd';
  const doubts = warnings.filter((w) => REBUILD_DOUBTS.has(w.code) || mixedShared(w));
  if (doubts.length === 0) return;
  const first = doubts[0]!;
  const where = first.location?.lineStart ? ` (line ${first.location.lineStart})` : '';
  throw new ExtractionFailure(
    'no_findings_tables',
    `tables rebuilt from ${rebuiltFrom} are not reliable: ${doubts.length} structural doubt(s), first ${first.code}${where}: ${first.message}; import the PDF or HTML itself`,
  );
}
