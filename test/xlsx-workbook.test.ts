/**
 * dataset.xlsx as our own writer makes it (pipeline/export/write-xlsx.ts, xlsx/), on a table of awkward
 * values: read back by exceljs and, where LibreOffice Calc is installed, by `soffice --convert-to csv`.
 * Text stays text however it looks (`=SUM(1)`, `00123`, `1e5`), `<&>"` and line breaks round-trip,
 * forbidden control characters become U+FFFD as before, numbers and booleans keep their type, verdicts
 * are coloured, a table past the row limit continues on a next sheet, and the bytes never change.
 */
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { parse } from 'csv-parse/sync';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import type { TableScan } from '../pipeline/export/scan-tables.js';
import type { ColumnSpec, TableSpec } from '../pipeline/export/tables.js';
import { WARNING_CODES } from '../pipeline/export/warning-codes.js';
import { VERDICT_FILLS, writeWorkbook, type MadeSheets } from '../pipeline/export/write-xlsx.js';
import { EntryFile } from '../pipeline/export/xlsx/entry-file.js';
import { writeTableSheets } from '../pipeline/export/xlsx/table-sheets.js';
import { ByteChunks } from '../pipeline/export/xlsx/byte-chunks.js';
import { readZip } from './helpers/zip-read.js';

const LONG = 'x'.repeat(40_000);
/** [written, as a cell holds it]. */
const TEXTS: [string, string][] = [
  ['<&>"\'', '<&>"\''],
  ['=SUM(1)', '=SUM(1)'],
  ['00123', '00123'],
  ['1e5', '1e5'],
  ['-1', '-1'],
  ['+31 6 1234', '+31 6 1234'],
  ['@mention', '@mention'],
  ['TRUE', 'TRUE'],
  ['2013-05-01', '2013-05-01'],
  [' leading and trailing ', ' leading and trailing '],
  ['two  spaces', 'two  spaces'],
  ['line\nbreak', 'line\nbreak'],
  ['crlf\r\nline', 'crlf\r\nline'],
  ['\ttab first', '\ttab first'],
  ['nul\u0000bel\u0007vt\u000Bus\u001Fend\uFFFE', 'nul\uFFFDbel\uFFFDvt\uFFFDus\uFFFDend\uFFFD'],
  ['één € 😀', 'één € 😀'],
  ['lone \uD800 surrogate', 'lone \uFFFD surrogate'],
  [LONG, `${'x'.repeat(32_766)}…`],
];
const NUMBERS = [0, -1.5, 2013, 0.85, 1e21, 1e-7];

const column = (name: string, schema: z.ZodType): ColumnSpec => ({ name, schema, note: undefined });
const COLUMNS = [
  column('id', z.string()),
  column('text', z.string().nullable()),
  column('n', z.number().nullable()),
  column('flag', z.boolean().nullable()),
  column('verdict', z.enum(['voldoet', 'verbeterpunt', 'gemengd']).nullable()),
];
const TABLE: TableSpec = { name: 'tricky', csv: null, jsonl: 'tricky.jsonl', description: 'awkward values', schema: z.object({}), primaryKey: ['id'], foreignKeys: [] };

function rows(): Record<string, unknown>[] {
  const verdicts = ['voldoet', 'verbeterpunt', 'gemengd', null];
  return TEXTS.map(([text], i) => ({
    id: `000${i}`,
    text,
    n: NUMBERS[i % NUMBERS.length]!,
    flag: i % 3 === 2 ? null : i % 2 === 0,
    verdict: verdicts[i % verdicts.length],
  }));
}

const scan = (): TableScan => ({ table: TABLE, columns: COLUMNS, rows: TEXTS.length, examples: new Map([['text', 'x'.repeat(60)]]), codeCounts: new Map() });

let tmp: string;
let file: string;
beforeAll(async () => {
  tmp = await mkdtemp(path.join(tmpdir(), 'stj-xlsx-'));
  await writeFile(path.join(tmp, 'tricky.jsonl'), rows().map((r) => JSON.stringify(r)).join('\n') + '\n');
  file = path.join(tmp, 'dataset.xlsx');
  await writeWorkbook(tmp, [scan()], file);
});
afterAll(async () => {
  await rm(tmp, { recursive: true, force: true });
});

