/**
 * The public dataset contract (../shared/dataset-contract.md) as zod schemas.
 * Column order here IS the CSV column order: never reorder or rename, only append.
 */
import { z } from 'zod';
import { levelSchema, verdictSchema } from '../extractors/model.js';

export const DATASET_VERSION = '1.0.0';

const nullableString = z.string().min(1).nullable();

export const findingRowSchema = z.object({
  finding_id: z.string().regex(/^[0-9a-f]{16}$/),
  report_id: z.string().regex(/^[0-9a-f]{16}$/),
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
});
export type FindingRow = z.infer<typeof findingRowSchema>;
export const FINDING_COLUMNS = Object.keys(findingRowSchema.shape) as (keyof FindingRow)[];

export const reportRowSchema = z.object({
  report_id: z.string().regex(/^[0-9a-f]{16}$/),
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

export const INPUT_STATUSES = ['parsed', 'duplicate', 'failed'] as const;

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
    reports: z.number().int(),
    findings: z.number().int(),
    unmapped_findings: z.number().int(),
    warnings: z.number().int(),
  }),
  inputs: z.array(manifestInputSchema),
});
export type Manifest = z.infer<typeof manifestSchema>;
