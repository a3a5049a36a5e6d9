/**
 * Turns the outcomes of a run into the rows of the public dataset (../shared/dataset-contract.md).
 * Pure: no clock, no file system, no absolute paths, and every order is defined here rather than
 * inherited from the runner, which is what makes embedded and queued runs byte-identical.
 */
import type { ExtractedReport } from '../extractors/model.js';
import { compareCodeUnits } from './sort-order.js';
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
import { bundleFields } from './bundle-manifest.js';
import { memorySource, type FailedResult, type OutcomeHead } from './outcome-store.js';
import { defaultAssemblyContext, type AssemblyContext } from './program-info.js';
import type { InputOutcome } from './stages.js';

export interface AssembledDataset {
  findings: FindingRow[];
  reports: ReportRow[];
  warnings: WarningRow[];
  manifest: Manifest;
}

type OkHead = Extract<OutcomeHead, { ok: true }>;

/** One distinct report before its rows are built: the head of its primary input and every path that held it. */
export interface PlannedGroup {
  head: OkHead;
  reportId: string;
  paths: string[];
}

/** Everything about a run that needs all inputs at once; report bodies are not touched here. */
export interface DatasetPlan {
  /** In report order (primary path order). */
  groups: PlannedGroup[];
  manifestInputs: ManifestInput[];
  /** unreadable_file and duplicate_input rows, not yet validated or sorted. */
  inputWarnings: WarningRow[];
}

export interface GroupRows {
  findings: FindingRow[];
  report: ReportRow;
  warnings: WarningRow[];
}

/** The whole dataset in memory: tests, and small runs. writeDataset streams the same steps instead. */
export function assembleDataset(
  outcomes: InputOutcome[],
  context: AssemblyContext = defaultAssemblyContext(),
): AssembledDataset {
  const source = memorySource(outcomes);
  const plan = planDataset(source.heads);
  const findings: FindingRow[] = [];
  const reports: ReportRow[] = [];
  const warnings: WarningRow[] = [];
  for (const group of plan.groups) {
    const rows = groupRows(group, source.load(group.head), context);
    findings.push(...rows.findings);
    reports.push(rows.report);
    warnings.push(...rows.warnings);
  }
  const unmapped = findings.filter((f) => f.indicator_id === null).length;
  const finished = finishDataset(plan, warnings, { reports: reports.length, findings: findings.length, unmapped }, context);
  return { findings, reports, warnings: finished.warnings, manifest: finished.manifest };
}

export function planDataset(heads: readonly OutcomeHead[]): DatasetPlan {
  const sorted = [...heads].sort(compareHeads);

  // Same contentKey = same report, whatever the encoding, line ends or file name; the first path is primary.
  // Same skeleton with another contentKey = the same report with some text changed by a converter: it
  // joins the earlier group too, and says so. Groups are created in path order, so `ordered` is the report order.
  const groups = new Map<string, PlannedGroup>();
  const bySkeleton = new Map<string, PlannedGroup>();
  const nearKeys = new Set<string>();
  const ordered: PlannedGroup[] = [];
  for (const head of sorted) {
    if (!head.ok) continue;
    const { contentKey, skeletonKey } = head.report;
    const path = head.input.relativePath;
    const same = groups.get(contentKey);
    const near = same ? undefined : skeletonKey ? bySkeleton.get(skeletonKey) : undefined;
    if (same ?? near) {
      // A file holding two reports that merge (a bundle with a near-duplicate) is listed once.
      if (!(same ?? near)!.paths.includes(path)) (same ?? near)!.paths.push(path);
      if (near) {
        groups.set(contentKey, near);
        nearKeys.add(contentKey);
      }
      continue;
    }
    const group = { head, reportId: reportIdFor(contentKey), paths: [path] };
    groups.set(contentKey, group);
    if (skeletonKey) bySkeleton.set(skeletonKey, group);
    ordered.push(group);
  }
  checkReportIdsUnique(ordered);

  const manifestInputs: ManifestInput[] = [];
  const inputWarnings: WarningRow[] = [];
  // Heads are sorted by path, and one input's reports (a bundle) in file order: one manifest entry per input.
  for (let i = 0; i < sorted.length; ) {
    const head = sorted[i]!;
    const { input } = head;
    const path = input.relativePath;
    if (!head.ok) {
      manifestInputs.push(failedEntry(path, input.sizeBytes, head.failure));
      inputWarnings.push(fileWarning('unreadable_file', 'error', `${head.failure.failure.code}: ${head.failure.failure.message}`, null, path));
      i++;
      continue;
    }
    const heads: OkHead[] = [];
    while (i < sorted.length && sorted[i]!.ok && sorted[i]!.input === input) heads.push(sorted[i++] as OkHead);
    const entries = heads.map(({ report }) => {
      const group = groups.get(report.contentKey)!;
      const primary = group.paths[0]!;
      const reason = nearKeys.has(report.contentKey)
        ? `same report as ${primary} (same municipality, aanpak, level and verdict on every indicator) but with other text; counted once, as ${primary}: check it is not a different report`
        : `same report as ${primary}`;
      return { report, group, primary, isPrimary: primary === path, reason };
    });
    const first = entries[0]!;
    const parsed = entries.some((e) => e.isPrimary);
    const duplicateOf = parsed ? null : first.primary;
    manifestInputs.push({
      path,
      status: parsed ? 'parsed' : 'duplicate',
      report_id: first.group.reportId,
      duplicate_of: duplicateOf,
      reason: entries.length > 1 && !parsed ? `all ${entries.length} reports of this file are also in other files: ${[...new Set(entries.map((e) => e.primary))].join(', ')}` : parsed ? null : first.reason,
      failure_code: null,
      bytes: input.sizeBytes,
      sha256: first.report.bytesSha256,
      format: first.report.format,
      encoding: first.report.encoding,
      ...(entries.length > 1 ? bundleFields(entries.map((e) => ({ reportId: e.group.reportId, segment: e.report.segment }))) : {}),
    });
    for (const e of entries) {
      if (e.isPrimary) continue;
      const near = nearKeys.has(e.report.contentKey);
      inputWarnings.push(fileWarning(near ? 'near_duplicate_input' : 'duplicate_input', near ? 'warning' : 'info', e.reason, e.group.reportId, path));
    }
  }
  return { groups: ordered, manifestInputs, inputWarnings };
}

