/**
 * The importer's loop in queue mode: keep at most a window of documents in Redis, drain results as
 * they arrive, and notice what would otherwise leave it waiting for ever.
 *
 *   fill    documents → parse jobs (batches), while the window has room; each job id is <run>-<n>
 *   drain   the run's result list → ImportResults (spill file); the job is done, its room freed
 *   check   every CHECK_EVERY_MS, the unfinished jobs: failed for good → their documents fail with
 *           the reason (and the job is removed); gone with no result (Redis restarted empty) →
 *           sent again, at most LOST_LIMIT times; held by a worker → the import is making progress
 *
 * A document is in Redis either inside its job or as a result on the list (the worker empties the
 * job in the same step as it pushes the result), and the importer counts it in flight from the
 * moment it enqueues it until it has drained its result: Redis never holds more than the window.
 * When no worker makes progress, or Redis does not answer, for idleTimeoutMs, run() throws an
 * IncompleteImport that says what is wrong and how to resume.
 */
import type { Queue } from 'bullmq';
import type { Redis } from 'ioredis';
import { messageOf } from './redis-url.js';
import type { ImportResults } from './import-results.js';
import { parseJobName, readBatchResult, type ParseDocument } from './job-data.js';
import { jobFailedResult, failedResult } from './outcomes.js';
import { loadDocument, type DistinctDocument } from './plan.js';
import type { Heartbeat } from './runs.js';
import { batchDocuments, CHECK_EVERY_MS, EXIT_INCOMPLETE, MAX_BATCH_BYTES, parseJobOptions } from './settings.js';

/** A document lost this often by Redis (restarts without persistence) fails instead of being sent again. */
const LOST_LIMIT = 3;
/** Results taken from the list per round trip. */
const DRAIN_AT_ONCE = 64;
/** Longest a blocking pop waits for a result before the loop looks around (checks, deadlines). */
const DRAIN_BLOCK_S = 0.25;
/** One Redis command that takes longer than this counts as Redis not answering. */
const COMMAND_TIMEOUT_MS = 10_000;

/** The import cannot finish: nothing was written. exitCode tells the CLI what to exit with. */
export class IncompleteImport extends Error {
  readonly exitCode = EXIT_INCOMPLETE;
}

class RedisUnavailable extends Error {}

export interface DispatchContext {
  client: Redis;
  /** A connection of its own for the blocking pop of results. */
  blocking: Redis;
  queue: Queue;
  runId: string;
  resultsKey: string;
  heartbeat: Heartbeat;
  documents: DistinctDocument[];
  results: ImportResults;
  window: number;
  windowBytes: number;
  idleTimeoutMs: number;
  /** Inputs done so far (the results of their documents are in), out of all inputs. */
  onDone: (inputs: number) => void;
  /** Why the import gives up, in words, given how long it waited: a worker to start, or Redis to answer. */
  describeIdle: (seconds: number) => Promise<string>;
  describeRedisDown: (seconds: number) => string;
  /** Sampling hook for tests: documents the importer counts in flight after every change. */
  onInFlight?: (documents: number) => void;
}

interface Outstanding {
  id: string;
  docs: DistinctDocument[];
  bytes: number;
  /** Job data not yet accepted by Redis (kept to send again after a Redis error). */
  unsent: ParseDocument[] | null;
}

/** A parse job as queue.addBulk takes it. */
type NewJob = { name: string; data: { runId: string; docs: ParseDocument[] }; opts: ReturnType<typeof parseJobOptions> };

/** base64 size of a file: what the window counts in bytes before the file is read. */
const base64Size = (doc: DistinctDocument) => Math.ceil(doc.input.sizeBytes / 3) * 4;

export class Dispatcher {
  private readonly outstanding = new Map<string, Outstanding>();
  private readonly retry: DistinctDocument[] = [];
  private readonly lost = new Map<string, number>();
  private next = 0;
  private seq = 0;
  private inFlightDocs = 0;
  private inFlightBytes = 0;
  private unresolved: number;
  private lastActivity = Date.now();
  private lastCheck = 0;
  private redisDownSince: number | null = null;
  private readonly batch: number;

  constructor(private readonly ctx: DispatchContext) {
    this.unresolved = ctx.documents.length;
    this.batch = batchDocuments(ctx.window, ctx.documents.length);
  }

