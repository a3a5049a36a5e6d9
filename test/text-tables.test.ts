/** Table shapes other converters leave in text: grid tables, wrapped TSV cells, header-less continuations. */
import { describe, expect, it } from 'vitest';
import { findTextTables, splitRowLine } from '../extractors/tables/text-tables.js';
import { FACTSHEET_HEADER, codes, extractText } from './helpers/mini-report.js';

describe('findTextTables', () => {
  it('reads a pandoc grid table, joining each cell’s lines and keeping paragraphs apart', async () => {
    const grid = [
      'Toeleiding',
      '',
      '+--------------------+--------------------------------+---------------------+',
      '| Criteria           | Indicatoren                    | Bevindingen         |',
      '+====================+================================+=====================+',
      '| GGSR zijn in beeld | Alle netwerkpartners hanteren  | ✓ De ondervraagden  |',
      '|                    | dezelfde omschrijving van GGSR | beschrijven het.    |',
      '|                    |                                |                     |',
      '|                    |                                | LET OP: een noot.   |',
      '+--------------------+--------------------------------+---------------------+',
      '|                    | De gemeente heeft zicht op de  | X Geen zicht.       |',
      '|                    | populatie GGSR                 |                     |',
      '+--------------------+--------------------------------+---------------------+',
    ].join('\n');
    const { tables } = findTextTables(grid);
    expect(tables).toHaveLength(1);
    expect(tables[0]!.title?.text).toBe('Toeleiding');
    expect(tables[0]!.rows.map((r) => [r.cells, r.location.lineStart, r.location.lineEnd])).toEqual([
      [['GGSR zijn in beeld', 'Alle netwerkpartners hanteren dezelfde omschrijving van GGSR', '✓ De ondervraagden beschrijven het.\nLET OP: een noot.'], 6, 9],
      [['', 'De gemeente heeft zicht op de populatie GGSR', 'X Geen zicht.'], 11, 12],
    ]);
    const report = await extractText(`${FACTSHEET_HEADER}\n${grid}`);
    expect(report.findings.map((f) => [f.indicatorId, f.verdict, f.letOp])).toEqual([
      ['BEL-T1.1', 'voldoet', 'een noot.'],
      ['BEL-T1.2', 'verbeterpunt', null],
    ]);
  });

  it('joins a tab-separated cell that a converter wrapped onto lines of its own', () => {
    const text = [
      'Criteria\tIndicatoren\tBevindingen',
      'GGSR zijn in beeld\tDe gemeente heeft zicht op de populatie GGSR\t✓ Eerste regel',
      'tweede regel van dezelfde cel.',
      '\tAlle netwerkpartners hanteren dezelfde omschrijving van GGSR\tX Nee.',
      'Tekst na de tabel, zonder witregel.',
    ].join('\n');
    const { tables } = findTextTables(text);
    expect(tables[0]!.rows.map((r) => [r.cells[2], r.location.lineEnd])).toEqual([
      ['✓ Eerste regel\ntweede regel van dezelfde cel.', 3],
      ['X Nee.', 4],
    ]);
  });

  it('reads rows with verdict marks but no header as a continuation of the table above, with a warning', async () => {
    const text = [
      FACTSHEET_HEADER,
      'Criteria\tIndicatoren\tBevindingen',
      'GGSR zijn in beeld\tDe gemeente heeft zicht op de populatie GGSR\t✓ Ja.',
      '',
      'Vervolg',
      '',
      '\tAlle netwerkpartners hanteren dezelfde omschrijving van GGSR\tX Nee.',
    ].join('\n');
    const report = await extractText(text);
    expect(report.findings.map((f) => [f.indicatorId, f.verdict])).toEqual([
      ['BEL-T1.2', 'voldoet'],
      ['BEL-T1.1', 'verbeterpunt'],
    ]);
    expect(codes(report)).toContain('table_header_missing');
  });

  it('reads pipe tables written without the outer pipes', () => {
    const text = ['Toeleiding', '', 'Criteria | Indicatoren | Bevindingen', '--- | --- | ---', 'GGSR zijn in beeld | De gemeente heeft zicht op de populatie GGSR | ✓ Ja.', '', 'Gewone tekst | met een streep.'].join('\n');
    const { tables } = findTextTables(text);
    expect(tables).toHaveLength(1);
    expect(tables[0]!.title?.text).toBe('Toeleiding');
    expect(tables[0]!.rows.map((r) => r.cells)).toEqual([['GGSR zijn in beeld', 'De gemeente heeft zicht op de populatie GGSR', '✓ Ja.']]);
  });

  it('ends a row that ends in a tab (word-extractor on a .doc): the line after it is the next theme, not part of the row', async () => {
    // Every cell followed by a tab, every row ended by a line end, paragraphs without blank lines between.
    const text = [
      'Toeleiding',
      'Criteria\tIndicatoren\tBevindingen\t',
      'GGSR zijn in beeld\tDe gemeente heeft zicht op de populatie GGSR\t✓ Eerste alinea.',
      'Tweede alinea van dezelfde cel.\t',
      '\tAlle netwerkpartners hanteren dezelfde omschrijving van GGSR\tX Nee.\t',
      'Gezin centraal',
      'Criteria\tIndicatoren\tBevindingen\t',
      'De aanpak stelt het gezin en zijn sociale netwerk centraal\tBinnen de aanpak wordt het sociale netwerk van het gezin benut\t✓ Ja.\t',
      'Inhoudsopgave',
      'Voorwoord\t3\t',
      'Een alinea na de inhoudsopgave.',
    ].join('\n');
    const { tables, warnings } = findTextTables(text);
    expect(warnings).toEqual([]);
    expect(tables.map((t) => [t.title?.text, t.rows.map((r) => [r.cells[2], r.location.lineStart, r.location.lineEnd])])).toEqual([
      ['Toeleiding', [['✓ Eerste alinea.\nTweede alinea van dezelfde cel.', 3, 4], ['X Nee.', 5, 5]]],
      ['Gezin centraal', [['✓ Ja.', 8, 8]]],
    ]);
    const report = await extractText(`${FACTSHEET_HEADER}\n${text}`);
    expect(report.findings.map((f) => [f.themeId, f.indicatorId, f.verdict, f.evidence])).toEqual([
      ['toeleiding', 'BEL-T1.2', 'voldoet', 'Eerste alinea. Tweede alinea van dezelfde cel.'],
      ['toeleiding', 'BEL-T1.1', 'verbeterpunt', 'Nee.'],
      ['gezin-centraal', 'BEL-G1.2', 'voldoet', 'Ja.'],
    ]);
  });

  it('keeps headings between tables out of the last cell when no blank line parts them (catdoc)', () => {
    const text = [
      'Toeleiding',
      'Criteria\tIndicatoren\tBevindingen',
      'GGSR zijn in beeld\tDe gemeente heeft zicht op de populatie GGSR\t✓ Ja.',
      'Tweede alinea van de cel.',
      'Vervolg bevindingen toezichtonderzoek',
      'Gezin centraal',
      'Criteria\tIndicatoren\tBevindingen',
      'De aanpak stelt het gezin en zijn sociale netwerk centraal\tBinnen de aanpak wordt het sociale netwerk van het gezin benut\t✓ Ja.',
      'Samenwerkend Toezicht Jeugd',
      'Postbus 19201',
      '',
    ].join('\n');
    const { tables } = findTextTables(text);
    expect(tables.map((t) => [t.title?.text, t.rows.map((r) => r.cells[2])])).toEqual([
      ['Toeleiding', ['✓ Ja.\nTweede alinea van de cel.']],
      ['Gezin centraal', ['✓ Ja.']],
    ]);
  });

  it('keeps a short LET OP line at the end of a cell, however much it looks like a heading', async () => {
    const text = [
      'Toeleiding',
      'Criteria\tIndicatoren\tBevindingen',
      'GGSR zijn in beeld\tDe gemeente heeft zicht op de populatie GGSR\tX Nee.',
      'LET OP: zie bijlage 2',
      '',
    ].join('\n');
    expect(findTextTables(text).tables[0]!.rows[0]!.cells[2]).toBe('X Nee.\nLET OP: zie bijlage 2');
    const report = await extractText(`${FACTSHEET_HEADER}\n${text}`);
    expect(report.findings.map((f) => [f.indicatorId, f.verdict, f.letOp])).toEqual([['BEL-T1.2', 'verbeterpunt', 'zie bijlage 2']]);
  });

  it('refuses a follow-up row that lost cells and goes on over lines without tabs (catdoc drops empty cells)', async () => {
    const text = [
      'Toeleiding',
      'Indicator\t2013\t2013 Versterkt Verder\t2014',
      'Alle netwerkpartners hanteren dezelfde omschrijving van GGSR\tX De beschrijving wordt gemist.',
      '✓ De gemeente heeft nu een omschrijving.',
      '',
    ].join('\n');
    expect(() => findTextTables(text)).toThrow(
      "follow-up table row at line 3 has 2 of its header's 4 cells and goes on over lines without tabs: the converter dropped empty cells, so which year a verdict belongs to cannot be told; import the Word file or PDF itself",
    );
  });

  it('reads Jira and DokuWiki header rows, and a compact markdown row that starts with an empty cell as markdown', () => {
    expect(splitRowLine('|| Criteria || Indicatoren || Bevindingen ||')).toEqual([' Criteria ', ' Indicatoren ', ' Bevindingen ']);
    expect(splitRowLine('^Criteria ^Indicatoren ^Bevindingen ^')).toEqual(['Criteria ', 'Indicatoren ', 'Bevindingen ']);
    expect(splitRowLine('||De gemeente heeft zicht|✓ Ja.|')).toEqual(['', 'De gemeente heeft zicht', '✓ Ja.']);
    expect(splitRowLine('|_. Indicator|_. 2013|_. 2014|')).toEqual(['Indicator', '2013', '2014']);
  });

  it('reads a Muse table: a header row apart by "||", rows apart by "|", no outer bars and no separator line', () => {
    const text = [
      'Toeleiding',
      '',
      ' Indicator                                                     || 2013                 || 2014',
      ' Alle netwerkpartners hanteren dezelfde omschrijving van GGSR |  X Geen omschrijving. |  ✓ Nu wel.',
      '',
    ].join('\n');
    const { tables } = findTextTables(text);
    expect(tables.map((t) => [t.header.cells, t.rows.map((r) => r.cells)])).toEqual([
      [['Indicator', '2013', '2014'], [['Alle netwerkpartners hanteren dezelfde omschrijving van GGSR', 'X Geen omschrijving.', '✓ Nu wel.']]],
    ]);
  });

  it('ignores tab-separated lines that are not findings (a table of contents)', () => {
    const { tables, warnings } = findTextTables('Inhoudsopgave\n\nVoorwoord\t3\n1 Inleiding\t5\n');
    expect(tables).toEqual([]);
    expect(warnings).toEqual([]);
  });
});
