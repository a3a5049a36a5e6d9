/**
 * The files researchers open directly: dataset.xlsx (sheets, frozen header, autofilter, text ids, values
 * never formulas, verdict colours), the excel CSV dialect (`;`, BOM, CRLF, OWASP neutralising) against
 * the faithful default, and codebook.md (every column, code, catalogue entry, rule and count).
 */
import { spawnSync } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { parse } from 'csv-parse/sync';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadCatalogue } from '../extractors/framework/catalogue.js';
import { FINDING_COLUMNS, PANEL_COLUMNS, type PanelRow } from '../pipeline/dataset-schema.js';
import { neutraliseCell } from '../pipeline/export/csv-dialect.js';
import { WARNING_CODES } from '../pipeline/export/warning-codes.js';
import { VERDICT_FILLS } from '../pipeline/export/write-xlsx.js';
import { BULLET, FORMULA, TABBED, buildExportFolder } from './helpers/export-folder.js';

let tmp: string;
let panel: PanelRow[];
const rfc = () => path.join(tmp, 'rfc');
const excel = () => path.join(tmp, 'excel');
beforeAll(async () => {
  tmp = await mkdtemp(path.join(tmpdir(), 'stj-export-files-'));
  panel = await buildExportFolder(rfc());
  await buildExportFolder(excel(), { csvDialect: 'excel' });
});
afterAll(async () => {
  await rm(tmp, { recursive: true, force: true });
});

const jsonl = async (file: string) => (await readFile(file, 'utf8')).split('\n').filter(Boolean).map((l) => JSON.parse(l) as Record<string, unknown>);

describe('dataset.xlsx', () => {
  let workbook: ExcelJS.Workbook;
  beforeAll(async () => {
    workbook = new ExcelJS.Workbook();
    await workbook.xlsx.readFile(path.join(rfc(), 'dataset.xlsx'));
  });

  it('has a sheet per table of the run and the codebook, each with as many rows as its file', async () => {
    expect(workbook.worksheets.map((s) => s.name)).toEqual(['findings', 'reports', 'panel', 'matrix', 'sections', 'recommendations', 'quotes', 'warnings', 'codebook']);
    for (const table of ['findings', 'reports', 'panel', 'sections', 'recommendations', 'quotes', 'warnings']) {
      const rows = await jsonl(path.join(rfc(), `${table}.jsonl`));
      expect(rows.length, table).toBeGreaterThan(0);
      expect(workbook.getWorksheet(table)!.actualRowCount, table).toBe(rows.length + 1);
    }
    // The panel is the comparative stage's: one row per mapped finding with a coded municipality here (no key is shared).
    expect(panel.length).toBe(7);
    expect(workbook.getWorksheet('panel')!.actualRowCount).toBe(panel.length + 1);
    const matrixLines = (await readFile(path.join(rfc(), 'matrix.csv'), 'utf8')).split('\n').filter(Boolean);
    expect(workbook.getWorksheet('matrix')!.actualRowCount).toBe(matrixLines.length);
    expect(workbook.getWorksheet('findings')!.getRow(1).values).toEqual([undefined, ...FINDING_COLUMNS]);
    expect(workbook.getWorksheet('panel')!.getRow(1).values).toEqual([undefined, ...PANEL_COLUMNS]);
  });

  it('freezes the header row, sets an autofilter and column widths', () => {
    for (const sheet of workbook.worksheets) {
      expect(sheet.views[0], sheet.name).toMatchObject({ state: 'frozen', ySplit: 1 });
      expect(sheet.autoFilter, sheet.name).toBeTruthy();
      expect(sheet.getColumn(1).width, sheet.name).toBeGreaterThanOrEqual(8);
    }
    const evidence = workbook.getWorksheet('findings')!.getColumn(FINDING_COLUMNS.indexOf('evidence') + 1);
    expect(evidence.width).toBeGreaterThan(20);
  });

  it('keeps a formula-looking evidence as text and never writes a formula', () => {
    const sheet = workbook.getWorksheet('findings')!;
    const column = FINDING_COLUMNS.indexOf('evidence') + 1;
    const cells: ExcelJS.Cell[] = [];
    sheet.eachRow((row, n) => n > 1 && cells.push(row.getCell(column)));
    const formula = cells.find((c) => c.value === FORMULA)!;
    expect(formula.type).toBe(ExcelJS.ValueType.String);
    expect(cells.map((c) => c.value)).toContain(BULLET);
    for (const s of workbook.worksheets) s.eachRow((row) => row.eachCell((cell) => expect(cell.type, `${s.name}!${cell.address}`).not.toBe(ExcelJS.ValueType.Formula)));
  });

  it('stores ids and codes as text and numbers as numbers', () => {
    const sheet = workbook.getWorksheet('findings')!;
    const row = sheet.getRow(2);
    expect(row.getCell(FINDING_COLUMNS.indexOf('finding_id') + 1).type).toBe(ExcelJS.ValueType.String);
    expect(row.getCell(FINDING_COLUMNS.indexOf('municipality_code') + 1).value).toMatch(/^GM\d{4}$/);
    expect(row.getCell(FINDING_COLUMNS.indexOf('assessed_year') + 1).value).toBe(2013);
    expect(row.getCell(FINDING_COLUMNS.indexOf('match_score') + 1).type).toBe(ExcelJS.ValueType.Number);
  });

  it('colours the matrix cells by verdict', () => {
    const sheet = workbook.getWorksheet('matrix')!;
    const header = (sheet.getRow(1).values as unknown[]).slice(1) as string[];
    const seen = new Map<string, string>();
    sheet.eachRow((row, n) => {
      if (n === 1) return;
      header.forEach((name, i) => {
        const cell = row.getCell(i + 1);
        if (typeof cell.value === 'string' && cell.value in VERDICT_FILLS) seen.set(cell.value, (cell.fill as ExcelJS.FillPattern).fgColor!.argb!);
      });
    });
    expect(Object.fromEntries(seen)).toEqual(VERDICT_FILLS);
    expect(header).toContain(loadCatalogue().indicators[0]!.id);
  });

  it('holds the codebook with every warning code', () => {
    const codes = new Set<string>();
    workbook.getWorksheet('codebook')!.eachRow((row) => row.getCell(1).value === 'warning code' && codes.add(String(row.getCell(2).value)));
    expect([...codes]).toEqual(WARNING_CODES.map((w) => w.code));
  });
});