  async run(): Promise<void> {
    while (this.unresolved > 0) {
      try {
        await this.fill();
        await this.drain(true);
        if (Date.now() - this.lastCheck >= CHECK_EVERY_MS) await this.check();
        this.redisDownSince = null;
      } catch (error) {
        if (!(error instanceof RedisUnavailable)) throw error;
        this.redisDownSince ??= Date.now();
        const down = Date.now() - this.redisDownSince;
        if (down >= this.ctx.idleTimeoutMs) throw new IncompleteImport(this.ctx.describeRedisDown(Math.round(down / 1000)));
        await sleep(Math.min(250, this.ctx.idleTimeoutMs - down));
        continue;
      }
      const idle = Date.now() - this.lastActivity;
      if (idle >= this.ctx.idleTimeoutMs) throw new IncompleteImport(await this.ctx.describeIdle(Math.round(idle / 1000)));
    }
  }

  /** Job ids this import still waits for (for clean-up when it stops early). */
  pendingJobIds(): string[] {
    return [...this.outstanding.keys()];
  }

  private async fill(): Promise<void> {
    // Jobs Redis did not take (it went away mid-send) go first, under the same ids: adding an existing id is a no-op.
    const jobs: NewJob[] = [];
    const name = parseJobName();
    for (const job of this.outstanding.values()) {
      if (job.unsent) jobs.push({ name, data: { runId: this.ctx.runId, docs: job.unsent }, opts: parseJobOptions(job.id) });
    }
    // Nothing in flight: the workers wait for work, so the first job goes out on its own rather than
    // after the whole window (up to 256 documents) has been read, hashed and encoded; one more round trip.
    let sendFirstAlone = this.inFlightDocs === 0;
    for (;;) {
      const docs = this.takeBatch();
      if (docs.length === 0) break;
      const job: Outstanding = { id: `${this.ctx.runId}-${this.seq++}`, docs, bytes: docs.reduce((n, d) => n + base64Size(d), 0), unsent: null };
      job.unsent = await Promise.all(docs.map((d) => loadDocument(d)));
      this.outstanding.set(job.id, job);
      this.inFlightDocs += docs.length;
      this.inFlightBytes += job.bytes;
      this.ctx.onInFlight?.(this.inFlightDocs);
      jobs.push({ name, data: { runId: this.ctx.runId, docs: job.unsent }, opts: parseJobOptions(job.id) });
      if (sendFirstAlone) {
        sendFirstAlone = false;
        await this.send(jobs.splice(0));
      }
    }
    await this.send(jobs);
  }

  /** Hands jobs to Redis in one round trip; a job Redis did not take keeps its data (unsent) for the next fill. */
  private async send(jobs: NewJob[]): Promise<void> {
    if (jobs.length === 0) return;
    // A Redis that restarted lost the heartbeat: workers would skip these jobs as an import that is gone.
    await this.redis(this.ctx.heartbeat.beat());
    await this.redis(this.ctx.queue.addBulk(jobs));
    for (const { opts } of jobs) {
      const job = this.outstanding.get(opts.jobId!);
      if (job) job.unsent = null;
    }
  }

  /** The next batch that fits the window, or none. A document larger than the whole window goes alone when nothing else is in flight. */
  private takeBatch(): DistinctDocument[] {
    const docs: DistinctDocument[] = [];
    let bytes = 0;
    while (docs.length < this.batch) {
      const doc = this.retry[0] ?? this.ctx.documents[this.next];
      if (!doc) break;
      const size = base64Size(doc);
      const alone = this.inFlightDocs === 0 && docs.length === 0;
      if (!alone) {
        if (this.inFlightDocs + docs.length + 1 > this.ctx.window) break;
        if (this.inFlightBytes + bytes + size > this.ctx.windowBytes) break;
        if (docs.length > 0 && bytes + size > MAX_BATCH_BYTES) break;
      }
      if (this.retry.length > 0) this.retry.shift();
      else this.next++;
      docs.push(doc);
      bytes += size;
    }
    return docs;
  }

  /** Takes results off the run's list (waiting briefly for the first when block) and records them. */
  private async drain(block: boolean): Promise<void> {
    if (this.outstanding.size === 0) return;
    let entries: string[] = [];
    if (block) {
      const first = await this.redis(this.ctx.blocking.blpop(this.ctx.resultsKey, DRAIN_BLOCK_S), COMMAND_TIMEOUT_MS + DRAIN_BLOCK_S * 1000);
      if (!first) return;
      entries.push(first[1]);
    }
    const more = await this.redis(this.ctx.client.lpop(this.ctx.resultsKey, DRAIN_AT_ONCE));
    if (more) entries = entries.concat(more);
    for (const entry of entries) this.record(entry);
  }