describe('dataset.xlsx read back by exceljs', () => {
  let sheet: ExcelJS.Worksheet;
  beforeAll(async () => {
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.readFile(file);
    expect(workbook.worksheets.map((s) => s.name)).toEqual(['tricky', 'codebook']);
    sheet = workbook.getWorksheet('tricky')!;
  });

  it('keeps every text as the same text, however it looks', () => {
    expect(sheet.getRow(1).values).toEqual([undefined, 'id', 'text', 'n', 'flag', 'verdict']);
    TEXTS.forEach(([, expected], i) => {
      const cell = sheet.getRow(i + 2).getCell(2);
      expect(cell.type, JSON.stringify(expected.slice(0, 30))).toBe(ExcelJS.ValueType.String);
      expect(cell.value).toBe(expected);
      expect(sheet.getRow(i + 2).getCell(1).value).toBe(`000${i}`);
    });
    sheet.eachRow((row) => row.eachCell((cell) => expect(cell.type).not.toBe(ExcelJS.ValueType.Formula)));
  });

  it('keeps numbers and booleans typed, and leaves null cells empty', () => {
    TEXTS.forEach((_, i) => {
      const row = sheet.getRow(i + 2);
      expect(row.getCell(3).value).toBe(NUMBERS[i % NUMBERS.length]);
      expect(row.getCell(3).type).toBe(ExcelJS.ValueType.Number);
      expect(row.getCell(4).value).toBe(i % 3 === 2 ? null : i % 2 === 0);
    });
    expect(sheet.actualRowCount).toBe(TEXTS.length + 1);
  });

  it('gives text cells the text format, verdicts their fill, and the header, frozen pane, filter and widths', () => {
    const row = sheet.getRow(2);
    expect(row.getCell(1).numFmt).toBe('@');
    expect(row.getCell(3).numFmt).toBeUndefined();
    const fills = new Map<string, string>();
    sheet.eachRow((r, n) => {
      const cell = r.getCell(5);
      if (n > 1 && typeof cell.value === 'string') fills.set(cell.value, (cell.fill as ExcelJS.FillPattern).fgColor!.argb!);
    });
    expect(Object.fromEntries(fills)).toEqual(VERDICT_FILLS);
    expect(sheet.getRow(1).getCell(1).font?.bold).toBe(true);
    expect(sheet.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
    expect(sheet.autoFilter).toBe(`A1:E${TEXTS.length + 1}`);
    expect(sheet.getColumn(1).width).toBe(12);
    expect(sheet.getColumn(2).width).toBe(60);
  });
});

describe('dataset.xlsx bytes', () => {
  it('escapes the XML and writes inline strings, never a formula', async () => {
    const entries = await readZip(file);
    const xml = entries.find((e) => e.name === 'xl/worksheets/sheet1.xml')!.data.toString('utf8');
    expect(xml).toContain('<t>&lt;&amp;&gt;"\'</t>');
    expect(xml).toContain('<t xml:space="preserve">crlf&#13;\nline</t>');
    expect(xml).toContain('t="inlineStr"><is><t>=SUM(1)</t>');
    expect(xml).not.toMatch(/<f[ >]/);
    expect(xml).not.toMatch(/[\u0000-\u0008\u000B\u000C\u000E-\u001F]/);
    expect(entries.map((e) => e.name)).toEqual([
      'xl/worksheets/sheet1.xml',
      'xl/worksheets/sheet2.xml',
      '[Content_Types].xml',
      '_rels/.rels',
      'docProps/core.xml',
      'docProps/app.xml',
      'xl/workbook.xml',
      'xl/_rels/workbook.xml.rels',
      'xl/styles.xml',
    ]);
    expect(entries.find((e) => e.name === 'docProps/core.xml')!.data.toString()).toContain('2000-01-01T00:00:00Z');
  });

  it('writes the same bytes every time', async () => {
    const again = path.join(tmp, 'again.xlsx');
    await writeWorkbook(tmp, [scan()], again);
    expect((await readFile(again)).equals(await readFile(file))).toBe(true);
  });

  it('copies in sheets deflated into an entry file (the sheets thread) as the same bytes, split sheets included', async () => {
    // The second table's three sheets made apart, as xlsx/sheets-thread.ts makes them: their parts are
    // numbered after the first table's three, in the package's order.
    const entryPath = path.join(tmp, 'entries.tmp');
    const entries = await EntryFile.create(entryPath);
    const sheets = await writeTableSheets((chunks) => entries.addStream('tricky', chunks), tmp, scan(), 7);
    await entries.close();
    expect(sheets.map((s) => [s.name, s.range])).toEqual([
      ['tricky', '$A$1:$E$7'],
      ['tricky (2)', '$A$1:$E$7'],
      ['tricky (3)', '$A$1:$E$7'],
    ]);
    expect(sheets[1]!.entry.offset).toBe(sheets[0]!.entry.compressed);
    const made: MadeSheets = { scan: scan(), file: entryPath, sheets };
    const copied = path.join(tmp, 'copied.xlsx');
    await writeWorkbook(tmp, (async function* () { yield scan(); yield made; })(), copied, { maxRows: 7 });
    const direct = path.join(tmp, 'direct.xlsx');
    await writeWorkbook(tmp, [scan(), scan()], direct, { maxRows: 7 });
    expect((await readFile(copied)).equals(await readFile(direct))).toBe(true);
    expect((await readZip(copied)).map((e) => e.name).filter((n) => n.startsWith('xl/worksheets/')).slice(0, 7)).toEqual(
      [1, 2, 3, 4, 5, 6, 7].map((n) => `xl/worksheets/sheet${n}.xml`),
    );
    await rm(entryPath);
  });

  it('continues a table past the row limit on "name (2)", with no empty sheet when it fills one exactly', async () => {
    const split = path.join(tmp, 'split.xlsx');
    // 18 rows at 7 per sheet (header included, so 6 data rows) fill three sheets exactly, with no empty fourth.
    await writeWorkbook(tmp, [scan()], split, { maxRows: 7 });
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.readFile(split);
    const counts = workbook.worksheets.map((s) => [s.name, s.actualRowCount] as const);
    expect(counts.slice(0, 4)).toEqual([
      ['tricky', 7],
      ['tricky (2)', 7],
      ['tricky (3)', 7],
      ['codebook', 7],
    ]);
    // The codebook splits the same way: one row per column, one per warning code, over as many sheets as it takes.
    const codebook = counts.slice(3);
    expect(codebook.map(([name]) => name)).toEqual(codebook.map((_, i) => (i === 0 ? 'codebook' : `codebook (${i + 1})`)));
    expect(codebook.reduce((sum, [, n]) => sum + n - 1, 0)).toBe(COLUMNS.length + WARNING_CODES.length);
    expect(codebook.slice(0, -1).every(([, n]) => n === 7)).toBe(true);
    expect(workbook.getWorksheet('tricky (2)')!.getRow(1).values).toEqual([undefined, 'id', 'text', 'n', 'flag', 'verdict']);
    expect(workbook.getWorksheet('tricky (2)')!.getRow(2).getCell(1).value).toBe('0006');
    expect(workbook.getWorksheet('tricky (3)')!.getRow(7).getCell(1).value).toBe('00017');
    // One row more than fits: the last one alone on "tricky (2)".
    await writeWorkbook(tmp, [scan()], split, { maxRows: 18 });
    const over = new ExcelJS.Workbook();
    await over.xlsx.readFile(split);
    expect(over.worksheets.filter((s) => s.name.startsWith('tricky')).map((s) => [s.name, s.actualRowCount])).toEqual([
      ['tricky', 18],
      ['tricky (2)', 2],
    ]);
  });

  it('splits a table read in many batches at the same rows, whatever the batch boundaries', async () => {
    const dir = path.join(tmp, 'many');
    await mkdir(dir);
    // About 500 KB: the rows reach the writer in several batches, none aligned with the sheets.
    const many = Array.from({ length: 5000 }, (_, i) => ({ id: String(i), text: `rij ${i} ${'é'.repeat(i % 90)}`, n: i, flag: i % 2 === 0, verdict: null }));
    await writeFile(path.join(dir, 'tricky.jsonl'), many.map((r) => JSON.stringify(r)).join('\n') + '\n');
    const sheetsOf = async (maxRows: number) => {
      const out = path.join(dir, `split-${maxRows}.xlsx`);
      await writeWorkbook(dir, [scan()], out, { maxRows });
      const workbook = new ExcelJS.Workbook();
      await workbook.xlsx.readFile(out);
      return workbook.worksheets
        .filter((s) => s.name.startsWith('tricky'))
        .map((s) => [s.name, s.actualRowCount, s.getRow(2).getCell(1).value, s.getRow(s.actualRowCount).getCell(1).value]);
    };
    expect(await sheetsOf(1250)).toEqual([
      ['tricky', 1250, '0', '1248'],
      ['tricky (2)', 1250, '1249', '2497'],
      ['tricky (3)', 1250, '2498', '3746'],
      ['tricky (4)', 1250, '3747', '4995'],
      ['tricky (5)', 5, '4996', '4999'],
    ]);
    // Filled exactly: no empty sixth sheet.
    expect((await sheetsOf(1001)).map(([name, count]) => [name, count])).toEqual([
      ['tricky', 1001],
      ['tricky (2)', 1001],
      ['tricky (3)', 1001],
      ['tricky (4)', 1001],
      ['tricky (5)', 1001],
    ]);
  });

  it('leaves no file behind when a table cannot be read', async () => {
    const broken = path.join(tmp, 'broken');
    await mkdir(broken);
    await writeFile(path.join(broken, 'tricky.jsonl'), '{"id": "1"}\n{not json\n');
    const out = path.join(broken, 'dataset.xlsx');
    await expect(writeWorkbook(broken, [scan()], out)).rejects.toThrow(SyntaxError);
    expect(existsSync(out)).toBe(false);
    expect(await readdir(broken)).toEqual(['tricky.jsonl']);
  });
});

describe('ByteChunks', () => {
  it('packs text into chunks of at most its size, in order, UTF-8 encoded; a text too long for one is a chunk of its own', () => {
    const bytes = new ByteChunks(16);
    const texts = ['abc', 'één', '😀😀', 'x'.repeat(20), 'tail', '', 'z'];
    const chunks = [...texts.flatMap((t) => bytes.add(t)), bytes.flush()];
    expect(Buffer.concat(chunks).toString('utf8')).toBe(texts.join(''));
    // Room is reserved at 3 bytes a UTF-16 unit, so a chunk closes early rather than overflowing.
    expect(chunks.map((c) => c.length)).toEqual([8, 8, 20, 5]);
  });
});

describe('dataset.xlsx in LibreOffice', () => {
  it('opens in `soffice --headless --convert-to csv` with the same cells', async (ctx) => {
    if (spawnSync('soffice', ['--version'], { encoding: 'utf8' }).error) ctx.skip('soffice (LibreOffice) is not on PATH');
    const out = path.join(tmp, 'lo');
    await mkdir(out, { recursive: true });
    // A workbook exceljs writes is the control: if LibreOffice cannot open that one either, it has no Calc here.
    const control = new ExcelJS.Workbook();
    control.addWorksheet('control').addRow(['ok']);
    const controlFile = path.join(out, 'control.xlsx');
    await control.xlsx.writeFile(controlFile);
    const result = spawnSync(
      'soffice',
      [`-env:UserInstallation=file://${path.join(out, 'profile')}`, '--headless', '--convert-to', 'csv:Text - txt - csv (StarCalc):44,34,76,1', '--outdir', out, controlFile, file],
      { encoding: 'utf8', timeout: 110_000 },
    );
    if (!existsSync(path.join(out, 'control.csv'))) ctx.skip(`soffice cannot convert even an exceljs workbook here (LibreOffice Calc missing?): ${result.stderr.trim().split('\n').at(-1)}`);
    expect(existsSync(path.join(out, 'dataset.csv')), `${result.stdout}\n${result.stderr}`).toBe(true);
    // Options 44,34,76,1: comma, double quote, UTF-8, from line 1; the first sheet.
    const cells = parse(await readFile(path.join(out, 'dataset.csv'), 'utf8'), { relax_column_count: true }) as string[][];
    expect(cells[0]).toEqual(['id', 'text', 'n', 'flag', 'verdict']);
    expect(cells.length).toBe(TEXTS.length + 1);
    const byText = new Map(cells.slice(1).map((r) => [r[0], r]));
    const text = (i: number) => byText.get(`000${i}`)![1];
    expect(text(0)).toBe('<&>"\'');
    expect(text(1)).toBe('=SUM(1)');
    expect(text(2)).toBe('00123');
    expect(text(3)).toBe('1e5');
    expect(text(9)).toBe(' leading and trailing ');
    expect(text(11)).toBe('line\nbreak');
    expect(text(15)).toBe('één € 😀');
    expect(byText.get('0002')![2]).toBe('2013');
    expect(byText.get('0000')![3]).toBe('TRUE');
    expect(byText.get('0001')![4]).toBe('verbeterpunt');
  }, 120_000);
});
