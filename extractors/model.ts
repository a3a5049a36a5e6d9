/**
 * The document model every extractor produces and every pipeline stage consumes.
 * Extraction is a pure function of (bytes, file name) → ExtractionResult, so the embedded
 * runner, the worker threads and the BullMQ workers all share these shapes; zod checks them
 * wherever they cross a thread, process or Redis boundary.
 */
import { z } from 'zod';
import { narrativeSchema } from './narrative/narrative-model.js';

export const LEVELS = ['beleid', 'casus', 'vervolg'] as const;
export const levelSchema = z.enum(LEVELS);
export type Level = z.infer<typeof levelSchema>;

export const VERDICTS = ['voldoet', 'verbeterpunt', 'gemengd'] as const;
export const verdictSchema = z.enum(VERDICTS);
export type Verdict = z.infer<typeof verdictSchema>;

export const INPUT_FORMATS = ['text', 'pdf', 'html', 'docx', 'doc', 'odt', 'rtf', 'docbook', 'pdfxml'] as const;
export const inputFormatSchema = z.enum(INPUT_FORMATS);
export type InputFormat = z.infer<typeof inputFormatSchema>;

/** Where something sits in the source: a line span for text inputs, a page for PDFs, a table/row locator for HTML/DOCX. */
export const locationSchema = z.object({
  lineStart: z.number().int().positive().nullable(),
  lineEnd: z.number().int().positive().nullable(),
  page: z.number().int().positive().nullable(),
  locator: z.string().nullable(),
});
export type SourceLocation = z.infer<typeof locationSchema>;

export const SEVERITIES = ['info', 'warning', 'error'] as const;

/** A located message, in the manner of vfile: every doubt gets a code and a place. */
export const extractionWarningSchema = z.object({
  code: z.string().regex(/^[a-z][a-z0-9_]*$/),
  severity: z.enum(SEVERITIES),
  message: z.string().min(1),
  location: locationSchema.nullable(),
  /** Index into ExtractedReport.findings when the warning concerns one finding. */
  findingIndex: z.number().int().nonnegative().nullable(),
});
export type ExtractionWarning = z.infer<typeof extractionWarningSchema>;

export const extractedFindingSchema = z.object({
  themeId: z.string().nullable(),
  theme: z.string().nullable(),
  themeRaw: z.string().nullable(),
  criterionId: z.string().nullable(),
  criterion: z.string().nullable(),
  criterionRaw: z.string().nullable(),
  indicatorId: z.string().nullable(),
  indicator: z.string().nullable(),
  indicatorRaw: z.string().min(1),
  matchScore: z.number().min(0).max(1),
  /** Null when the cell carried no verdict mark at all (verdict_missing), or its marks are not this indicator's to have (verdicts_outnumber_indicators). */
  verdict: verdictSchema.nullable(),
  sharedCell: z.boolean(),
  evidence: z.string(),
  letOp: z.string().nullable(),
  aanpak: z.string().nullable(),
  assessedYear: z.number().int().nullable(),
  /** 0 for criteria tables; 1.. for the assessed columns of a follow-up table, left to right. */
  columnIndex: z.number().int().nonnegative(),
  columnLabel: z.string().nullable(),
  location: locationSchema,
  /** Order of appearance in the document, for stable tie-breaking. */
  ordinal: z.number().int().nonnegative(),
});
export type ExtractedFinding = z.infer<typeof extractedFindingSchema>;

/** One municipality a report assesses: official name, and its CBS code in the report's year when known. */
export const assessedMunicipalitySchema = z.object({
  name: z.string().min(1),
  code: z.string().regex(/^GM\d{4}$/).nullable(),
});
export type AssessedMunicipality = z.infer<typeof assessedMunicipalitySchema>;

/** The phrase of the report that decided whom it assesses, and where it stands. */
export const attributionEvidenceSchema = z.object({
  phrase: z.string().min(1),
  location: locationSchema.nullable(),
});
export type AttributionEvidence = z.infer<typeof attributionEvidenceSchema>;

export const reportMetadataSchema = z.object({
  title: z.string().nullable(),
  /** The single assessed municipality; null for a regional report (see municipalities) or when none is named. */
  municipality: z.string().nullable(),
  municipalityCode: z.string().regex(/^GM\d{4}$/).nullable(),
  /** `gemeente`: one municipality assessed; `regio`: several; null: none named. */
  scope: z.enum(['gemeente', 'regio']).nullable(),
  /** Every assessed municipality in order of mention (one for `gemeente`, several for `regio`). */
  municipalities: z.array(assessedMunicipalitySchema),
  municipalityEvidence: attributionEvidenceSchema.nullable(),
  aanpak: z.string().nullable(),
  level: levelSchema.nullable(),
  reportDate: z.string().regex(/^\d{4}(-\d{2})?$/).nullable(),
  assessedYear: z.number().int().nullable(),
  inspectionBody: z.string().nullable(),
  partners: z.array(z.string()),
  familiesCount: z.number().int().nonnegative().nullable(),
});
export type ReportMetadata = z.infer<typeof reportMetadataSchema>;

