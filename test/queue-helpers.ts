/**
 * Shared by the queue test files: run the compiled CLI (`npm test` builds dist/ first), keep
 * track of worker processes, build input folders, compare two dataset folders byte for byte.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import type { Redis } from 'ioredis';
import { pingRedis } from '../pipeline/queue/ping-redis.js';
import { existsSync } from 'node:fs';
import { copyFile, mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect } from 'vitest';
import { freePort } from '../pipeline/queue/free-port.js';

export const ROOT = fileURLToPath(new URL('..', import.meta.url));
export const CLI = path.join(ROOT, 'dist/pipeline/cli.js');
export const FIXTURES = path.join(ROOT, 'fixtures/reports');

function requireBuild(): void {
  if (!existsSync(CLI)) throw new Error(`${CLI} is missing: run \`npm run build\` (npm test does it for you)`);
}

export interface CliResult {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

const children = new Set<ChildProcess>();

export interface CliProcess {
  child: ChildProcess;
  done: Promise<CliResult>;
}

/** Starts `node dist/pipeline/cli.js <args>`. */
export function startCli(args: string[], env: NodeJS.ProcessEnv = {}): CliProcess {
  requireBuild();
  const child = spawn(process.execPath, [CLI, ...args], { env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  children.add(child);
  let stdout = '';
  let stderr = '';
  child.stdout!.on('data', (d: Buffer) => (stdout += d.toString()));
  child.stderr!.on('data', (d: Buffer) => (stderr += d.toString()));
  const done = new Promise<CliResult>((resolve, reject) => {
    child.on('error', reject);
    child.on('close', (code, signal) => {
      children.delete(child);
      resolve({ code, signal, stdout, stderr });
    });
  });
  return { child, done };
}

/** Runs `node dist/pipeline/cli.js <args>` to completion. */
export function runCli(args: string[], env: NodeJS.ProcessEnv = {}): Promise<CliResult> {
  return startCli(args, env).done;
}

export interface WorkerProcess {
  child: ChildProcess;
  pid: number;
  /** Everything the worker wrote to stderr so far. */
  log(): string;
  /** How many documents it finished (parsed or not readable), from its per-job log lines. */
  finished(): number;
  /** Resolves when the log matches; rejects after timeoutMs or if the process exits first. */
  waitFor(pattern: RegExp, timeoutMs?: number): Promise<void>;
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

/** Starts `stj worker` and waits until it takes jobs. */
export async function startWorker(redisUrl: string, prefix: string, concurrency: number, env: NodeJS.ProcessEnv = {}): Promise<WorkerProcess> {
  requireBuild();
  const child = spawn(process.execPath, [CLI, 'worker', '--redis', redisUrl, '--prefix', prefix, '--concurrency', String(concurrency)], {
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  children.add(child);
  let log = '';
  const listeners = new Set<() => void>();
  const onData = (d: Buffer) => {
    log += d.toString();
    for (const check of listeners) check();
  };
  child.stdout!.on('data', onData);
  child.stderr!.on('data', onData);
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.on('exit', (code, signal) => {
      children.delete(child);
      resolve({ code, signal });
      for (const check of listeners) check();
    }),
  );
  const worker: WorkerProcess = {
    child,
    pid: child.pid!,
    log: () => log,
    finished: () => documentsFinished(log),
    waitFor(pattern, timeoutMs = 20_000) {
      return new Promise((resolve, reject) => {
        const timer = setTimeout(() => {
          listeners.delete(check);
          reject(new Error(`worker ${child.pid} did not log ${pattern} within ${timeoutMs} ms; log:\n${log}`));
        }, timeoutMs);
        const check = () => {
          if (pattern.test(log)) {
            clearTimeout(timer);
            listeners.delete(check);
            resolve();
          } else if (child.exitCode !== null || child.signalCode !== null) {
            clearTimeout(timer);
            listeners.delete(check);
            reject(new Error(`worker ${child.pid} exited before logging ${pattern}; log:\n${log}`));
          }
        };
        listeners.add(check);
        check();
      });
    },
    exited,
  };
  await worker.waitFor(/taking parse jobs/, 60_000);
  return worker;
}

/** Sums "job <id>: N parsed[, not readable: a (code), b (code)] in T ms" over a worker log. */
export function documentsFinished(log: string): number {
  let total = 0;
  for (const m of log.matchAll(/: job \S+: (\d+) parsed(?:, not readable: (.*))? in \d+ ms/g)) {
    total += Number(m[1]) + (m[2] ? (m[2].match(/ \([a-z_]+\)/g) ?? []).length : 0);
  }
  return total;
}

/** A redis-server of a test's own (no persistence) on a free port, which the test may kill and restart. */
export interface PrivateRedis {
  url: string;
  port: number;
  kill(): Promise<void>;
  restart(): Promise<void>;
}

export async function startPrivateRedis(): Promise<PrivateRedis> {
  const port = await freePort();
  let server: ChildProcess | null = null;
  const start = async () => {
    const child = spawn('redis-server', ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'], { stdio: 'ignore' });
    children.add(child);
    child.on('exit', () => children.delete(child));
    server = child;
    await until(`redis-server on port ${port}`, async () => (await pingRedis('127.0.0.1', port)) === 'pong', 10_000);
  };
  const kill = async () => {
    const child = server;
    server = null;
    if (!child || child.exitCode !== null || child.signalCode !== null) return;
    await new Promise((resolve) => {
      child.once('exit', resolve);
      child.kill('SIGKILL');
    });
  };
  await start();
  return { url: `redis://127.0.0.1:${port}`, port, kill, restart: start };
}

/**
 * Documents of one import in Redis at this instant, counted atomically by a script: inside parse
 * jobs (any state but finished) and inside results not yet drained.
 */
const COUNT_DOCUMENTS = `
local n = 0
local function docs(raw)
  local ok, value = pcall(cjson.decode, raw)
  if ok and type(value) == 'table' and type(value.docs) == 'table' and (value.runId == nil or value.runId == ARGV[2]) then return #value.docs end
  return 0
end
local ids = {}
for _, id in ipairs(redis.call('LRANGE', ARGV[1] .. 'wait', 0, -1)) do ids[#ids + 1] = id end
for _, id in ipairs(redis.call('LRANGE', ARGV[1] .. 'active', 0, -1)) do ids[#ids + 1] = id end
for _, id in ipairs(redis.call('LRANGE', ARGV[1] .. 'paused', 0, -1)) do ids[#ids + 1] = id end
for _, id in ipairs(redis.call('ZRANGE', ARGV[1] .. 'delayed', 0, -1)) do ids[#ids + 1] = id end
for _, id in ipairs(redis.call('ZRANGE', ARGV[1] .. 'prioritized', 0, -1)) do ids[#ids + 1] = id end
for _, id in ipairs(ids) do
  local data = redis.call('HGET', ARGV[1] .. id, 'data')
  if data then n = n + docs(data) end
end
for _, entry in ipairs(redis.call('LRANGE', KEYS[1], 0, -1)) do n = n + docs(entry) end
return n`;

export async function documentsInRedis(client: Redis, prefix: string, runId: string): Promise<number> {
  return Number(await client.eval(COUNT_DOCUMENTS, 1, `${prefix}:stj:results:${runId}`, `${prefix}:parse:`, runId));
}

/** SIGKILLs whatever a test left running (a failed assertion must not leave workers behind). */
export async function killLeftovers(): Promise<void> {
  const waits = [...children].map((child) => new Promise((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) return resolve(null);
    child.once('exit', resolve);
    child.kill('SIGKILL');
  }));
  await Promise.all(waits);
}

export async function tempDir(label: string): Promise<string> {
  return mkdtemp(path.join(tmpdir(), `stj-${label}-`));
}

/** Copies the five fixture reports into dir (optionally under a sub folder). */
export async function copyFixtures(dir: string, sub = ''): Promise<string[]> {
  const target = path.join(dir, sub);
  await mkdir(target, { recursive: true });
  const names = (await readdir(FIXTURES)).filter((n) => n.endsWith('.txt')).sort();
  for (const name of names) await copyFile(path.join(FIXTURES, name), path.join(target, name));
  return names;
}

/**
 * n distinct reports: fixture copies whose first findings row gets " kopie <tag>" appended to its
 * evidence and whose verdicts are flipped on the rows picked by the bits of the copy's number, so
 * each copy is its own report (own findings, own report_id, own verdicts), not a duplicate or a
 * near duplicate (the same verdicts with other text) of another.
 */
export async function writeDistinctReports(dir: string, n: number, tag: string): Promise<void> {
  await mkdir(dir, { recursive: true });
  const names = (await readdir(FIXTURES)).filter((f) => f.endsWith('.txt')).sort();
  const sources = await Promise.all(names.map(async (name) => (await readFile(path.join(FIXTURES, name), 'utf8')).split('\n')));
  for (let i = 0; i < n; i++) {
    const lines = [...sources[i % sources.length]!];
    const rows = lines.flatMap((l, index) => (/(\t|\|).*(X|✓|✗)/.test(l) ? [index] : []));
    const row = rows[0]!;
    lines[row] = lines[row]!.replace(/\s*\|?\s*$/, (end) => ` kopie ${tag} ${i}${end}`);
    rows.forEach((index, bit) => {
      if (bit < 16 && (i >> bit) & 1) lines[index] = flipFirstMark(lines[index]!);
    });
    await writeFile(path.join(dir, `${tag}-${String(i).padStart(3, '0')}.txt`), lines.join('\n'));
  }
}

/** ✓ becomes ✗ and ✗ or a bare X becomes ✓, for the first mark of a row. */
function flipFirstMark(line: string): string {
  const mark = /✓|✗|(?<=[|\t]\s*(?:<[^>]+>)*)X(?=\s)/.exec(line);
  if (!mark) return line;
  return line.slice(0, mark.index) + (mark[0] === '✓' ? '✗' : '✓') + line.slice(mark.index + 1);
}

async function listFiles(dir: string, base = dir): Promise<string[]> {
  const out: string[] = [];
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) out.push(...(await listFiles(full, base)));
    else out.push(path.relative(base, full));
  }
  return out.sort();
}

/** Both folders hold the same file names with the same bytes. */
export async function expectSameDataset(a: string, b: string): Promise<void> {
  const filesA = await listFiles(a);
  expect(await listFiles(b)).toEqual(filesA);
  expect(filesA).toContain('manifest.json');
  for (const file of filesA) {
    const [bytesA, bytesB] = await Promise.all([readFile(path.join(a, file)), readFile(path.join(b, file))]);
    if (!bytesA.equals(bytesB)) expect.fail(`${file} differs between ${a} and ${b}`);
  }
}

export interface ManifestEntry {
  path: string;
  status: 'parsed' | 'duplicate' | 'failed' | 'skipped';
  reason: string | null;
  failure_code: string | null;
  duplicate_of: string | null;
}

export async function readManifest(dir: string): Promise<{ counts: Record<string, number>; inputs: ManifestEntry[] }> {
  return JSON.parse(await readFile(path.join(dir, 'manifest.json'), 'utf8'));
}

export async function removeDir(dir: string | undefined): Promise<void> {
  if (dir) await rm(dir, { recursive: true, force: true });
}

export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Polls probe until it returns something truthy (which it then returns), or fails after timeoutMs. */
export async function until<T>(what: string, probe: () => Promise<T | undefined | null | false>, timeoutMs = 20_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await sleep(25);
  }
}
