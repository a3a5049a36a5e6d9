/**
 * Table styles that converters other than the original ones write, read by findTextTables:
 * pandoc simple and multiline tables, raw HTML tables inside markdown, pandoc's grid-table
 * traces (hard breaks, rst line blocks, cut words) and its smart punctuation.
 */
import { describe, expect, it } from 'vitest';
import { countVerdictMarks, parseFindingsCell } from '../extractors/findings/verdict-marks.js';
import { cellToText, plainTitle, smartPunctuation } from '../extractors/tables/cell-markup.js';
import { readGridTable } from '../extractors/tables/grid-tables.js';
import { findTextTables } from '../extractors/tables/text-tables.js';

const HEADER = ['Criteria', 'Indicatoren', 'Bevindingen'];

describe('pandoc simple and multiline tables', () => {
  it('reads a simple table, its header line as the title row', () => {
    const text = [
      'Intro.',
      '',
      '  Toeleiding                             ',
      '  ---------------- ------------------ -----------',
      '  Criteria         Indicatoren        Bevindingen',
      '  GGSR in beeld    De gemeente heeft  ✓ Ja, zij weet het.',
      '                   Tweede indicator   X Nee.',
      '',
      'Daarna.',
    ].join('\n');
    const { tables } = findTextTables(text);
    expect(tables).toHaveLength(1);
    expect(tables[0]!.title?.text).toBe('Toeleiding');
    expect(tables[0]!.header.cells).toEqual(HEADER);
    expect(tables[0]!.rows.map((r) => r.cells)).toEqual([
      ['GGSR in beeld', 'De gemeente heeft', '✓ Ja, zij weet het.'],
      ['', 'Tweede indicator', 'X Nee.'],
    ]);
    expect(tables[0]!.rows[1]!.location.lineStart).toBe(7);
  });

  it('reads a multiline table: header lines joined, rows separated by blank lines', () => {
    const text = [
      'Toeleiding',
      '',
      '  -----------------------------------------',
      '  Indicator      2013          2014',
      '                 Multiprobleem',
      '  -------------- ------------- ------------',
      '  Alle           X De          ✓ Wel.',
      '  partners       gemeente',
      '',
      '  Tweede         ✓ Ja.         ✓ Ook.',
      '  -----------------------------------------',
    ].join('\n');
    const { tables } = findTextTables(text);
    expect(tables).toHaveLength(1);
    expect(tables[0]!.title?.text).toBe('Toeleiding');
    expect(tables[0]!.header.cells).toEqual(['Indicator', '2013 Multiprobleem', '2014']);
    expect(tables[0]!.rows.map((r) => r.cells)).toEqual([
      ['Alle partners', 'X De gemeente', '✓ Wel.'],
      ['Tweede', '✓ Ja.', '✓ Ook.'],
    ]);
    expect(tables[0]!.rows.map((r) => [r.location.lineStart, r.location.lineEnd])).toEqual([[7, 8], [10, 10]]);
  });

  it('leaves a lone rule and a dash list alone', () => {
    expect(findTextTables('Tekst\n\n-----------\n\n--- ---\n').tables).toEqual([]);
  });
});

describe('raw HTML tables inside markdown', () => {
  it('reads them with the HTML table model (rowspan, theme row) and gives text line numbers', () => {
    const text = [
      '# Bevindingen',
      '',
      '<table>',
      '<tr><th colspan="3">Toeleiding</th></tr>',
      '<tr><th>Criteria</th><th>Indicatoren</th><th>Bevindingen</th></tr>',
      '<tr><td rowspan="2">GGSR in beeld</td><td>Eerste</td><td>✓ Ja.</td></tr>',
      '<tr><td>Tweede</td>',
      '<td><p>X Nee.</p><p>LET OP: iets.</p></td></tr>',
      '</table>',
    ].join('\n');
    const { tables } = findTextTables(text);
    expect(tables).toHaveLength(1);
    expect(tables[0]!.title?.text).toBe('Toeleiding');
    expect(tables[0]!.rows.map((r) => r.cells)).toEqual([
      ['GGSR in beeld', 'Eerste', '✓ Ja.'],
      ['', 'Tweede', 'X Nee.\nLET OP: iets.'],
    ]);
    expect(tables[0]!.rows.map((r) => [r.location.lineStart, r.location.lineEnd, r.location.locator])).toEqual([[6, 6, null], [7, 8, null]]);
  });

  it('takes a paragraph above the table as its title', () => {
    const text = '**Gezin centraal**\n\n<table>\n<tr><td>Criteria</td><td>Indicatoren</td><td>Bevindingen</td></tr>\n<tr><td>C</td><td>I</td><td>✓ Ja.</td></tr>\n</table>';
    expect(findTextTables(text).tables[0]!.title?.text).toBe('Gezin centraal');
  });

  it('reads an en dash spelled in the cells as the text’s own cells read it (Textile: two spaces each side)', () => {
    const text = '<table>\n<tr><td>Criteria</td><td>Indicatoren</td><td>Bevindingen</td></tr>\n<tr><td>C</td><td>I</td><td><p>✓ Zijn  -  summier  -  beschreven, 0-19 jaar.</p>\n</td></tr>\n</table>';
    const { tables } = findTextTables(text);
    expect(tables[0]!.rows.map((r) => [r.cells[2], r.location.lineStart, r.location.lineEnd])).toEqual([['✓ Zijn – summier – beschreven, 0-19 jaar.', 3, 4]]);
  });

  it('reads an unclosed table as text rather than guessing where it ends', () => {
    expect(findTextTables('<table>\n<tr><td>Criteria</td></tr>\n').tables).toEqual([]);
  });
});