/** The rows of one distinct report, each checked against the dataset schema. */
export function groupRows(planned: PlannedGroup, report: ExtractedReport, context: AssemblyContext): GroupRows {
  const group: ReportGroup = { report, reportId: planned.reportId, paths: planned.paths };
  const ids = findingIds(group.reportId, report.findings);
  return {
    findings: buildFindingRows(group, ids, context).map((row) => validate(findingRowSchema, row, 'finding', row.source_file)),
    report: validate(reportRowSchema, buildReportRow(group), 'report', group.paths[0]!),
    warnings: buildReportWarnings(group, ids),
  };
}

/** Sorted, validated warnings (report warnings plus the plan's input warnings) and the manifest. */
export function finishDataset(
  plan: DatasetPlan,
  reportWarnings: WarningRow[],
  counts: { reports: number; findings: number; unmapped: number },
  context: AssemblyContext,
): { warnings: WarningRow[]; manifest: Manifest } {
  const warnings = [...reportWarnings, ...plan.inputWarnings]
    .map((w) => validate(warningRowSchema, w, 'warning', w.source_file))
    .sort(compareWarnings);
  const { manifestInputs } = plan;
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
        reports: counts.reports,
        findings: counts.findings,
        unmapped_findings: counts.unmapped,
        warnings: warnings.length,
      },
      inputs: manifestInputs,
    },
    'manifest',
    '(run)',
  );
  return { warnings, manifest };
}

function fileWarning(code: string, severity: WarningRow['severity'], message: string, reportId: string | null, path: string): WarningRow {
  return {
    code,
    severity,
    message,
    report_id: reportId,
    finding_id: null,
    source_file: path,
    source_lines: null,
    source_page: null,
    source_locator: null,
  } as WarningRow;
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
function compareHeads(a: OutcomeHead, b: OutcomeHead): number {
  return compareCodeUnits(a.input.relativePath, b.input.relativePath) || compareCodeUnits(headKey(a), headKey(b));
}

function headKey(head: OutcomeHead): string {
  return head.ok
    ? `0|${String(head.report.segment?.index ?? 0).padStart(6, '0')}|${head.report.contentKey}|${head.report.bytesSha256}`
    : `1|${head.failure.failure.code}|${head.failure.bytesSha256}|${head.failure.failure.message}`;
}

/** 16 hex digits of a sha256 collide essentially never; if they do, two reports would merge silently. */
function checkReportIdsUnique(groups: PlannedGroup[]): void {
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