describe('csv dialects', () => {
  it('neutralises every cell a spreadsheet would evaluate, as OWASP describes, and nothing else', () => {
    expect(neutraliseCell(FORMULA)).toBe(`'${FORMULA}`);
    for (const start of ['=', '+', '-', '@', '\t', '\r']) expect(neutraliseCell(`${start}x`)).toBe(`'${start}x`);
    expect(neutraliseCell('-3')).toBe('-3');
    expect(neutraliseCell('0.85')).toBe('0.85');
    expect(neutraliseCell('Gemeente = partner')).toBe('Gemeente = partner');
    expect(neutraliseCell('')).toBe('');
  });

  it('writes the excel dialect with a BOM, `;`, CRLF and neutralised cells, every row intact', async () => {
    const bytes = await readFile(path.join(excel(), 'findings.csv'));
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const text = bytes.toString('utf8').slice(1);
    expect(text.split('\r\n')[0]).toBe(FINDING_COLUMNS.join(';'));
    expect(text.replaceAll('\r\n', '')).not.toMatch(/\n/);
    const rows = parse(text, { delimiter: ';', columns: true, record_delimiter: '\r\n' }) as Record<string, string>[];
    const evidence = rows.map((r) => r.evidence);
    expect(evidence).toContain(`'${FORMULA}`);
    expect(evidence).toContain(`'${BULLET}`);
    expect(evidence).toContain(`'${TABBED}`);
    expect(rows.map((r) => r.finding_id)).toEqual((await jsonl(path.join(rfc(), 'findings.jsonl'))).map((f) => f.finding_id));
    for (const name of ['reports.csv', 'panel.csv', 'matrix.csv']) {
      expect([...(await readFile(path.join(excel(), name))).subarray(0, 3)], name).toEqual([0xef, 0xbb, 0xbf]);
    }
    // The JSONL files keep the text as read.
    expect((await jsonl(path.join(excel(), 'findings.jsonl'))).map((f) => f.evidence)).toContain(FORMULA);
  });

  it('keeps the default dialect RFC 4180 and faithful', async () => {
    const text = await readFile(path.join(rfc(), 'findings.csv'), 'utf8');
    expect(text.charCodeAt(0)).not.toBe(0xfeff);
    expect(text).not.toContain('\r\n');
    const rows = parse(text, { columns: true }) as Record<string, string>[];
    expect(rows.map((r) => r.evidence)).toEqual(expect.arrayContaining([FORMULA, BULLET, TABBED]));
  });

  it('is chosen with --csv-dialect on the command line, and a wrong value is a usage error', () => {
    const out = path.join(tmp, 'cli-excel');
    const ok = spawnSync(process.execPath, ['dist/pipeline/cli.js', 'import', 'fixtures/reports/002_1b897dc814a8f4e7.txt', '--out', out, '--csv-dialect', 'excel'], { encoding: 'utf8' });
    expect(ok.status, ok.stderr).toBe(0);
    const bad = spawnSync(process.execPath, ['dist/pipeline/cli.js', 'import', 'fixtures/reports', '--csv-dialect', 'semicolon'], { encoding: 'utf8' });
    expect({ status: bad.status, stderr: bad.stderr.split('\n')[0] }).toEqual({ status: 2, stderr: "stj-findings: --csv-dialect is rfc4180 or excel, not 'semicolon'" });
    return readFile(path.join(out, 'reports.csv')).then((bytes) => {
      expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
      expect(bytes.toString('utf8')).toContain('report_id;title;');
    });
  });
});

describe('codebook.md', () => {
  let codebook: string;
  beforeAll(async () => {
    codebook = await readFile(path.join(rfc(), 'codebook.md'), 'utf8');
  });

  it('describes every column of every file of the run', async () => {
    for (const column of [...FINDING_COLUMNS, ...PANEL_COLUMNS]) expect(codebook).toContain(`| \`${column}\` |`);
    expect(codebook).not.toContain('(undocumented)');
    expect(codebook).toContain('| `verdict` | one of `voldoet`, `verbeterpunt`, `gemengd`, may be empty |');
  });

  it('lists every warning code with severity and meaning, and this run’s counts', () => {
    for (const w of WARNING_CODES) expect(codebook).toContain(`| \`${w.code}\` | ${w.severities.join(' or ')} |`);
    expect(codebook).toContain('| findings | 7 |');
    expect(codebook).toContain('| failed | 1 |');
    expect(codebook).toContain(`| rows in panel | ${panel.length} |`);
  });

  it('holds the framework catalogue on both levels and the panel selection rule', () => {
    for (const indicator of loadCatalogue().indicators) expect(codebook).toContain(`\`${indicator.id}\` ${indicator.text}`);
    expect(codebook).toContain('Policy level (beleid)');
    expect(codebook).toContain('Case level (casus)');
    expect(codebook).toMatch(/Selection rule: .*latest report date/);
  });

  it('says which CSV dialect the folder has', async () => {
    expect(codebook).toContain('RFC 4180');
    expect(await readFile(path.join(excel(), 'codebook.md'), 'utf8')).toContain('--csv-dialect excel');
  });
});
