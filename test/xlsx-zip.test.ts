/**
 * The ZIP writer under dataset.xlsx (pipeline/export/xlsx/zip-writer.ts): entries written whole and
 * streamed come back byte for byte through a reader written from the format (test/helpers/zip-read.ts),
 * with the right CRCs and sizes in both the local and the central headers, a fixed date, and the same
 * bytes every time; `unzip -t` agrees where unzip is installed.
 */
import { spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtemp, readFile, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import zlib from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { crc32, tableCrc32, ZipWriter } from '../pipeline/export/xlsx/zip-writer.js';
import { readZip } from './helpers/zip-read.js';

let tmp: string;
beforeAll(async () => {
  tmp = await mkdtemp(path.join(tmpdir(), 'stj-zip-'));
});
afterAll(async () => {
  await rm(tmp, { recursive: true, force: true });
});

/** Bytes that do not compress (a fixed seed, so the archive is the same every run). */
const noise = (n: number) => {
  const out = Buffer.alloc(n);
  let x = 2013;
  for (let i = 0; i < n; i++) {
    x = (x * 1103515245 + 12345) >>> 0;
    out[i] = x >>> 24;
  }
  return out;
};
const NOISE = noise(300_000);
const TEXT = 'Alle netwerkpartners hanteren dezelfde omschrijving van GGSR. '.repeat(20_000);

async function* streamed(): AsyncGenerator<string | Buffer> {
  yield '<?xml version="1.0"?>';
  yield '';
  yield Buffer.alloc(0);
  for (let i = 0; i < NOISE.length; i += 70_001) yield NOISE.subarray(i, i + 70_001);
  yield 'één € 😀';
}
const STREAMED = Buffer.concat([Buffer.from('<?xml version="1.0"?>'), NOISE, Buffer.from('één € 😀')]);

async function writeSample(file: string): Promise<void> {
  const zip = await ZipWriter.create(file);
  await zip.add('[Content_Types].xml', '<Types/>');
  await zip.addStream('xl/worksheets/sheet1.xml', streamed());
  await zip.add('empty.txt', '');
  await zip.addStream('empty-stream.txt', []);
  await zip.addStream('text.txt', [TEXT.slice(0, 500_000), TEXT.slice(500_000)]);
  await zip.add('naïve/ü.bin', Buffer.from([0, 1, 2, 255]));
  await zip.close();
}

describe('crc32', () => {
  it('gives the check value of CRC-32 and agrees with zlib chunk by chunk', () => {
    expect(tableCrc32(Buffer.from('123456789'))).toBe(0xcbf43926);
    expect(crc32(Buffer.from('123456789'))).toBe(0xcbf43926);
    const data = randomBytes(100_000);
    const whole = tableCrc32(data);
    expect(crc32(data.subarray(40_000), crc32(data.subarray(0, 40_000)))).toBe(whole);
    expect(tableCrc32(data.subarray(40_000), tableCrc32(data.subarray(0, 40_000)))).toBe(whole);
    if (typeof (zlib as { crc32?: unknown }).crc32 === 'function') expect(zlib.crc32(data)).toBe(whole);
    expect(tableCrc32(Buffer.alloc(0))).toBe(0);
  });
});

describe('ZipWriter', () => {
  let file: string;
  beforeAll(async () => {
    file = path.join(tmp, 'sample.zip');
    await writeSample(file);
  });

  it('writes every entry, whole or streamed, so that it reads back byte for byte with its CRC and size', async () => {
    const entries = await readZip(file);
    expect(entries.map((e) => e.name)).toEqual(['[Content_Types].xml', 'xl/worksheets/sheet1.xml', 'empty.txt', 'empty-stream.txt', 'text.txt', 'naïve/ü.bin']);
    const byName = new Map(entries.map((e) => [e.name, e]));
    expect(byName.get('[Content_Types].xml')!.data.toString()).toBe('<Types/>');
    expect(byName.get('xl/worksheets/sheet1.xml')!.data.equals(STREAMED)).toBe(true);
    expect(byName.get('xl/worksheets/sheet1.xml')!.size).toBe(STREAMED.length);
    expect(byName.get('xl/worksheets/sheet1.xml')!.crc).toBe(tableCrc32(STREAMED));
    expect(byName.get('empty.txt')!.data.length).toBe(0);
    expect(byName.get('empty-stream.txt')!.data.length).toBe(0);
    expect(byName.get('text.txt')!.data.toString()).toBe(TEXT);
    // Text compresses: the deflated entry is a small fraction of its 1.3 MB.
    expect(byName.get('text.txt')!.compressedSize).toBeLessThan(TEXT.length / 20);
    expect([...byName.get('naïve/ü.bin')!.data]).toEqual([0, 1, 2, 255]);
  });

  it('deflates every entry, dates it 2000-01-01 00:00 and flags UTF-8 names only', async () => {
    for (const entry of await readZip(file)) {
      expect(entry.method, entry.name).toBe(8);
      expect(entry.time, entry.name).toBe(0);
      expect(entry.date, entry.name).toBe(((2000 - 1980) << 9) | (1 << 5) | 1);
      expect(entry.flags, entry.name).toBe(entry.name === 'naïve/ü.bin' ? 0x0800 : 0);
    }
  });

  it('writes the same bytes every time', async () => {
    const again = path.join(tmp, 'again.zip');
    await writeSample(again);
    expect((await readFile(again)).equals(await readFile(file))).toBe(true);
  });

  it('passes `unzip -t` where unzip is installed', async (ctx) => {
    const probe = spawnSync('unzip', ['-v'], { encoding: 'utf8' });
    if (probe.error) ctx.skip('unzip is not on PATH');
    const result = spawnSync('unzip', ['-t', file], { encoding: 'utf8' });
    expect(result.status, result.stdout + result.stderr).toBe(0);
    expect(result.stdout).toContain('No errors detected');
    expect(result.stdout).toContain('xl/worksheets/sheet1.xml');
  });

  it('refuses a second entry while one is streaming, and leaves a failed stream to the caller', async () => {
    const broken = path.join(tmp, 'broken.zip');
    const zip = await ZipWriter.create(broken);
    let release: () => void = () => undefined;
    const gate = new Promise<void>((resolve) => (release = resolve));
    async function* slow(): AsyncGenerator<string> {
      yield 'a';
      await gate;
      throw new Error('source failed');
    }
    const first = zip.addStream('a.txt', slow());
    await expect(zip.add('b.txt', 'b')).rejects.toThrow(/one entry at a time/);
    release();
    await expect(first).rejects.toThrow('source failed');
    await zip.abort();
    expect((await stat(broken)).size).toBeGreaterThan(0);
  });
});
