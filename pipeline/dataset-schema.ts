/**
 * The public dataset contract (../shared/dataset-contract.md) as zod schemas.
 * Column order here IS the CSV column order: never reorder or rename, only append.
 */
import { z } from 'zod';
import { levelSchema, verdictSchema } from '../extractors/model.js';

/**
 * Major 2: ids carry a letter prefix (text in every spreadsheet and type-guessing reader), reports
 * carry their attribution (scope, municipalities, evidence) and links, and the panel, matrix and
 * narrative files exist. A folder's manifest names the contract it follows.
 */
export const DATASET_VERSION = '2.0.0';

const nullableString = z.string().min(1).nullable();

/**
 * Every id is `<prefix>-<16 hex>`: the prefix makes it text for Excel, LibreOffice, pandas and readr
 * (a bare hex id such as `8406742e47872433` is read as 8.4e+478 → Infinity). One prefix per kind of row.
 */
export const ID_PREFIXES = {
  report: 'rpt',
  finding: 'fnd',
  section: 'sec',
  recommendation: 'rec',
  quote: 'quo',
} as const;
export type IdKind = keyof typeof ID_PREFIXES;
export const ID_PATTERNS: Record<IdKind, RegExp> = {
  report: /^rpt-[0-9a-f]{16}$/,
  finding: /^fnd-[0-9a-f]{16}$/,
  section: /^sec-[0-9a-f]{16}$/,
  recommendation: /^rec-[0-9a-f]{16}$/,
  quote: /^quo-[0-9a-f]{16}$/,
};
/** `<prefix>-` + the first 16 hex digits of a sha256 (or any longer hex string). */
export function prefixedId(kind: IdKind, hex: string): string {
  return `${ID_PREFIXES[kind]}-${hex.slice(0, 16)}`;
}
const idOf = (kind: IdKind) => z.string().regex(ID_PATTERNS[kind]);
const nullableIdOf = (kind: IdKind) => idOf(kind).nullable();
/** `;`-separated lists of ids. */
const idListOf = (kind: IdKind) =>
  z
    .string()
    .regex(new RegExp(`^${ID_PATTERNS[kind].source.slice(1, -1)}(;${ID_PATTERNS[kind].source.slice(1, -1)})*$`))
    .nullable();
const municipalityCode = z.string().regex(/^GM\d{4}$/);
/** `;`-separated CBS codes. */
const municipalityCodeList = z.string().regex(/^GM\d{4}(;GM\d{4})*$/).nullable();
export const SCOPES = ['gemeente', 'regio'] as const;
export const scopeSchema = z.enum(SCOPES);

export const findingRowSchema = z.object({
  finding_id: idOf('finding'),
  report_id: idOf('report'),
  municipality: nullableString,
  municipality_code: z.string().regex(/^GM\d{4}$/).nullable(),
  aanpak: nullableString,
  level: levelSchema,
  assessed_year: z.number().int().nullable(),
  theme_id: nullableString,
  theme: nullableString,
  criterion_id: nullableString,
  criterion: nullableString,
  indicator_id: nullableString,
  indicator: nullableString,
  indicator_raw: z.string().min(1),
  match_score: z.number().min(0).max(1),
  verdict: verdictSchema.nullable(),
  shared_cell: z.boolean(),
  evidence: nullableString,
  let_op: nullableString,
  source_file: z.string().min(1),
  source_lines: z.string().regex(/^\d+-\d+$/).nullable(),
  source_page: z.number().int().positive().nullable(),
  warnings: nullableString,
  // Appended columns (allowed by the contract): what the report printed, and a locator for non-text inputs.
  theme_raw: nullableString,
  criterion_raw: nullableString,
  column_label: nullableString,
  source_locator: nullableString,
  // Version 2: follow-up findings linked to the same indicator in their baseline (policy) report.
  baseline_finding_id: nullableIdOf('finding'),
  baseline_verdict: verdictSchema.nullable(),
});
export type FindingRow = z.infer<typeof findingRowSchema>;
export const FINDING_COLUMNS = Object.keys(findingRowSchema.shape) as (keyof FindingRow)[];