/**
 * Where in its file a report stands when the file bundles several (segment-document.ts): its
 * place among the file's reports (index counts repeats that were dropped), its line span in the
 * file's text and, for a PDF, the pages its findings tables are on. Absent or null: the report is
 * the whole file.
 */
export const reportSegmentSchema = z.object({
  index: z.number().int().positive(),
  count: z.number().int().positive(),
  lineStart: z.number().int().positive(),
  lineEnd: z.number().int().positive(),
  pageStart: z.number().int().positive().nullable(),
  pageEnd: z.number().int().positive().nullable(),
});
export type ReportSegment = z.infer<typeof reportSegmentSchema>;

export const extractedReportSchema = z.object({
  fileName: z.string(),
  format: inputFormatSchema,
  encoding: z.string(),
  /** sha256 of the raw bytes: identical files. */
  bytesSha256: z.string().regex(/^[0-9a-f]{64}$/),
  /** Content identity of the report, independent of encoding, line ends and input format. */
  contentKey: z.string().regex(/^[0-9a-f]{64}$/),
  /** The same report with some text changed by a converter: see content-key.ts. */
  skeletonKey: z.string().regex(/^[0-9a-f]{64}$/).nullable(),
  metadata: reportMetadataSchema,
  findings: z.array(extractedFindingSchema),
  warnings: z.array(extractionWarningSchema),
  pageCount: z.number().int().nonnegative().nullable(),
  segment: reportSegmentSchema.nullable().optional(),
  /** Sections, recommendations, quotes and meeting attendance of a case-level nota; null (or absent) for other levels. */
  narrative: narrativeSchema.nullable().optional(),
});
export type ExtractedReport = z.infer<typeof extractedReportSchema>;

/**
 * Reports exactly as extractedReportSchema.parse returned them. The worker thread checks every
 * result against extractionResultSchema before it crosses to the main thread (worker-reply.ts);
 * a report extraction has just parsed need not be parsed again there (that second pass was ~5% of
 * a thread's CPU). Parsing is idempotent for these schemas (no transforms, no defaults), so the
 * skip changes no byte. A report changed after its parse is a new object (spread), not in the set,
 * and is checked in full as before; nothing mutates a parsed report in place.
 */
const parsedReports = new WeakSet<object>();

/** extractedReportSchema.parse, remembering the result as checked. */
export function parseExtractedReport(raw: unknown): ExtractedReport {
  const report = extractedReportSchema.parse(raw);
  parsedReports.add(report);
  return report;
}

/** Whether the value is a report parseExtractedReport returned (and so already checked). */
export function isParsedReport(value: unknown): boolean {
  return typeof value === 'object' && value !== null && parsedReports.has(value);
}

export const FAILURE_CODES = [
  'empty',
  'binary',
  'unsupported_format',
  'unreadable',
  'no_findings_tables',
  'encrypted',
  'damaged',
  'no_text_layer',
  'internal_error',
  // Resource limits (extractors/input/limits.ts, the embedded pool's time budget and thread memory).
  'too_large',
  'timeout',
  'too_deep',
  // Not a document at all (FIFO, socket, device, broken link): the manifest lists it as skipped.
  'not_regular_file',
  // A hidden file or folder inside an input folder (".git", ".DS_Store"): not read, listed as skipped.
  'hidden',
] as const;

export const failureCodeSchema = z.enum(FAILURE_CODES);
export type FailureCode = z.infer<typeof failureCodeSchema>;
/** Failure codes that mean "not read on purpose": the manifest lists such inputs as skipped, not failed. */
export const SKIP_CODES: readonly FailureCode[] = ['not_regular_file', 'hidden'];

export const extractionResultSchema = z.discriminatedUnion('ok', [
  /** One report per report the file holds (a bundle holds several), in file order. */
  z.object({ ok: z.literal(true), reports: z.array(extractedReportSchema).min(1) }),
  z.object({
    ok: z.literal(false),
    fileName: z.string(),
    bytesSha256: z.string(),
    failure: z.object({ code: failureCodeSchema, message: z.string().min(1) }),
  }),
]);
export type ExtractionResult = z.infer<typeof extractionResultSchema>;

export class ExtractionFailure extends Error {
  constructor(
    readonly code: FailureCode,
    message: string,
  ) {
    super(message);
    this.name = 'ExtractionFailure';
  }
}
