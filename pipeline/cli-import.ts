/**
 * The import command once its command line is checked (cli.ts): collect the inputs, extract them
 * (embedded pool, or queue workers with --redis), write the dataset, print the summary.
 * Loaded only when an import runs; the queue mode's modules (BullMQ, ioredis) only with --redis.
 */
import { rm } from 'node:fs/promises';
import { collectInputs, problemOutcomes } from './collect-inputs.js';
import { lockOutDir } from './export/out-lock.js';
import { makeScratchDir } from './export/staging.js';
import { createProgress } from './progress.js';
import type { DatasetSummary } from './export/write-dataset.js';
import type { ExportOptions } from './export/write-exports.js';
import { printSummary, summarise } from './cli-summary.js';
import type { EarlyThread } from './extraction-thread.js';

export interface ImportRequest {
  /** Absolute paths, checked to exist. */
  inputs: string[];
  outDir: string;
  /** --out as the user wrote it, for messages. */
  outLabel: string;
  threads?: number;
  fileTimeoutMs?: number;
  threadMemoryMb?: number;
  redisUrl?: string;
  prefix: string;
  /** Queue mode: documents in Redis at once, and seconds without progress before giving up (exit 3). */
  window?: number;
  idleTimeoutS?: number;
  quiet: boolean;
  json: boolean;
  /** Which CSV dialect, for the exporters (pipeline/export/csv-dialect.ts). */
  exportOptions: ExportOptions;
  /** The embedded pool's first thread, started by the command line before this module loaded. */
  earlyThread?: EarlyThread;
}

export async function runImport(request: ImportRequest): Promise<number> {
  try {
    return await importInputs(request);
  } finally {
    // Adopted by the pool, or of no use any more (nothing to read, queue mode, an error).
    request.earlyThread?.dispose();
  }
}

async function importInputs(request: ImportRequest): Promise<number> {
  const { outDir } = request;
  // Test-only: an error nothing expects (test/cli.test.ts checks how one is reported). Without the
  // variable this does nothing.
  if (process.env.STJ_TEST_INTERNAL_ERROR === '1') throw Object.assign(new Error('EIO: i/o error, simulated for the tests'), { code: 'EIO' });
  // One import at a time per output folder (the CLI made sure it exists).
  const release = await lockOutDir(outDir, request.outLabel);
  let summary: DatasetSummary;
  let full: Awaited<ReturnType<typeof summarise>>;
  try {
    // The output folder may sit inside an input folder: never read a dataset (or its temp files) as input.
    const { inputs, problems } = await collectInputs(request.inputs, { exclude: [outDir] });
    if (inputs.length === 0 && problems.length === 0) {
      process.stderr.write(`stj-findings: no input files found in ${request.inputs.length === 1 ? 'that folder' : 'those folders'}\n`);
      return 1;
    }

    const progress = request.quiet ? { update() {}, stop() {} } : createProgress();
    if (request.redisUrl) {
      // Loaded only in queue mode: BullMQ and ioredis cost every embedded run half a second of start-up.
      const { runQueuedImport } = await import('./queue/index.js');
      try {
        summary = await runQueuedImport(inputs, {
          outDir,
          redisUrl: request.redisUrl,
          prefix: request.prefix,
          window: request.window,
          idleTimeoutS: request.idleTimeoutS,
          onProgress: (done: number, total: number) => progress.update(done, total),
          // Unusable paths go into the same manifest as in embedded mode, so both modes write the same bytes.
          problemOutcomes: problemOutcomes(problems),
          exportOptions: request.exportOptions,
        });
      } finally {
        progress.stop();
      }
    } else {
      summary = await embedded(request, inputs, problems, progress);
    }
    // Read back before the lock goes: the next import may replace these files.
    full = await summarise(summary, outDir);
  } finally {
    await release();
  }

  printSummary(full, request);
  return summary.failed > 0 ? 1 : 0;
}

async function embedded(
  request: ImportRequest,
  inputs: Awaited<ReturnType<typeof collectInputs>>['inputs'],
  problems: Awaited<ReturnType<typeof collectInputs>>['problems'],
  progress: ReturnType<typeof createProgress>,
): Promise<DatasetSummary> {
  const { runEmbeddedToStore } = await import('./run-embedded.js');
  // Report bodies wait on disk rather than in memory (tens of KB per report is gigabytes at 100k
  // files), in a private scratch folder inside --out that the next run removes if this one is killed.
  const scratch = await makeScratchDir(request.outDir);
  let store: Awaited<ReturnType<typeof runEmbeddedToStore>> | null = null;
  try {
    // The first thread has its jobs once this call returns (run-embedded.ts hands them out at once).
    const extraction = runEmbeddedToStore(inputs, scratch, {
      threads: request.threads,
      fileTimeoutMs: request.fileTimeoutMs,
      threadMemoryMb: request.threadMemoryMb,
      onProgress: (done, total) => progress.update(done, total),
      earlyThread: request.earlyThread,
    });
    // The export's modules load on this thread while the threads extract, rather than after the last
    // report: the dataset writer, and the workbook writer that the export loads on demand (with exceljs,
    // synchronous CommonJS that keeps this thread busy for a while: the first thread has its first two
    // jobs by now, the longest of a small batch as they come first from a cold start).
    const writer = import('./export/write-dataset.js');
    writer.catch(() => undefined);
    import('./export/write-xlsx.js').catch(() => undefined);
    store = await extraction;
    progress.stop();
    for (const problem of problemOutcomes(problems)) store.add(problem);
    const { writeDataset } = await writer;
    return await writeDataset(store, request.outDir, undefined, request.exportOptions);
  } finally {
    progress.stop();
    store?.close();
    await rm(scratch, { recursive: true, force: true });
  }
}
