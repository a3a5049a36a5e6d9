/**
 * The importer reads every input once to name its parse job (content hash + format). Inputs with
 * the same job id share one job; the bytes are read again, chunk by chunk, when jobs are enqueued,
 * so a large import never holds every document in memory at once.
 */
import { readFile } from 'node:fs/promises';
import type { CollectedInput } from '../stages.js';
import { encodeParseJob, parseJobId, type ParseJobData } from './job-data.js';
import { describeFsError } from '../fs-errors.js';
import type { PlannedInput } from './outcomes.js';

export interface DistinctDocument {
  jobId: string;
  sha256: string;
  /** The first input with these bytes: whose name and path the job is built from. */
  input: CollectedInput;
  /** How many inputs share it (for progress). */
  inputs: number;
}

export interface ImportPlan {
  planned: PlannedInput[];
  documents: Map<string, DistinctDocument>;
}

export async function planImport(inputs: CollectedInput[]): Promise<ImportPlan> {
  const planned: PlannedInput[] = [];
  const documents = new Map<string, DistinctDocument>();
  for (const input of inputs) {
    let bytes: Uint8Array;
    try {
      bytes = await readFile(input.absolutePath);
    } catch (error) {
      planned.push({ input, unreadable: describeFsError(error) });
      continue;
    }
    const { jobId, sha256 } = parseJobId(bytes, input.relativePath);
    planned.push({ input, jobId, sha256 });
    const known = documents.get(jobId);
    if (known) known.inputs++;
    else documents.set(jobId, { jobId, sha256, input, inputs: 1 });
  }
  return { planned, documents };
}

/** The job data for one document, read again from disk; refuses a file that changed since planning. */
export async function loadJobData(doc: DistinctDocument): Promise<ParseJobData> {
  const bytes = await readFile(doc.input.absolutePath);
  const again = parseJobId(bytes, doc.input.relativePath);
  if (again.jobId !== doc.jobId) throw new Error(`${doc.input.relativePath} changed while it was being imported; run the import again`);
  return encodeParseJob(bytes, doc.input.relativePath, doc.sha256);
}
