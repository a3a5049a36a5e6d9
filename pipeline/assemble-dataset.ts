/**
 * Turns the outcomes of a run into the rows of the public dataset (../shared/dataset-contract.md).
 * Pure: no clock, no file system, no absolute paths, and every order is defined here rather than
 * inherited from the runner, which is what makes embedded and queued runs byte-identical.
 */
import { SKIP_CODES, type ExtractedReport } from '../extractors/model.js';
import { compareCodeUnits } from './sort-order.js';
import {
  DATASET_VERSION,
  findingRowSchema,
  manifestSchema,
  reportRowSchema,
  warningRowSchema,
  type FindingRow,
  type Manifest,
  type MatrixRow,
  type PanelRow,
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
  type ReportGroup,
} from './dataset-rows.js';
import { memorySource, type FailedResult, type OutcomeHead, type OutcomeSource } from './outcome-store.js';
import { compareReports, type ComparedReport, type OkHead } from './compare/index.js';
import { baselineByIndicator, type BaselineFinding } from './compare/baseline.js';
import { planPanel, type PanelPlan } from './compare/panel-plan.js';
import { comparativeRows } from './compare/comparative-rows.js';
import { projectPanelReport, type PanelReport } from './compare/panel-report.js';
import { timed } from './compare/cost.js';
import { bundleFields } from './bundle-manifest.js';
import { defaultAssemblyContext, type AssemblyContext } from './program-info.js';
import type { InputOutcome } from './stages.js';

export interface AssembledDataset {
  findings: FindingRow[];
  reports: ReportRow[];
  panel: PanelRow[];
  matrix: MatrixRow[];
  warnings: WarningRow[];
  manifest: Manifest;
}

/** One distinct report before its rows are built: its copies, the primary's head, every path that held it, its links. */
export interface PlannedGroup extends ComparedReport {
  /** The primary copy (= primary). */
  head: OkHead;
}

/** Everything about a run that needs all inputs at once; report bodies are not touched here. */
export interface DatasetPlan {
  /** In report order (primary path order). */
  groups: PlannedGroup[];
  byReportId: Map<string, PlannedGroup>;
  /** The panel's cells, planned from the report summaries. */
  panel: PanelPlan;
  manifestInputs: ManifestInput[];
  /** unreadable_file and duplicate_input rows, not yet validated or sorted. */
  inputWarnings: WarningRow[];
}

export interface GroupRows {
  findings: FindingRow[];
  /** finding_id by index into the report's findings (the rows are in framework order instead). */
  findingIds: string[];
  report: ReportRow;
  warnings: WarningRow[];
}

/** The whole dataset in memory: tests, and small runs. writeDataset streams the same steps instead. */
export function assembleDataset(
  outcomes: InputOutcome[],
  context: AssemblyContext = defaultAssemblyContext(),
): AssembledDataset {
  const source = memorySource(outcomes);
  const plan = planDataset(source.heads, (head) => source.load(head));
  const findings: FindingRow[] = [];
  const reports: ReportRow[] = [];
  const warnings: WarningRow[] = [];
  for (const group of plan.groups) {
    const rows = loadGroupRows(plan, group, source, context);
    findings.push(...rows.findings);
    reports.push(rows.report);
    warnings.push(...rows.warnings);
  }
  const panel: PanelRow[] = [];
  const matrix: MatrixRow[] = [];
  const load = (index: number) => {
    const group = plan.groups[index]!;
    const body = source.load(group.head);
    return panelProjection(group, body, findingIds(group.reportId, body.findings));
  };
  for (const cell of comparativeRows(plan.panel, load, context)) {
    panel.push(...cell.panel);
    matrix.push(cell.matrix);
  }
  const unmapped = findings.filter((f) => f.indicator_id === null).length;
  const finished = finishDataset(
    plan,
    warnings,
    { reports: reports.length, findings: findings.length, unmapped, panelRows: panel.length, matrixRows: matrix.length },
    context,
  );
  return { findings, reports, panel, matrix, warnings: finished.warnings, manifest: finished.manifest };
}

