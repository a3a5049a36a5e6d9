/**
 * Last stage: assemble the dataset and write its six files into outDir.
 * Every file is written under a temporary name first and only renamed once all six are complete,
 * so a crash or a full disk leaves the previous dataset (or nothing), never half of a new one.
 */
import { mkdir, rename, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { assembleDataset } from '../assemble-dataset.js';
import {
  FINDING_COLUMNS,
  REPORT_COLUMNS,
  warningRowSchema,
  type Manifest,
  type WarningRow,
} from '../dataset-schema.js';
import type { AssemblyContext } from '../program-info.js';
import type { InputOutcome } from '../stages.js';
import { writeCsv } from './write-csv.js';
import { writeJsonl } from './write-jsonl.js';

const WARNING_COLUMNS = Object.keys(warningRowSchema.shape) as (keyof WarningRow & string)[];

export type DatasetSummary = Manifest['counts'] & {
  /** Inputs that produced no report, in path order, with the reason a person can act on. */
  failedInputs: { path: string; reason: string; code: string }[];
};

export async function writeDataset(
  outcomes: InputOutcome[],
  outDir: string,
  context?: AssemblyContext,
): Promise<DatasetSummary> {
  const dataset = assembleDataset(outcomes, context);
  await mkdir(outDir, { recursive: true });

  const files: [name: string, write: (file: string) => Promise<void>][] = [
    ['findings.csv', (f) => writeCsv(f, FINDING_COLUMNS, dataset.findings)],
    ['findings.jsonl', (f) => writeJsonl(f, FINDING_COLUMNS, dataset.findings)],
    ['reports.csv', (f) => writeCsv(f, REPORT_COLUMNS, dataset.reports)],
    ['reports.jsonl', (f) => writeJsonl(f, REPORT_COLUMNS, dataset.reports)],
    ['warnings.jsonl', (f) => writeJsonl(f, WARNING_COLUMNS, dataset.warnings)],
    // Last, so a reader that sees the new manifest also sees the new data files.
    ['manifest.json', (f) => writeFile(f, JSON.stringify(dataset.manifest, null, 2) + '\n', 'utf8')],
  ];
  // Hidden and process-specific: never mistaken for dataset files, never clashing with a parallel run.
  const temp = (name: string) => path.join(outDir, `.${name}.${process.pid}.tmp`);

  try {
    for (const [name, write] of files) await write(temp(name));
    for (const [name] of files) await rename(temp(name), path.join(outDir, name));
  } catch (error) {
    await Promise.all(files.map(([name]) => rm(temp(name), { force: true })));
    throw error;
  }

  return {
    ...dataset.manifest.counts,
    failedInputs: dataset.manifest.inputs
      .filter((i) => i.status === 'failed')
      .map((i) => ({ path: i.path, reason: i.reason ?? i.failure_code ?? 'failed', code: i.failure_code ?? 'unknown' })),
  };
}