  private record(entry: string): void {
    const read = readBatchResult(entry);
    // An entry that is not ours to read cannot be attributed: its job's documents count as lost when check() finds the job gone.
    if (!read.ok) return;
    const job = this.outstanding.get(read.batch.job);
    if (!job) return; // a second delivery of a job already done (its worker died after delivering)
    const byKey = new Map(read.batch.docs.map((d) => [d.key, d]));
    for (const doc of job.docs) {
      const reply = byKey.get(doc.jobId);
      if (reply) this.resolve(doc, (results) => results.addReply(doc.jobId, reply));
      else this.resolve(doc, (results) => results.add(doc.jobId, failedResult(doc.input.relativePath, doc.sha256, 'internal_error', 'parse job returned no result for this document')));
    }
    this.finishJob(job);
    this.lastActivity = Date.now();
  }

  private resolve(doc: DistinctDocument, add: (results: ImportResults) => boolean): void {
    if (!add(this.ctx.results)) return;
    this.unresolved--;
    this.ctx.onDone(this.ctx.results.inputsOf(doc.jobId));
  }

  private finishJob(job: Outstanding): void {
    if (!this.outstanding.delete(job.id)) return;
    this.inFlightDocs -= job.docs.length;
    this.inFlightBytes -= job.bytes;
    this.ctx.onInFlight?.(this.inFlightDocs);
  }

  private async check(): Promise<void> {
    this.lastCheck = Date.now();
    const jobs = [...this.outstanding.values()].filter((j) => !j.unsent);
    if (jobs.length === 0) return;
    const { queue, client } = this.ctx;
    const pipeline = client.pipeline();
    for (const job of jobs) {
      pipeline.exists(queue.toKey(job.id));
      pipeline.zscore(queue.keys.failed!, job.id);
      pipeline.hget(queue.toKey(job.id), 'failedReason');
      pipeline.exists(`${queue.toKey(job.id)}:lock`);
    }
    const replies = await this.redis(pipeline.exec());
    const value = (i: number) => {
      const [error, result] = replies?.[i] ?? [new Error('no reply'), null];
      if (error) throw new RedisUnavailable(messageOf(error));
      return result;
    };
    const failed: { job: Outstanding; reason: string }[] = [];
    const missing: Outstanding[] = [];
    jobs.forEach((job, i) => {
      const exists = value(4 * i) === 1;
      if (value(4 * i + 1) !== null) failed.push({ job, reason: String(value(4 * i + 2) ?? 'unknown error') });
      else if (!exists) missing.push(job);
      if (value(4 * i + 3) === 1) this.lastActivity = Date.now(); // a worker holds it: progress
    });
    if (failed.length === 0 && missing.length === 0) return;
    // A job finishes by delivering its result first and disappearing after: whatever vanished before
    // this drain has its result on the list now, unless Redis lost it.
    await this.drain(false);
    for (const { job, reason } of failed) {
      if (!this.outstanding.has(job.id)) continue;
      for (const doc of job.docs) this.resolve(doc, (r) => r.add(doc.jobId, jobFailedResult(doc.input.relativePath, doc.sha256, reason)));
      this.finishJob(job);
      await this.redis(queue.remove(job.id).catch(() => 0));
      this.lastActivity = Date.now();
    }
    for (const job of missing) {
      if (!this.outstanding.has(job.id)) continue;
      this.finishJob(job);
      for (const doc of job.docs) {
        if (this.ctx.results.has(doc.jobId)) continue;
        const times = (this.lost.get(doc.jobId) ?? 0) + 1;
        this.lost.set(doc.jobId, times);
        if (times < LOST_LIMIT) this.retry.push(doc);
        else this.resolve(doc, (r) => r.add(doc.jobId, failedResult(doc.input.relativePath, doc.sha256, 'internal_error', `parse job lost by Redis ${times} times (restarted without persistence?)`)));
      }
    }
  }

  /** Any Redis error, or no answer within timeoutMs, is RedisUnavailable: run() waits for Redis until its deadline. */
  private async redis<T>(command: Promise<T>, timeoutMs = COMMAND_TIMEOUT_MS): Promise<T> {
    let timer: NodeJS.Timeout | undefined;
    try {
      return await Promise.race([
        command,
        new Promise<never>((_, reject) => {
          timer = setTimeout(() => reject(new RedisUnavailable(`no answer within ${timeoutMs / 1000} s`)), timeoutMs);
        }),
      ]);
    } catch (error) {
      if (error instanceof RedisUnavailable) throw error;
      throw new RedisUnavailable(messageOf(error));
    } finally {
      clearTimeout(timer);
      command.catch(() => {}); // a command that lost the race must not become an unhandled rejection
    }
  }
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, Math.max(0, ms)));
