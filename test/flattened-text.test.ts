/**
 * Flattened findings tables (extractors/tables/flattened-text.ts): converters that lost the table
 * structure and wrote the cells as running text. The lynx dumps in fixtures/converted/lynx-* and
 * LibreOffice's text exports in fixtures/converted/libreoffice-txt-* (made by
 * scripts/convert-fixtures.sh) are compared field by field with their text source, as in
 * test/converted-variants.test.ts; then the split logic and the cell-per-line follow-up reader
 * (extractors/tables/flattened-followup.ts) on small, hand-made inputs.
 *
 * Known, unavoidable differences (not in fixtures/converted, so not compared):
 * - Follow-up reports (003, "Indicator | 2013 … | 2014") as running text (lynx): flattened text
 *   drops empty cells, so a row with fewer verdicts than year columns cannot say which year each
 *   verdict is; such a document fails with a reason naming the flattened follow-up tables (tested
 *   below). Read only in LibreOffice's cell-per-line form, where every row proves its columns.
 * - pdftotext without -layout: the cells of one row come out interleaved line by line (indicator
 *   and evidence lines alternate) or a column at a time, and page breaks part a wording from its
 *   remainder; the catalogue cannot undo that, and a guessed boundary gives one row's verdict to
 *   another row's indicator. Such documents are refused with a reason (a wording cut by a verdict
 *   mark is the sign): test/flattened-safety.test.ts, on samples in fixtures/interleaved.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { extractReport } from '../extractors/extract-report.js';
import type { ExtractedReport } from '../extractors/model.js';
import { explainTail, tokenize, unexplainedTail } from '../extractors/tables/flattened-split.js';
import { findFlattenedTables } from '../extractors/tables/flattened-text.js';
import { expectLineLocations, expectSameFindings } from './helpers/same-findings.js';

const ROOT = 'fixtures/converted';
const DIRECTORIES = ['lynx-ruled', 'lynx-word', 'libreoffice-txt-ruled', 'libreoffice-txt-word'];

const variants = DIRECTORIES.flatMap((d) => readdirSync(join(ROOT, d)).map((file) => `${d}/${file}`)).sort();

async function read(bytes: Uint8Array, name: string): Promise<ExtractedReport> {
  const result = await extractReport(bytes, name);
  if (!result.ok) throw new Error(`${name}: ${result.failure.code}: ${result.failure.message}`);
  return result.reports[0]!;
}

describe('flattened tables from converters (lynx -dump, LibreOffice text export)', () => {
  it('has variants for both HTML renderings and both DOCX renderings, the follow-up report only as LibreOffice text', () => {
    expect(variants.filter((v) => v.startsWith('lynx-ruled/')).length).toBe(4);
    expect(variants.filter((v) => v.startsWith('lynx-word/')).length).toBe(4);
    expect(variants.filter((v) => v.startsWith('libreoffice-txt-ruled/')).length).toBe(5);
    expect(variants.filter((v) => v.startsWith('libreoffice-txt-word/')).length).toBe(5);
  });

  it.each(variants)('%s gives the findings of its text source', async (variant) => {
    const fileName = variant.split('/')[1]!;
    const source = await read(readFileSync(join('fixtures/reports', fileName)), fileName);
    const flattened = await read(readFileSync(join(ROOT, variant)), fileName);

    expectSameFindings(flattened, source, variant);
    expectLineLocations(flattened);

    // Honest about the rebuild: every table says so, and nothing was left unplaced.
    const codes = flattened.warnings.map((w) => w.code);
    expect(codes).toContain('flattened_table');
    expect(codes).not.toContain('unplaced_text');
    expect(codes).not.toContain('unmapped_indicator');
    for (const warning of flattened.warnings.filter((w) => w.code.startsWith('flattened') || w.code === 'unplaced_text')) {
      expect(warning.location?.lineStart).toBeGreaterThan(0);
    }
  });
});

const lines = (text: string) => text.split('\n');

describe('the catalogue-anchored split', () => {
  it('finds verdict marks: symbols anywhere, X/ü/û only as a word before a capitalised one', () => {
    const words = tokenize(['Indicator ✓De evidence', 'X Niet voldaan ü Wel', 'type X of x y'], 1);
    expect(words.filter((w) => w.mark).map((w) => [w.text, w.mark, w.line])).toEqual([
      ['✓', 'voldoet', 1],
      ['X', 'verbeterpunt', 2],
      ['ü', 'voldoet', 2],
    ]);
  });

  it('takes the longest tail made of framework wordings as the next row: criterion, then indicators', () => {
    const words = tokenize(['De gemeente heeft een plan.', 'De aanpak is flexibel De regisseur is in staat om de intensiteit van de zorg en de ondersteuning te verminderen of vermeerderen'], 10);
    const tail = explainTail(words)!;
    expect(tail.start).toBe(5);
    expect(tail.wording.criterion).toEqual({ start: 5, end: 9 });
    expect(tail.wording.indicators).toHaveLength(1);
  });

  it('splits run-together indicators each on a line of their own', () => {
    const words = tokenize(['hulp is geregeld.', 'De gemeente evalueert de resultaten van de aanpak', 'De netwerkpartners evalueren de resultaten van de aanpak'], 1);
    const tail = explainTail(words)!;
    expect(tail.start).toBe(3);
    expect(tail.wording.criterion).toBeNull();
    expect(tail.wording.indicators.map((p) => p.start)).toEqual([3, 11]);
  });

  it('keeps evidence that paraphrases an indicator on the mark\'s line as evidence', () => {
    // "Het gezin wordt aangemeld voor de aanpak" is an indicator; the evidence sentence continues the mark's line.
    const words = tokenize(['De gezinnen zijn aangemeld voor de aanpak.'], 1);
    words[0]!.lineStart = false;
    expect(explainTail(words)).toBeNull();
  });

  it('never lets a wording run across a sentence end', () => {
    const words = tokenize(['vanuit de aanpak Bijzondere', 'Doelgroepen. De regisseur heeft vertrouwen van het gezin'], 1);
    const tail = explainTail(words);
    expect(tail?.start ?? -1).not.toBe(4);
  });

  it('points at an unknown wording left after the last sentence end', () => {
    const words = tokenize(['Het is goed geregeld.', 'Een geheel onbekende formulering'], 1);
    expect(explainTail(words)).toBeNull();
    expect(unexplainedTail(words, 30)).toBe(4);
    expect(unexplainedTail(tokenize(['Het is goed geregeld.'], 1), 30)).toBeNull();
  });
});

describe('findFlattenedTables', () => {
  const report = [
    'Bevindingen',
    '',
    '   Continu',
    '   Criteria Indicatoren Bevindingen',
    '   De duur van de aanpak is toereikend De aanpak loopt door totdat de problemen zijn opgelost of beheersbaar zijn ✓ De duur is goed.',
    '   De aanpak is flexibel Een geheel onbekende formulering ✗ Niet goed.',
    '   LET OP: let hierop.',
    '   Meer informatie',
  ].join('\n');

  it('rebuilds rows with a synthesised header, line locations and located warnings', () => {
    const { tables, warnings } = findFlattenedTables(report);
    expect(tables).toHaveLength(1);
    const table = tables[0]!;
    expect(table.title?.text).toBe('Continu');
    expect(table.header.cells).toEqual(['Criteria', 'Indicatoren', 'Bevindingen']);
    expect(table.header.location.lineStart).toBe(4);
    expect(table.rows.map((r) => r.cells)).toEqual([
      ['De duur van de aanpak is toereikend', 'De aanpak loopt door totdat de problemen zijn opgelost of beheersbaar zijn', '✓ De duur is goed.'],
      // Unknown wording: the boundary after the last sentence end is taken, and said to be uncertain.
      ['', 'De aanpak is flexibel Een geheel onbekende formulering', '✗ Niet goed. LET OP: let hierop.'],
    ]);
    expect(table.rows.map((r) => [r.location.lineStart, r.location.lineEnd])).toEqual([
      [5, 5],
      [6, 7],
    ]);
    const codes = warnings.map((w) => `${w.code}@${w.location?.lineStart}`);
    expect(codes).toContain('flattened_table@4');
    expect(codes).toContain('flattened_table_end@8');
    expect(codes).toContain('flattened_split_uncertain@6');
  });

  it('reports the marks of rows before the first header it finds (a table whose header row the converter dropped)', async () => {
    // odt2txt of pandoc's ODT: pandoc keeps one header row per table, so the first table kept its theme row only.
    const text = [
      'Aanpak: Bijzondere Doelgroepen',
      '',
      'Toeleiding',
      '',
      'De aanpak wordt op tijd in gang gezet',
      '',
      'Het gezin valt onder de definitie GGSR',
      '',
      '✓ De juiste gezinnen komen in de aanpak.',
      '',
      'Gezin centraal',
      '',
      'Criteria',
      '',
      'Indicatoren',
      '',
      'Bevindingen',
      '',
      'Het gezin wordt bij elke stap van de aanpak betrokken',
      '',
      'De doelen zijn met het gezin bepaald',
      '',
      '✓ De doelen worden samen bepaald.',
      '',
    ].join('\n');
    const result = await extractReport(new TextEncoder().encode(text), 'odt2txt.txt');
    if (!result.ok) throw new Error(result.failure.message);
    const report = result.reports[0]!;
    expect(report.findings.map((f) => [f.indicatorId, f.verdict])).toEqual([['CAS-G1.2', 'voldoet']]);
    expect(report.warnings.filter((w) => w.code === 'verdict_unaccounted').map((w) => [w.location?.lineStart, w.message])).toEqual([
      [9, '1 verdict mark(s) at line 9, outside every findings table read: a table in a form the reader does not know'],
    ]);
  });

  it('leaves text without a findings header alone', () => {
    expect(findFlattenedTables('Een tekst ✓ zonder tabel.\nX Nog een zin.')).toEqual({ tables: [], warnings: [] });
  });

  it('refuses flattened follow-up tables with a reason, rather than guessing their year columns', async () => {
    const text = [
      'Uitkomsten verbeterpunten toezichtonderzoek Almere',
      '',
      '   Toeleiding',
      '   Indicator 2013 Multiprobleemgezinnen 2013 Versterkt Verder 2014',
      '   Alle netwerkpartners hanteren dezelfde omschrijving van GGSR X Het ontbreekt. ✓ Het is er nu.',
    ].join('\n');
    const result = await extractReport(new TextEncoder().encode(text), 'followup.txt');
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.failure.code).toBe('no_findings_tables');
      expect(result.failure.message).toMatch(/flattened follow-up/);
    }
  });
});

/**
 * A follow-up report as LibreOffice's text export writes it: every cell on a line of its own, an
 * empty cell as an empty line. The middle table's header repeats a year ("2013 | 2014 | 2014") and
 * is settled by the other two, as for any other reader.
 */