describe('pandoc grid-table traces', () => {
  const grid = (rows: string[], text = '') => readGridTable(['+------------+----------+', ...rows, '+------------+----------+'], 0, { smart: false, text }).rows[0]!.cells;

  it('ends a block at a markdown hard break ("\\" at the line end)', () => {
    expect(grid(['| Eerste\\    | a        |', '| Tweede     |          |'])[0]).toBe('Eerste\nTweede');
  });

  it('ends a block at each rst line-block line ("| ")', () => {
    expect(grid(['| | Eerste   | a        |', '| | Tweede   |          |'])[0]).toBe('Eerste\nTweede');
  });

  it('joins a word pandoc cut when the wrapping proves it', () => {
    // "met de" + " zor" would have fitted: "zor" stands alone only because it is a cut remainder.
    expect(grid(['| met de     | a        |', '| zor        |          |', '| g/welzijno |          |'])[0]).toBe('met de zorg/welzijno');
  });

  /** One column of the given inner width, a line per slice, and a second column beside it. */
  const column = (width: number, slices: string[], text = '') => {
    const border = `+${'-'.repeat(width + 2)}+---+`;
    const rows = slices.map((slice, i) => `| ${slice.padEnd(width)} | ${i === 0 ? 'a' : ' '} |`);
    return readGridTable([border, ...rows, border], 0, { smart: false, text }).rows[0]!.cells[0];
  };

  it('ends a cut word before a full-width word the document prints on its own', () => {
    // "t" + "oegeruste" is proven by the wrapping; "regisseur", as wide as the column, could be the word's
    // next piece, but the document prints it as a word beside others.
    expect(column(9, ['Een', 't', 'oegeruste', 'regisseur'], 'Er is één regisseur per gezin.')).toBe('Een toegeruste regisseur');
    // Standing only in the table (the pieces themselves), "zieningen" is no word: it goes on the word.
    expect(column(9, ['De', 'infor', 'matievoor', 'zieningen', 'regisseur'], 'één regisseur per gezin\n| zieningen |')).toBe('De informatievoorzieningen regisseur');
  });

  it('joins the pieces of a very narrow column, which prove nothing either way', () => {
    expect(column(1, ['2', '0', '1', '4'], 'in 2013 en 2014, 1 of 2')).toBe('2014');
  });

  it('joins two pieces neither of which the document or the catalogue prints as a word', () => {
    expect(column(14, ['vanuit het', 'veilighei', 'dsperspectief.'], 'Een veiligheid.')).toBe('vanuit het veiligheidsperspectief.');
    // A short first piece ("do") proves nothing: the two stay apart.
    expect(column(14, ['gezin, tot een', 'do', 'elbeschrijving'])).toBe('gezin, tot een do elbeschrijving');
  });

  it('looks the joined word up without the emphasis around it (rst bold)', () => {
    // "toereikend" is a word of the catalogue's criteria; "toereikend**" is not.
    expect(column(9, ['**De duur', 'toe', 'reikend**'])).toContain('De duur toereikend');
  });

  it('keeps two words apart when nothing proves a cut', () => {
    expect(grid(['| zorgt nu   | a        |', '| voor       |          |', '| informatie |          |'])[0]).toBe('zorgt nu voor informatie');
    expect(grid(['| zorgt nu   | a        |', '| voor       |          |', '| informatie |          |'], 'de voorinformatie')[0]).toBe('zorgt nu voorinformatie');
  });
});

