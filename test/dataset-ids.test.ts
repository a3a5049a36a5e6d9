/**
 * Ids stay text: over the synthetic bench corpus, every id column of every CSV file the dataset writes
 * holds only values that no spreadsheet or type-guessing reader (Excel, LibreOffice, pandas, readr)
 * takes for a number, a boolean or a missing value.
 */
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { parse } from 'csv-parse/sync';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { extractReport } from '../extractors/extract-report.js';
import { generateCorpus } from '../bench/synthetic-corpus.js';
import { writeDataset } from '../pipeline/export/write-dataset.js';
import { ID_PATTERNS } from '../pipeline/dataset-schema.js';
import type { InputOutcome } from '../pipeline/stages.js';

const REPORTS = 60;
const SEED = 7;

/** What readers turn into numbers, booleans or NA: decimal, exponent, hex, inf/nan, true/false, empty-like. */
const READ_AS_NON_TEXT = /^\s*([+-]?(\d+([.,]\d*)?|[.,]\d+)([eE][+-]?\d+)?|0[xX][0-9a-fA-F]+|[+-]?(inf|infinity|nan)|true|false|na|n\/a|null|none)\s*$/i;
/** Framework ids (theme, criterion, indicator): a letter first, then letters, digits, dots and hyphens. */
const FRAMEWORK_ID = /^[A-Za-z][A-Za-z0-9.-]*$/;
const OWN_IDS = Object.values(ID_PATTERNS);

let out: string;
const csvFiles = new Map<string, Record<string, string>[]>();

beforeAll(async () => {
  out = await mkdtemp(path.join(tmpdir(), 'stj-ids-'));
  const corpus = generateCorpus({ reports: REPORTS, seed: SEED });
  const outcomes: InputOutcome[] = [];
  for (const file of corpus.files) {
    const bytes = typeof file.content === 'string' ? Buffer.from(file.content) : Buffer.from(file.content);
    outcomes.push({ input: { absolutePath: `/in/${file.name}`, relativePath: file.name, sizeBytes: bytes.length }, result: await extractReport(bytes, file.name) });
  }
  await writeDataset(outcomes, out);
  for (const name of (await readdir(out)).filter((n) => n.endsWith('.csv')).sort()) {
    csvFiles.set(name, parse(await readFile(path.join(out, name), 'utf8'), { columns: true }) as Record<string, string>[]);
  }
}, 120_000);
afterAll(() => rm(out, { recursive: true, force: true }));

describe('id columns over the synthetic corpus', () => {
  it('covers the files and id columns that exist, with rows in each', () => {
    expect([...csvFiles.keys()]).toEqual(expect.arrayContaining(['findings.csv', 'reports.csv', 'panel.csv', 'matrix.csv']));
    expect(csvFiles.get('findings.csv')!.length).toBeGreaterThan(REPORTS * 10);
    expect(csvFiles.get('panel.csv')!.length).toBeGreaterThan(REPORTS * 10);
  });

  it('holds in every *_id / *_ids column only text ids: rpt-/fnd-/… hex ids or framework ids, never number-like', () => {
    let checked = 0;
    for (const [name, rows] of csvFiles) {
      const idColumns = Object.keys(rows[0] ?? {}).filter((c) => /_ids?$/.test(c));
      for (const row of rows) {
        for (const column of idColumns) {
          const cell = row[column]!;
          if (cell === '') continue;
          for (const value of cell.split(';')) {
            checked++;
            const where = `${name} ${column} = ${value}`;
            expect(READ_AS_NON_TEXT.test(value), where).toBe(false);
            const own = OWN_IDS.some((p) => p.test(value));
            expect(own || (/^(theme|criterion|indicator)_ids?$/.test(column) && FRAMEWORK_ID.test(value)), where).toBe(true);
          }
        }
      }
    }
    expect(checked).toBeGreaterThan(REPORTS * 100);
  });

  it('gives report and finding ids their own prefix in every file', () => {
    const reportIds = new Set(csvFiles.get('reports.csv')!.map((r) => r.report_id));
    for (const [name, rows] of csvFiles) {
      for (const row of rows) {
        if (row.report_id !== undefined) expect(row.report_id, name).toMatch(ID_PATTERNS.report);
        if (row.finding_id) expect(row.finding_id, name).toMatch(ID_PATTERNS.finding);
        if (row.report_id !== undefined) expect(reportIds.has(row.report_id), name).toBe(true);
      }
    }
  });
});
