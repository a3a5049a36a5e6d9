/**
 * Turns the outcomes of a run into the rows of the public dataset (../shared/dataset-contract.md).
 * Pure: no clock, no file system, no absolute paths, and every order is defined here rather than
 * inherited from the runner, which is what makes embedded and queued runs byte-identical.
 */
import type { ExtractedReport, ExtractionResult } from '../extractors/model.js';
import { compareCodeUnits } from './compare.js';
import {
  DATASET_VERSION,
  findingRowSchema,
  manifestSchema,
  reportRowSchema,
  warningRowSchema,
  type FindingRow,
  type Manifest,
  type ManifestInput,
  type ReportRow,
  type WarningRow,
} from './dataset-schema.js';
import {
  buildFindingRows,
  buildReportRow,
  buildReportWarnings,
  compareWarnings,
  findingIds,
  reportIdFor,
  type ReportGroup,
} from './dataset-rows.js';
import { defaultAssemblyContext, type AssemblyContext } from './program-info.js';
import type { InputOutcome } from './stages.js';

export interface AssembledDataset {
  findings: FindingRow[];
  reports: ReportRow[];
  warnings: WarningRow[];
  manifest: Manifest;
}

type FailedResult = Extract<ExtractionResult, { ok: false }>;

export function assembleDataset(
  outcomes: InputOutcome[],
  context: AssemblyContext = defaultAssemblyContext(),
): AssembledDataset {
  const sorted = [...outcomes].sort(compareOutcomes);

  // Same contentKey = same report, whatever the encoding, line ends or file name; the first path is primary.
  const groups = new Map<string, ReportGroup>();
  for (const { input, result } of sorted) {
    if (!result.ok) continue;
    const group = groups.get(result.report.contentKey);
    if (group) group.paths.push(input.relativePath);
    else groups.set(result.report.contentKey, groupFor(result.report, input.relativePath));
  }
  checkReportIdsUnique([...groups.values()]);

  const findings: FindingRow[] = [];
  const reports: ReportRow[] = [];
  const warnings: WarningRow[] = [];
  const manifestInputs: ManifestInput[] = [];

  // Groups were created in primary-path order, so Map order is already the report order.
  for (const group of groups.values()) {
    const ids = findingIds(group.reportId, group.report.findings);
    findings.push(...buildFindingRows(group, ids, context).map((row) => validate(findingRowSchema, row, 'finding', row.source_file)));
    reports.push(validate(reportRowSchema, buildReportRow(group), 'report', group.paths[0]!));
    warnings.push(...buildReportWarnings(group, ids));
  }

  for (const { input, result } of sorted) {
    const path = input.relativePath;
    if (!result.ok) {
      manifestInputs.push(failedEntry(path, input.sizeBytes, result));
      warnings.push({
        code: 'unreadable_file',
        severity: 'error',
        message: `${result.failure.code}: ${result.failure.message}`,
        report_id: null,
        finding_id: null,
        source_file: path,
        source_lines: null,
        source_page: null,
        source_locator: null,
      });
      continue;
    }
    const { report } = result;
    const group = groups.get(report.contentKey)!;
    const primary = group.paths[0]!;
    const isPrimary = primary === path;
    manifestInputs.push({
      path,
      status: isPrimary ? 'parsed' : 'duplicate',
      report_id: group.reportId,
      duplicate_of: isPrimary ? null : primary,
      reason: isPrimary ? null : `same report as ${primary}`,
      failure_code: null,
      bytes: input.sizeBytes,
      sha256: report.bytesSha256,
      format: report.format,
      encoding: report.encoding,
    });
    if (!isPrimary) {
      warnings.push({
        code: 'duplicate_input',
        severity: 'info',
        message: `same report as ${primary}`,
        report_id: group.reportId,
        finding_id: null,
        source_file: path,
        source_lines: null,
        source_page: null,
        source_locator: null,
      });
    }
  }

  const warningRows = warnings
    .map((w) => validate(warningRowSchema, w, 'warning', w.source_file))
    .sort(compareWarnings);
  const count = (status: ManifestInput['status']) => manifestInputs.filter((i) => i.status === status).length;
  const manifest = validate(
    manifestSchema,
    {
      dataset_version: DATASET_VERSION,
      program: { name: context.program.name, version: context.program.version },
      framework: { id: context.catalogue.id, version: context.catalogue.version },
      counts: {
        inputs: manifestInputs.length,
        parsed: count('parsed'),
        duplicate: count('duplicate'),
        failed: count('failed'),
        reports: reports.length,
        findings: findings.length,
        unmapped_findings: findings.filter((f) => f.indicator_id === null).length,
        warnings: warningRows.length,
      },
      inputs: manifestInputs,
    },
    'manifest',
    '(run)',
  );
  return { findings, reports, warnings: warningRows, manifest };
}

function groupFor(report: ExtractedReport, path: string): ReportGroup {
  return { report, reportId: reportIdFor(report.contentKey), paths: [path] };
}

function failedEntry(path: string, bytes: number, result: FailedResult): ManifestInput {
  return {
    path,
    status: 'failed',
    report_id: null,
    duplicate_of: null,
    reason: result.failure.message,
    failure_code: result.failure.code,
    bytes,
    sha256: result.bytesSha256,
    format: null,
    encoding: null,
  };
}

/** Path order; the rest only matters if two outcomes claim the same path, which must still sort the same way every run. */
function compareOutcomes(a: InputOutcome, b: InputOutcome): number {
  return (
    compareCodeUnits(a.input.relativePath, b.input.relativePath) ||
    compareCodeUnits(resultKey(a.result), resultKey(b.result))
  );
}

function resultKey(result: ExtractionResult): string {
  return result.ok
    ? `0|${result.report.contentKey}|${result.report.bytesSha256}`
    : `1|${result.failure.code}|${result.bytesSha256}|${result.failure.message}`;
}

/** 16 hex digits of a sha256 collide essentially never; if they do, two reports would merge silently. */
function checkReportIdsUnique(groups: ReportGroup[]): void {
  const seen = new Map<string, string>();
  for (const g of groups) {
    const other = seen.get(g.reportId);
    if (other !== undefined) {
      throw new Error(`report_id collision: ${g.paths[0]} and ${other} both map to ${g.reportId}`);
    }
    seen.set(g.reportId, g.paths[0]!);
  }
}

interface Parser<T> {
  safeParse(value: unknown): { success: true; data: T } | { success: false; error: { issues: { path: PropertyKey[]; message: string }[] } };
}

/** A row that breaks its schema is a bug in extraction or assembly, never something to write out. */
function validate<T>(schema: Parser<T>, value: unknown, kind: string, sourceFile: string): T {
  const parsed = schema.safeParse(value);
  if (parsed.success) return parsed.data;
  const issues = parsed.error.issues
    .map((i) => `${i.path.map(String).join('.') || '(root)'}: ${i.message}`)
    .join('; ');
  throw new Error(`dataset assembly bug: ${kind} row from ${sourceFile} breaks the dataset schema (${issues})`);
}