describe('pandoc smart punctuation', () => {
  it('reads plain quotes and dashes back as typographic ones, escaped ones as written (escape consumed)', () => {
    expect(smartPunctuation('In de nota "opgroeien" -- zo \\"echt\\" en it\'s \\\'x\\\'...')).toBe('In de nota “opgroeien” – zo "echt" en it’s \'x\'…');
    expect(cellToText('\\"echt\\" \\[1\\]', true)).toBe('"echt" [1]');
  });

  it('applies only in a document that escapes its straight quotes', () => {
    const row = (evidence: string) => `| Criteria | Indicatoren | Bevindingen |\n|---|---|---|\n| C | I | ${evidence} |`;
    // Straight quotes stay; "--" between words is read as "–" in any document (org writes it so; see cellToText).
    expect(findTextTables(row('✓ Het "plan" -- ja.')).tables[0]!.rows[0]!.cells[2]).toBe('✓ Het "plan" – ja.');
    expect(findTextTables(row('✓ Het "plan"--ja.')).tables[0]!.rows[0]!.cells[2]).toBe('✓ Het "plan"--ja.');
    // Textile's en dash: a hyphen with two spaces each side; one space each side is a hyphen as written.
    expect(findTextTables(row('✓ Zijn  -  summier  -  beschreven.')).tables[0]!.rows[0]!.cells[2]).toBe('✓ Zijn – summier – beschreven.');
    expect(findTextTables(row('✓ Zijn - summier - beschreven.')).tables[0]!.rows[0]!.cells[2]).toBe('✓ Zijn - summier - beschreven.');
    expect(findTextTables(row('✓ Het "plan" -- ja, \\"x\\".')).tables[0]!.rows[0]!.cells[2]).toBe('✓ Het “plan” – ja, "x".');
  });
});

describe('table titles through other writers', () => {
  it('reads a title line without the heading or emphasis marks around it', () => {
    const headings = ['h2. Toeleiding', 'h2. {anchor:toeleiding}Toeleiding', '== Toeleiding {{id name="toeleiding" /}}==', '## Toeleiding {#toeleiding}'];
    for (const line of ['Toeleiding', '## Toeleiding', '**Toeleiding**', '*Toeleiding*', '_Toeleiding_', '/Toeleiding/', "'''Toeleiding'''", "''Toeleiding''", '== Toeleiding ==', ...headings]) {
      expect({ line, title: plainTitle(line) }).toEqual({ line, title: 'Toeleiding' });
    }
    // Marks inside the title, or only on one side, stay; so does a word that only starts like Textile's heading mark.
    expect(plainTitle('Gezin *centraal*')).toBe('Gezin *centraal*');
    expect(plainTitle('h2o. Toeleiding')).toBe('h2o. Toeleiding');
    expect(plainTitle('*Toeleiding')).toBe('*Toeleiding');
    const table = (title: string) => findTextTables(`${title}\n\n| Criteria | Indicatoren | Bevindingen |\n|---|---|---|\n| C | I | ✓ Ja. |`).tables[0]!.title?.text;
    expect(table('*Toeleiding*')).toBe('Toeleiding');
  });
});

describe('one-sign emphasis (Jira, Textile and org bold, markdown italics)', () => {
  it('reads a verdict mark set in emphasis as the mark, alone between the signs only', () => {
    const verdicts = (cell: string) => parseFindingsCell(cell).segments.map((s) => `${s.verdict}: ${s.evidence}`);
    expect(verdicts('*X* De gemeente stelt dat er per gezin 70 uur beschikbaar is.')).toEqual(['verbeterpunt: De gemeente stelt dat er per gezin 70 uur beschikbaar is.']);
    expect(verdicts("_✓_ Goed geregeld. ''X'' Niet vastgelegd.")).toEqual(['voldoet: Goed geregeld.', 'verbeterpunt: Niet vastgelegd.']);
    expect(verdicts('/X/ Geen afspraken.')).toEqual(['verbeterpunt: Geen afspraken.']);
    // Not a mark: a word that begins with X, and an X in the middle of a sentence.
    expect(verdicts('*Xenia* werkt mee.')).toEqual([]);
    expect(verdicts('Het plan *X* is goed.')).toEqual([]);
    expect(countVerdictMarks('*X* Fout. *✓* Goed.')).toBe(2);
  });

  it('keeps the signs of a LET OP remark set in emphasis inside the block out of evidence and remark', () => {
    const [segment] = parseFindingsCell('✓ Eén plan per gezin. *LET OP: Het plan is niet leidend.*').segments;
    expect(segment).toEqual({ verdict: 'voldoet', evidence: 'Eén plan per gezin.', letOp: 'Het plan is niet leidend.' });
    // Unpaired, a sign is text: nothing is taken off.
    expect(parseFindingsCell('✓ Eén plan. *LET OP: niet leidend.').segments[0]).toMatchObject({ evidence: 'Eén plan. *', letOp: 'niet leidend.' });
  });

  it('drops the signs around a whole block, and only there', () => {
    expect(cellToText('*De aanpak is flexibel*')).toBe('De aanpak is flexibel');
    expect(cellToText('✓ Eén plan per gezin.\n*LET OP: De gemeente geeft aan dat dit plan niet leidend is.*')).toBe('✓ Eén plan per gezin.\nLET OP: De gemeente geeft aan dat dit plan niet leidend is.');
    expect(cellToText('*a* en *b*')).toBe('*a* en *b*');
    expect(cellToText('* een lijst')).toBe('* een lijst');
    expect(cellToText('_x_')).toBe('x');
  });
});
