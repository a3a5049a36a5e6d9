/**
 * Rich Text Format (.rtf) quirks one at a time, in documents written here: merged cells, check marks
 * in a symbol font and as \u with fallback characters, code pages, what a reader does not see
 * (hidden text, headers, field instructions, comments), footnotes in a cell, list labels, and damaged
 * or over-deep files. LibreOffice's and pandoc's RTF of the five reports are checked field by field in
 * formats-rendered.test.ts.
 */
import { describe, expect, it } from 'vitest';
import { extractReport } from '../extractors/extract-report.js';
import { TOELEIDING_FINDINGS, TOELEIDING_ROWS } from './helpers/mini-report.js';
import { readRtfReport } from '../extractors/input/read-rtf.js';

const FONTS = '{\\fonttbl{\\f0\\fswiss\\fcharset0 Arial;}{\\f1\\fnil\\fcharset2 Wingdings{\\*\\falt Symbol};}{\\f2\\fswiss\\fcharset238 Arial CE;}}';
const rtf = (body: string) => Buffer.from(`{\\rtf1\\ansi\\ansicpg1252\\deff0${FONTS}{\\header\\pard Koptekst ✗\\par}\n${body}}`, 'latin1');
const row = (definition: string, ...cells: string[]) => `\\trowd${definition}${cells.map((cell) => `\\pard\\intbl ${cell}\\cell`).join('')}\\row\n`;
const three = '\\cellx2000\\cellx5000\\cellx9000';

const TABLE = [
  '\\pard Toeleiding\\par',
  row(three, 'Criteria', 'Indicatoren', 'Bevindingen'),
  row(
    '\\clvmgf\\cellx2000\\cellx5000\\cellx9000',
    'GGSR zijn in beeld',
    'Alle netwerkpartners hanteren dezelfde omschrijving van GGSR',
    // ✓ as Wingdings 0xFC; an accent as a code-page byte; a comment and hidden text nobody reads.
    "{\\f1 \\'fc} E\\'e9n omschrijving.{\\*\\annotation ✗ klopt dit?}{\\v ✗ verborgen}",
  ),
  row(
    '\\clvmrg\\cellx2000\\cellx5000\\cellx9000',
    '',
    'De gemeente heeft zicht op de populatie GGSR',
    // ✗ as \u with one fallback character; a footnote in the cell; LET OP in a paragraph of its own.
    "\\u10007\\'3f Geen zicht{\\super\\chftn}{\\footnote\\pard\\plain Volgens de nota van 2012.}.\\par LET OP: nog niet.",
  ),
  '\\pard Tot slot.\\par',
].join('\n');

describe('Rich Text Format', () => {
  it('reads a findings table: a criterion merged over rows, symbol-font and \\u marks, paragraphs in a cell; comments, hidden text and headers stay out', async () => {
    const document = await readRtfReport(rtf(TABLE));
    expect(document.format).toBe('rtf');
    expect(document.tables).toHaveLength(1);
    const [table] = document.tables;
    expect(table!.title?.text).toBe('Toeleiding');
    expect(table!.rows.map((r) => [r.cells, r.location.locator])).toEqual(TOELEIDING_ROWS);
    expect(document.text.split('\n').slice(-2)).toEqual(['Tot slot.', 'Volgens de nota van 2012.']);
    expect(document.text).not.toMatch(/Koptekst|klopt dit|verborgen/);
  });

  it('gives the findings of the same table in any format', async () => {
    const result = await extractReport(rtf(TABLE), 'rapport.rtf');
    if (!result.ok) throw new Error(result.failure.message);
    expect(result.reports[0]!.findings.map((f) => [f.indicatorId, f.verdict, f.evidence, f.letOp, f.location.locator])).toEqual(TOELEIDING_FINDINGS);
  });

  it("decodes bytes in their font's code page, keeps field results without their instructions, and \\uc fallbacks", async () => {
    const document = await readRtfReport(
      rtf("\\pard {\\f2 \\'9cr\\'e1d}\\par {\\field{\\*\\fldinst HYPERLINK \"http://x\"}{\\fldrslt nota}}\\par \\uc2\\u8220\\'93\\'93citaat\\u8221\\'94\\'94\\par"),
    );
    expect(document.text).toBe('śrád\nnota\n“citaat”');
  });

  it('writes a bullet label as "- " and keeps a number, as list items of the HTML reader', async () => {
    const document = await readRtfReport(rtf("\\pard{\\listtext\\f1 \\'b7\\tab}Eerste\\par\\pard{\\listtext 2.\\tab}Tweede\\par"));
    expect(document.text).toBe('- Eerste\n2. Tweede');
  });
});

describe('RTF tables nested in a cell', () => {
  it('read the inner table as paragraphs of its cell, and keep the outer rows whole', async () => {
    const nested = "\\pard\\intbl\\itap2 binnen a\\nestcell binnen b\\nestcell{\\*\\nesttableprops\\trowd\\cellx1000\\cellx2000\\nestrow}\\pard\\intbl\\itap1 ";
    const document = await readRtfReport(rtf(`\\pard Kop\\par\n${row('\\cellx3000\\cellx9000', 'links', `${nested}rechts`)}${row('\\cellx3000\\cellx9000', 'onder', 'einde')}\\pard Slot.\\par`));
    expect(document.text.split('\n')).toEqual(['Kop', 'links\tbinnen a binnen b rechts', 'onder\teinde', 'Slot.']);
  });
});

describe('damaged and hostile RTF', () => {
  it('fails a file cut off at its start as damaged, and groups nested past the limit as too deep', async () => {
    const cut = await extractReport(Buffer.from('{\\rtf1\\ansi'.slice(0, 4)), 'rapport.rtf');
    expect(cut.ok).toBe(false);
    const deep = await extractReport(Buffer.from(`{\\rtf1${'{'.repeat(600)}x${'}'.repeat(600)}}`), 'rapport.rtf');
    expect(deep.ok ? null : deep.failure.code).toBe('too_deep');
  });
});
