/**
 * The importer reads every input once to name its document (content hash + format). Inputs with
 * the same document key are parsed once; the bytes are read again, a window at a time, when jobs are
 * enqueued, so a large import never holds every document in memory (or in Redis) at once.
 */
import { readFile, stat } from 'node:fs/promises';
import { inputLimits, megabytes } from '../../extractors/input/limits.js';
import type { CollectedInput } from '../stages.js';
import { documentKey, encodeDocument, type ParseDocument } from './job-data.js';
import { describeFsError } from '../fs-errors.js';
import type { PlannedInput } from './outcomes.js';

export interface DistinctDocument {
  /** The document key (content hash + format; job-data.ts documentKey). */
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
      // A file over the size limit is never read (it may be gigabytes), let alone sent to Redis; it
      // fails here with the embedded mode's code and message (extraction-worker.ts).
      const { size } = await stat(input.absolutePath);
      const limit = inputLimits().maxFileBytes;
      if (size > limit) {
        planned.push({ input, refused: { code: 'too_large', message: `file too large: ${megabytes(size)} is over the limit of ${megabytes(limit)} (--max-file-mb)` } });
        continue;
      }
      bytes = await readFile(input.absolutePath);
    } catch (error) {
      planned.push({ input, refused: { code: 'unreadable', message: `cannot read file: ${describeFsError(error)}` } });
      continue;
    }
    const { key: jobId, sha256 } = documentKey(bytes, input.relativePath);
    planned.push({ input, jobId, sha256 });
    const known = documents.get(jobId);
    if (known) known.inputs++;
    else documents.set(jobId, { jobId, sha256, input, inputs: 1 });
  }
  return { planned, documents };
}

/** One document as a job carries it, read again from disk; refuses a file that changed since planning. */
export async function loadDocument(doc: DistinctDocument): Promise<ParseDocument> {
  const bytes = await readFile(doc.input.absolutePath);
  const again = documentKey(bytes, doc.input.relativePath);
  if (again.key !== doc.jobId) throw new Error(`${doc.input.relativePath} changed while it was being imported; run the import again`);
  return encodeDocument(doc.jobId, bytes, doc.input.relativePath, doc.sha256);
}

/**
 * The order the documents are sent in: largest first. An import ends when its last worker finishes,
 * and on a few dozen PDFs one large file taken last can leave a worker parsing alone for most of a
 * second while the others idle; sent first, the large files are spread over the workers and the tail
 * is made of small ones. Size in bytes stands in for parse time. Ties keep the input order (the sort
 * is stable), so the order is deterministic; the dataset never depends on it (assembly sorts by path).
 */
export function sendingOrder(documents: Iterable<DistinctDocument>): DistinctDocument[] {
  return [...documents].sort((a, b) => b.input.sizeBytes - a.input.sizeBytes);
}
