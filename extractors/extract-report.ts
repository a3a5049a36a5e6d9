/**
 * The one entry point every runner calls: a pure function of (bytes, file name) → the report's
 * metadata, findings and located warnings. It never throws for bad input; a file it cannot read
 * comes back as { ok: false, failure } with a one-line reason.
 */
import { contentKeyOf, sha256Hex, skeletonKeyOf } from './content-key.js';
import { catalogueLevelFor, loadCatalogue, type CatalogueLevel } from './framework/catalogue.js';
import { CatalogueMatcher } from './framework/match.js';
import { collectTableFindings, levelByCatalogueFit } from './findings/table-findings.js';
import { detectFormat } from './input/detect-format.js';
import { readerFor } from './input/readers.js';
import { findMunicipality } from './metadata/find-municipality.js';
import {
  findAanpak,
  findAssessedYear,
  findFamiliesCount,
  findInspectionBody,
  findPartners,
  findReportDate,
  findTitle,
  plainLines,
  statedLevel,
} from './metadata/report-metadata.js';
import { extractNarrative } from './narrative/extract-narrative.js';
import { ExtractionFailure, extractedReportSchema, type ExtractionResult, type ExtractionWarning, type Level } from './model.js';
import type { ReadDocument } from './tables/document-table.js';
import { classifyHeader } from './tables/header-row.js';

let matcher: CatalogueMatcher | null = null;

export async function extractReport(bytes: Uint8Array, fileName: string): Promise<ExtractionResult> {
  const bytesSha256 = sha256Hex(bytes);
  try {
    if (bytes.length === 0) throw new ExtractionFailure('empty', 'empty file (0 bytes)');
    const format = detectFormat(bytes, fileName);
    const reader = readerFor(format);
    if (!reader) throw new ExtractionFailure('unsupported_format', `unsupported format: ${format === 'zip' ? 'a ZIP archive that is not a Word document' : `${format.toUpperCase()} files cannot be read yet`}`);
    const document = await reader(bytes, fileName);
    return { ok: true, report: extractFromDocument(document, fileName, bytesSha256) };
  } catch (error) {
    if (error instanceof ExtractionFailure) return { ok: false, fileName, bytesSha256, failure: { code: error.code, message: error.message } };
    const message = error instanceof Error ? error.message : String(error);
    return { ok: false, fileName, bytesSha256, failure: { code: 'internal_error', message: `internal error: ${message.split('\n')[0]}` } };
  }
}

export function extractFromDocument(document: ReadDocument, fileName: string, bytesSha256: string) {
  matcher ??= new CatalogueMatcher(loadCatalogue());
  const findingsTables = document.tables.filter((t) => classifyHeader(t.header.cells) !== null);
  if (findingsTables.length === 0) {
    throw new ExtractionFailure('no_findings_tables', 'no findings table found (no "Criteria | Indicatoren | Bevindingen" or "Indicator | <jaar>" header): not an STJ report, or its tables were lost in conversion');
  }
  const warnings: ExtractionWarning[] = [];
  const lines = plainLines(document.text);
  const title = findTitle(lines);
  const { aanpak, warnings: aanpakWarnings } = findAanpak(lines, title);
  warnings.push(...aanpakWarnings.map((w) => ({ ...w, findingIndex: null })));

  const hasFollowup = findingsTables.some((t) => classifyHeader(t.header.cells)?.kind === 'followup');
  const fitted = levelByCatalogueFit(findingsTables, matcher);
  const stated = statedLevel(document.text);
  if (fitted && stated && fitted !== stated && !hasFollowup) {
    warnings.push({ code: 'level_conflict', severity: 'warning', message: `the report says it assesses at ${stated}sniveau but its indicators are the ${fitted}-level ones; read as ${fitted}`, location: null, findingIndex: null });
  }
  const catalogueLevel: CatalogueLevel = fitted ?? catalogueLevelFor(stated);
  const level: Level = hasFollowup ? 'vervolg' : catalogueLevel;

  const collector = collectTableFindings(findingsTables, matcher, catalogueLevel, aanpak);
  if (document.rebuiltFrom) refuseDoubtfulRebuild(document.rebuiltFrom, collector.warnings);
  warnings.push(...collector.warnings);

  const reportDate = findReportDate(lines);
  const followupYears = collector.findings.map((f) => f.assessedYear).filter((y): y is number => y !== null);
  const assessedYear = hasFollowup && followupYears.length > 0 ? Math.max(...followupYears) : findAssessedYear(document.text);
  const yearForCodes = reportDate ? Number(reportDate.value.slice(0, 4)) : assessedYear;
  const municipality = findMunicipality(document.text, title, yearForCodes);
  warnings.push(...municipality.warnings.map((w) => ({ ...w, findingIndex: null })));
  if (collector.findings.length === 0) {
    warnings.push({ code: 'no_findings', severity: 'warning', message: 'findings tables were found but held no assessed indicator', location: null, findingIndex: null });
  }

  const families = findFamiliesCount(document.text);
  const narrative = extractNarrative(document, level, matcher);
  warnings.push(...narrative.warnings);
  const report = {
    fileName,
    format: document.format,
    encoding: document.encoding,
    bytesSha256,
    contentKey: contentKeyOf(level, collector.findings, document.text),
    skeletonKey: skeletonKeyOf(level, { municipality: municipality.municipality, aanpak }, collector.findings),
    metadata: {
      title: title?.text ?? null,
      municipality: municipality.municipality,
      municipalityCode: municipality.code,
      scope: municipality.municipality ? ('gemeente' as const) : null,
      municipalities: municipality.municipality ? [{ name: municipality.municipality, code: municipality.code }] : [],
      municipalityEvidence: null,
      aanpak,
      level,
      reportDate: reportDate?.value ?? null,
      assessedYear,
      inspectionBody: findInspectionBody(document.text),
      partners: findPartners(lines),
      familiesCount: families?.value ?? null,
    },
    findings: collector.findings,
    warnings: [
      ...document.notes.map((message) => ({ code: 'encoding_repaired', severity: 'info' as const, message, location: null, findingIndex: null })),
      ...(document.warnings ?? []).map((w) => ({ ...w, findingIndex: null })),
      ...warnings,
    ],
    pageCount: document.pageCount,
    narrative: narrative.narrative,
  };
  return extractedReportSchema.parse(report);
}

/**
 * Warnings that, on tables rebuilt from text that had lost them, mean the rebuild put text in the
 * wrong cell or row: the other findings of such a document cannot be trusted either, so it is
 * refused with the first doubt as its reason rather than exported with wrong verdicts.
 */
const REBUILD_DOUBTS = new Set(['unmapped_indicator', 'orphan_findings_cell', 'column_aanpak_unknown', 'followup_header_ambiguous', 'rows_without_header', 'table_header_missing', 'unplaced_text']);

function refuseDoubtfulRebuild(rebuiltFrom: string, warnings: ExtractionWarning[]): void {
  const doubts = warnings.filter((w) => REBUILD_DOUBTS.has(w.code));
  if (doubts.length === 0) return;
  const first = doubts[0]!;
  const where = first.location?.lineStart ? ` (line ${first.location.lineStart})` : '';
  throw new ExtractionFailure(
    'no_findings_tables',
    `tables rebuilt from ${rebuiltFrom} are not reliable: ${doubts.length} structural doubt(s), first ${first.code}${where}: ${first.message}; import the PDF or HTML itself`,
  );
}