export const reportRowSchema = z.object({
  report_id: idOf('report'),
  title: nullableString,
  municipality: nullableString,
  municipality_code: z.string().regex(/^GM\d{4}$/).nullable(),
  aanpak: nullableString,
  level: levelSchema.nullable(),
  report_date: z.string().regex(/^\d{4}(-\d{2})?$/).nullable(),
  inspection_body: nullableString,
  partners: nullableString,
  families_count: z.number().int().nonnegative().nullable(),
  n_findings: z.number().int().nonnegative(),
  n_voldoet: z.number().int().nonnegative(),
  n_verbeterpunt: z.number().int().nonnegative(),
  n_gemengd: z.number().int().nonnegative(),
  source_files: z.string().min(1),
  warnings: nullableString,
  // Appended columns.
  assessed_year: z.number().int().nullable(),
  format: z.string().min(1),
  n_unmapped: z.number().int().nonnegative(),
  // Version 2: attribution and links.
  scope: scopeSchema.nullable(),
  municipalities: nullableString,
  municipality_codes: municipalityCodeList,
  municipality_evidence: nullableString,
  baseline_report_id: nullableIdOf('report'),
  policy_report_id: nullableIdOf('report'),
  // Narrative (case-level notas): organisations present at the learning meeting, `;`-list.
  learning_meeting_attendees: nullableString,
});
export type ReportRow = z.infer<typeof reportRowSchema>;
export const REPORT_COLUMNS = Object.keys(reportRowSchema.shape) as (keyof ReportRow)[];

export const warningRowSchema = z.object({
  code: z.string().min(1),
  severity: z.enum(['info', 'warning', 'error']),
  message: z.string().min(1),
  report_id: z.string().nullable(),
  finding_id: z.string().nullable(),
  source_file: z.string().min(1),
  source_lines: z.string().nullable(),
  source_page: z.number().int().positive().nullable(),
  source_locator: z.string().nullable(),
});
export type WarningRow = z.infer<typeof warningRowSchema>;

/** The comparative unit: one row per (municipality_code, level, aanpak, indicator_id, assessed_year). */
export const panelRowSchema = z.object({
  municipality_code: municipalityCode,
  municipality: z.string().min(1),
  province: nullableString,
  scope: scopeSchema,
  level: levelSchema,
  aanpak: nullableString,
  assessed_year: z.number().int().nullable(),
  theme_id: nullableString,
  criterion_id: nullableString,
  indicator_id: z.string().min(1),
  verdict: verdictSchema.nullable(),
  report_id: idOf('report'),
  finding_id: idOf('finding'),
  n_reports: z.number().int().positive(),
  conflict: z.boolean(),
  other_report_ids: idListOf('report'),
});
export type PanelRow = z.infer<typeof panelRowSchema>;
export const PANEL_COLUMNS = Object.keys(panelRowSchema.shape) as (keyof PanelRow)[];

/** The panel made wide: these key columns, then one column per indicator id in catalogue order (verdict or empty). */
export const matrixKeySchema = z.object({
  municipality_code: municipalityCode,
  municipality: z.string().min(1),
  province: nullableString,
  level: levelSchema,
  aanpak: nullableString,
  assessed_year: z.number().int().nullable(),
});
export type MatrixKey = z.infer<typeof matrixKeySchema>;
export const MATRIX_KEY_COLUMNS = Object.keys(matrixKeySchema.shape) as (keyof MatrixKey)[];
export type MatrixRow = MatrixKey & Record<string, string | number | null>;