const CELL_PER_LINE = [
  'Uitkomsten verbeterpunten toezichtonderzoek Almere', // 1
  'Toeleiding',
  'Indicator',
  '2013 Multiprobleemgezinnen',
  '2013 Versterkt Verder', // 5
  '2014',
  'Alle netwerkpartners hanteren dezelfde omschrijving van GGSR',
  'X Het ontbreekt.',
  '',
  '✓ Het is er nu.', // 10
  'De netwerkpartners weten waar de gezinnen voor de aanpak kunnen worden aangemeld',
  '',
  'X Niemand weet het.',
  '✓ Het loket is bekend.',
  'Gezin centraal', // 15
  'Indicator',
  '2013',
  '2014',
  '2014',
  'Binnen de aanpak wordt het sociale netwerk van het gezin benut', // 20
  'X Niet benut.',
  '',
  'X Nog niet.',
  'Vervolg uitkomsten verbeterpunten',
  'Continu', // 25
  'Indicator',
  '2013 Multiprobleemgezinnen',
  '2013 Versterkt Verder',
  '2014',
  'Netwerkpartners zorgen voor beschikbaarheid van zorg en ondersteuning voor de gezinnen binnen de aanpak', // 30
  'X Er wordt gewacht.',
  'X Geen afspraken.',
  '✓ Er is geen wachtlijst.',
  '', // 34: the closing paragraph a word processor keeps after the last table
];
const encode = (lines: string[]) => new TextEncoder().encode(`${lines.join('\n')}\n`);
const withLines = (edit: (lines: string[]) => void) => {
  const copy = [...CELL_PER_LINE];
  edit(copy);
  return copy;
};