/** `load` gives the report bodies, for telling lossy copies of a report (pipeline/compare/lossy-copies.ts). */
export function planDataset(heads: readonly OutcomeHead[], load?: (head: OkHead) => ExtractedReport): DatasetPlan {
  // Which inputs hold one report, which copy speaks for it, and the links across waves: pipeline/compare/.
  const compared = timed(() => compareReports(heads, load));
  const groups: PlannedGroup[] = compared.map((c) => ({ ...c, head: c.primary }));
  checkReportIdsUnique(groups);
  const byReportId = new Map(groups.map((g) => [g.reportId, g]));
  const groupOfHead = new Map<OkHead, PlannedGroup>();
  for (const g of groups) for (const copy of g.copies) groupOfHead.set(copy, g);

  const manifestInputs: ManifestInput[] = [];
  const inputWarnings: WarningRow[] = [];
  // Heads are sorted by path, and one input's reports (a bundle) in file order: one manifest entry per input.
  const sorted = [...heads].sort(compareHeads);
  for (let i = 0; i < sorted.length; ) {
    const head = sorted[i]!;
    const { input } = head;
    const path = input.relativePath;
    if (!head.ok) {
      manifestInputs.push(failedEntry(path, input.sizeBytes, head.failure));
      // Not a document at all (FIFO, socket, device, broken link): listed as skipped, not failed.
      inputWarnings.push(SKIP_CODES.includes(head.failure.failure.code)
        ? fileWarning('skipped_input', 'warning', `not read: ${head.failure.failure.message}`, null, path)
        : fileWarning('unreadable_file', 'error', `${head.failure.failure.code}: ${head.failure.failure.message}`, null, path));
      i++;
      continue;
    }
    const okHeads: OkHead[] = [];
    while (i < sorted.length && sorted[i]!.ok && sorted[i]!.input === input) okHeads.push(sorted[i++] as OkHead);
    const entries = okHeads.map((copy) => {
      const group = groupOfHead.get(copy)!;
      const primary = group.primary.input.relativePath;
      const lossy = group.lossyReasons?.get(copy);
      const near = copy.report.contentKey !== group.primary.report.contentKey;
      const reason = lossy
        ?? (near
          ? `same report as ${primary} (same municipality, aanpak, level and verdict on every indicator) but with other text; counted once, as ${primary}: check it is not a different report`
          : `same report as ${primary}`);
      return { copy, report: copy.report, group, primary, isPrimary: group.primary === copy, lossy: lossy !== undefined, near, reason };
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
      inputWarnings.push(
        e.lossy
          ? fileWarning('lossy_copy_input', 'warning', e.reason, e.group.reportId, path)
          : fileWarning(e.near ? 'near_duplicate_input' : 'duplicate_input', e.near ? 'warning' : 'info', e.reason, e.group.reportId, path),
      );
      const differs = attributionDifference(e.copy, e.group.primary);
      if (differs) inputWarnings.push(fileWarning('copy_attribution_differs', 'warning', `${differs}; exported as ${e.primary}, the copy best supported by its own text`, e.group.reportId, path));
    }
  }
  for (const g of groups) {
    if (g.disagreesWith) inputWarnings.push(fileWarning('copy_not_merged', 'warning', g.disagreesWith, g.reportId, g.primary.input.relativePath));
    if (g.ambiguousWith.length === 0) continue;
    inputWarnings.push(
      fileWarning(
        'ambiguous_wave',
        'warning',
        `same municipality, aanpak, level and verdict on every indicator as the reports of ${g.ambiguousWith.length} waves (${g.ambiguousWith.join(', ')}) but it states no year that tells which: kept as a report of its own, not merged; check which wave it belongs to`,
        g.reportId,
        g.primary.input.relativePath,
      ),
    );
  }
  return { groups, byReportId, panel: timed(() => planPanel(groups.map((g) => g.summary))), manifestInputs, inputWarnings };
}

/**
 * The rows of one distinct report, its body loaded from the source; a follow-up's baseline report is
 * loaded too (its findings give baseline_finding_id and baseline_verdict), then dropped.
 */
export function loadGroupRows(
  plan: Pick<DatasetPlan, 'byReportId'>,
  group: PlannedGroup,
  source: Pick<OutcomeSource, 'load'>,
  context: AssemblyContext,
  body: ExtractedReport = source.load(group.head),
): GroupRows {
  const baselineGroup = group.links.baselineReportId ? plan.byReportId.get(group.links.baselineReportId) : undefined;
  let baseline: Map<string, BaselineFinding> | null = null;
  if (baselineGroup) {
    baseline = timed(() => {
      const body = source.load(baselineGroup.head);
      return baselineByIndicator(body, findingIds(baselineGroup.reportId, body.findings));
    });
  }
  return groupRows(group, body, context, baseline);
}

/** The rows of one distinct report, each checked against the dataset schema. */
export function groupRows(
  planned: PlannedGroup,
  report: ExtractedReport,
  context: AssemblyContext,
  baseline: Map<string, BaselineFinding> | null = null,
): GroupRows {
  const group: ReportGroup = { report, reportId: planned.reportId, paths: planned.paths, primaryPath: planned.head.input.relativePath, links: planned.links };
  const ids = findingIds(group.reportId, report.findings);
  return {
    findings: buildFindingRows(group, ids, context, baseline).map((row) => validate(findingRowSchema, row, 'finding', row.source_file)),
    findingIds: ids,
    report: validate(reportRowSchema, buildReportRow(group), 'report', group.primaryPath),
    warnings: buildReportWarnings(group, ids),
  };
}

/** What the panel needs of a report (compare/panel-report.ts), from its body and its finding ids. */
export function panelProjection(group: PlannedGroup, body: ExtractedReport, ids: readonly string[]): PanelReport {
  return projectPanelReport(group.reportId, group.summary.scope ?? 'gemeente', body, ids);
}

/** Sorted, validated warnings (report warnings plus the plan's input warnings) and the manifest. */
export function finishDataset(
  plan: DatasetPlan,
  reportWarnings: WarningRow[],
  counts: { reports: number; findings: number; unmapped: number; panelRows: number; matrixRows: number },
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
        skipped: count('skipped'),
        reports: counts.reports,
        findings: counts.findings,
        unmapped_findings: counts.unmapped,
        warnings: warnings.length,
        panel_rows: counts.panelRows,
        matrix_rows: counts.matrixRows,
        panel_findings_without_municipality: plan.panel.findingsWithoutMunicipality,
        panel_findings_without_indicator: plan.panel.findingsWithoutIndicator,
        unaccounted_verdicts: warnings.filter((w) => w.code === 'verdict_unaccounted').length,
        unread_columns: warnings.filter((w) => w.code === 'column_unread').length,
      },
      inputs: manifestInputs,
    },
    'manifest',
    '(run)',
  );
  return { warnings, manifest };
}

/** What a duplicate copy says about whom and what it assesses that the exported copy does not; null when they agree. */
function attributionDifference(copy: OkHead, primary: OkHead): string | null {
  const describe = (head: OkHead) => {
    const s = head.report.compare;
    return {
      municipalities: s.municipalities.map((m) => m.name).join(', ') || '(none)',
      aanpak: s.aanpak ?? '(none)',
      level: s.level ?? '(none)',
    };
  };
  const a = describe(copy);
  const b = describe(primary);
  const parts = (['municipalities', 'aanpak', 'level'] as const)
    .filter((k) => a[k] !== b[k])
    .map((k) => `${k === 'municipalities' ? 'municipality' : k} ${a[k]} here, ${b[k]} in the exported copy`);
  return parts.length > 0 ? `this copy of the report differs in its attribution: ${parts.join('; ')}` : null;
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
    status: SKIP_CODES.includes(result.failure.code) ? 'skipped' : 'failed',
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