export const SECTION_KINDS = ['sterk', 'verbeter', 'conclusie', 'aanbeveling', 'leerbijeenkomst', 'beschrijving', 'overig'] as const;
export const sectionRowSchema = z.object({
  report_id: idOf('report'),
  section_id: idOf('section'),
  number: nullableString,
  heading: z.string().min(1),
  kind: z.enum(SECTION_KINDS),
  theme_ids: nullableString,
  indicator_ids: nullableString,
  conclusion: nullableString,
  text: nullableString,
  source_lines: z.string().regex(/^\d+-\d+$/).nullable(),
  source_page: z.number().int().positive().nullable(),
});
export type SectionRow = z.infer<typeof sectionRowSchema>;
export const SECTION_COLUMNS = Object.keys(sectionRowSchema.shape) as (keyof SectionRow)[];

export const recommendationRowSchema = z.object({
  report_id: idOf('report'),
  recommendation_id: idOf('recommendation'),
  ordinal: z.number().int().positive(),
  title: nullableString,
  text: z.string().min(1),
  theme_ids: nullableString,
  indicator_ids: nullableString,
  match_score: z.number().min(0).max(1).nullable(),
  source_lines: z.string().regex(/^\d+-\d+$/).nullable(),
  source_page: z.number().int().positive().nullable(),
});
export type RecommendationRow = z.infer<typeof recommendationRowSchema>;
export const RECOMMENDATION_COLUMNS = Object.keys(recommendationRowSchema.shape) as (keyof RecommendationRow)[];

export const ROLE_GROUPS = ['ouder', 'professional', 'gemeente', 'other'] as const;
export const quoteRowSchema = z.object({
  report_id: idOf('report'),
  section_id: nullableIdOf('section'),
  speaker_role: z.string().min(1),
  role_group: z.enum(ROLE_GROUPS),
  text: z.string().min(1),
  source_lines: z.string().regex(/^\d+-\d+$/).nullable(),
  source_page: z.number().int().positive().nullable(),
});
export type QuoteRow = z.infer<typeof quoteRowSchema>;
export const QUOTE_COLUMNS = Object.keys(quoteRowSchema.shape) as (keyof QuoteRow)[];

export const INPUT_STATUSES = ['parsed', 'duplicate', 'failed', 'skipped'] as const;

export const manifestInputSchema = z.object({
  path: z.string().min(1),
  status: z.enum(INPUT_STATUSES),
  report_id: z.string().nullable(),
  duplicate_of: z.string().nullable(),
  reason: z.string().nullable(),
  failure_code: z.string().nullable(),
  bytes: z.number().int().nonnegative(),
  sha256: z.string(),
  format: z.string().nullable(),
  encoding: z.string().nullable(),
  /** Only for an input holding several reports (a bundle): all their ids in file order (report_id is the first), and where each stands. */
  report_ids: z.array(idOf('report')).min(2).optional(),
  report_spans: z.array(z.string().min(1)).min(2).optional(),
});
export type ManifestInput = z.infer<typeof manifestInputSchema>;

export const manifestSchema = z.object({
  dataset_version: z.string(),
  program: z.object({ name: z.string(), version: z.string() }),
  framework: z.object({ id: z.string(), version: z.string() }),
  counts: z.object({
    inputs: z.number().int(),
    parsed: z.number().int(),
    duplicate: z.number().int(),
    failed: z.number().int(),
    /** Not documents (FIFO, device, broken link, hidden entry): inputs = parsed + duplicate + failed + skipped. */
    skipped: z.number().int(),
    reports: z.number().int(),
    findings: z.number().int(),
    unmapped_findings: z.number().int(),
    warnings: z.number().int(),
    // Version 2: the comparative files, and the findings the panel leaves out (no municipality with a
    // CBS code in their report, or no indicator_id).
    panel_rows: z.number().int(),
    matrix_rows: z.number().int(),
    panel_findings_without_municipality: z.number().int(),
    panel_findings_without_indicator: z.number().int(),
    /** Verdict marks in findings tables that no finding took, and columns with marks left unread (issue 10's accounting). */
    unaccounted_verdicts: z.number().int(),
    unread_columns: z.number().int(),
  }),
  inputs: z.array(manifestInputSchema),
});
export type Manifest = z.infer<typeof manifestSchema>;