describe('follow-up tables with one line per cell (LibreOffice text export)', () => {
  it('reads them when every row is its indicator line and one line per column, header as printed', () => {
    const { tables, warnings } = findFlattenedTables(`${CELL_PER_LINE.join('\n')}\n`);
    expect(tables.map((t) => [t.title?.text, t.header.cells, t.header.location.lineStart, t.header.location.lineEnd])).toEqual([
      ['Toeleiding', ['Indicator', '2013 Multiprobleemgezinnen', '2013 Versterkt Verder', '2014'], 3, 6],
      ['Gezin centraal', ['Indicator', '2013', '2014', '2014'], 16, 19],
      ['Continu', ['Indicator', '2013 Multiprobleemgezinnen', '2013 Versterkt Verder', '2014'], 26, 29],
    ]);
    expect(tables[0]!.rows.map((r) => [r.cells, r.location.lineStart, r.location.lineEnd])).toEqual([
      [['Alle netwerkpartners hanteren dezelfde omschrijving van GGSR', 'X Het ontbreekt.', '', '✓ Het is er nu.'], 7, 10],
      [['De netwerkpartners weten waar de gezinnen voor de aanpak kunnen worden aangemeld', '', 'X Niemand weet het.', '✓ Het loket is bekend.'], 11, 14],
    ]);
    expect(warnings.map((w) => `${w.code}@${w.location?.lineStart}`)).toEqual(['flattened_table@3', 'flattened_table@16', 'flattened_table@26']);
  });

  it('gives each verdict its column, the odd header settled by the other tables', async () => {
    const report = await read(encode(CELL_PER_LINE), 'followup.txt');
    expect(report.metadata.level).toBe('vervolg');
    expect(report.findings.map((f) => [f.location.lineStart, f.location.lineEnd, f.columnIndex, f.columnLabel, f.verdict])).toEqual([
      [7, 10, 1, '2013 Multiprobleemgezinnen', 'verbeterpunt'],
      [7, 10, 3, '2014', 'voldoet'],
      [11, 14, 2, '2013 Versterkt Verder', 'verbeterpunt'],
      [11, 14, 3, '2014', 'voldoet'],
      [20, 23, 1, '2013 Multiprobleemgezinnen', 'verbeterpunt'],
      [20, 23, 3, '2014', 'verbeterpunt'],
      [30, 33, 1, '2013 Multiprobleemgezinnen', 'verbeterpunt'],
      [30, 33, 2, '2013 Versterkt Verder', 'verbeterpunt'],
      [30, 33, 3, '2014', 'voldoet'],
    ]);
    expect(report.findings.every((f) => f.indicatorId !== null)).toBe(true);
    expect(report.warnings.map((w) => w.code)).toContain('followup_header_mismatch');
  });

  // Each edit breaks the one-line-per-cell count somewhere; the document is refused with the line.
  it.each([
    ['an empty cell lost (the row has fewer lines than columns)', (l: string[]) => l.splice(8, 1), 10, /line 10, in the place of column 3 of the row of line 7, opens with an indicator/],
    ['a cell over two lines', (l: string[]) => l.splice(7, 1, 'X Het ontbreekt.', 'Dat is jammer.'), 9, /line 9, in the place of column 2 .* no verdict mark: a cell spans several lines/],
    ['a cell of two verdict paragraphs in a table\'s last row', (l: string[]) => l.splice(20, 1, 'X Niet benut.', 'X Ook niet gevraagd.'), 24, /line 24, after the last row, opens with a verdict mark/],
    ['an empty line after a table that is not the text\'s last line', (l: string[]) => l.splice(23, 0, ''), 24, /line 24, after the last row, is empty/],
    ['a second empty line at the end', (l: string[]) => l.push(''), 34, /line 34, after the last row, is empty/],
    ['a sentence after a table (a cell\'s further paragraph?)', (l: string[]) => l.splice(23, 0, 'Dat is nog niet geregeld.'), 24, /line 24, after the last row, reads as a further paragraph/],
    ['an indicator the catalogue does not know', (l: string[]) => l.splice(10, 1, 'Een geheel onbekende formulering'), 13, /line 13, after the table's end at line 11, opens with a verdict mark/],
    ['a header with two years on one line', (l: string[]) => l.splice(3, 2, '2013 Multiprobleemgezinnen 2013 Versterkt Verder'), 3, /the table structure was lost in conversion/],
  ])('refuses the document when %s, saying which line', async (_name, edit, line, reason) => {
    const lines = withLines(edit);
    const { tables, warnings } = findFlattenedTables(`${lines.join('\n')}\n`);
    // One table refused: none of the follow-up tables is read (their columns are settled together).
    expect(tables).toEqual([]);
    const unread = warnings.find((w) => w.code === 'flattened_followup_unread')!;
    expect(unread.location?.lineStart).toBe(line);
    expect(unread.message).toMatch(reason);
    const result = await extractReport(encode(lines), 'followup.txt');
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.failure.code).toBe('no_findings_tables');
      expect(result.failure.message).toMatch(/flattened follow-up tables, not read/);
      expect(result.failure.message).toMatch(reason);
      expect(result.failure.message).toMatch(new RegExp(`\\(line ${line}\\)$`));
    }
  });
});
