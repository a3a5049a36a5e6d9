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

  it('reads a Jira row whose cells go on over lines that start no row, up to the line that closes it', async () => {
    const jira = [
      '|| Aanpak ||  ||  ||',
      '| Criteria | Indicatoren | Bevindingen |',
      '| Planmatig | De gemeente heeft beleid voor de groep GGSR',
      'De gemeente zorgt voor een gezamenlijke visie op de aanpak voor GGSR | ✓ Er is beleid.',
      'X Er is geen gezamenlijke visie. |',
      '|  | De netwerkpartners hebben gezamenlijke doelen geformuleerd ten aanzien van de aanpak van GGSR | ✓ Er zijn doelen.',
      '*LET OP: niet op papier.* |',
    ].join('\n');
    const { tables } = findTextTables(jira);
    expect(tables[0]!.rows.map((r) => [r.cells, r.location.lineStart, r.location.lineEnd])).toEqual([
      [['Planmatig', 'De gemeente heeft beleid voor de groep GGSR\nDe gemeente zorgt voor een gezamenlijke visie op de aanpak voor GGSR', '✓ Er is beleid.\nX Er is geen gezamenlijke visie.'], 3, 5],
      [['', 'De netwerkpartners hebben gezamenlijke doelen geformuleerd ten aanzien van de aanpak van GGSR', '✓ Er zijn doelen.\nLET OP: niet op papier.'], 6, 7],
    ]);
    const report = await extractText(`${FACTSHEET_HEADER}\n${jira}`);
    expect(report.findings.map((f) => [f.indicatorId, f.verdict, f.letOp])).toEqual([
      ['BEL-A1.1', 'voldoet', null],
      ['BEL-A1.2', 'verbeterpunt', null],
      ['BEL-A1.3', 'voldoet', 'niet op papier.'],
    ]);
    expect(codes(report)).not.toContain('verdict_unaccounted');
  });

  it('reads a ZimWiki row: "\\n" line breaks in a cell, its later paragraphs after blank lines, a bar alone closing it', async () => {
    const zim = [
      '|Aanpak   |                                                                     |           |',
      '|---------|---------------------------------------------------------------------|-----------|',
      '|Criteria |Indicatoren                                                          |Bevindingen|',
      '|Planmatig|De gemeente heeft beleid voor de groep GGSR\\nDe gemeente zorgt voor een gezamenlijke visie op de aanpak voor GGSR|✓ Er is beleid.',
      '',
      'X Er is geen gezamenlijke visie.',
      '|',
    ].join('\n');
    const { tables } = findTextTables(zim);
    expect(tables[0]!.rows.map((r) => [r.cells, r.location.lineStart, r.location.lineEnd])).toEqual([
      [['Planmatig', 'De gemeente heeft beleid voor de groep GGSR\nDe gemeente zorgt voor een gezamenlijke visie op de aanpak voor GGSR', '✓ Er is beleid.\nX Er is geen gezamenlijke visie.'], 4, 7],
    ]);
    const report = await extractText(`${FACTSHEET_HEADER}\n${zim}`);
    expect(report.findings.map((f) => [f.indicatorId, f.verdict, f.sharedCell])).toEqual([
      ['BEL-A1.1', 'voldoet', false],
      ['BEL-A1.2', 'verbeterpunt', false],
    ]);
  });

  it('leaves an open bar row alone when the lines after it do not close it with the row’s width', () => {
    // A markdown row may leave out its closing bar; text right under a table is not its cell.
    const open = ['| Criteria | Indicatoren | Bevindingen |', '| GGSR zijn in beeld | De gemeente heeft zicht op de populatie GGSR | ✓ Ja.', 'Een alinea na de tabel.', ''];
    expect(findTextTables(open.join('\n')).tables[0]!.rows.map((r) => [r.cells.length, r.location.lineEnd])).toEqual([[3, 2]]);
    // Past a blank line only a bar alone closes the row: a line that ends in a bar there is other text.
    const afterBlank = ['| Criteria | Indicatoren | Bevindingen |', '| GGSR zijn in beeld | De gemeente heeft zicht op de populatie GGSR | ✓ Ja.', '', 'Tekst die op een streep | eindigt |'];
    expect(findTextTables(afterBlank.join('\n')).tables[0]!.rows.map((r) => [r.cells.length, r.location.lineEnd])).toEqual([[3, 2]]);
    const wider = ['| Criteria | Indicatoren | Bevindingen |', '| GGSR zijn in beeld | De gemeente heeft zicht', 'op de populatie | GGSR | ✓ Ja. |'];
    expect(findTextTables(wider.join('\n')).tables[0]!.rows.map((r) => [r.cells.length, r.location.lineStart])).toEqual([[2, 2]]);
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

  it('reads a Muse row whose first cell is empty: white space, then the bar that parts it from the next', () => {
    const text = [
      ' Toeleiding                 ||                                              || ',
      ' Criteria                   |  Indicatoren                                  |  Bevindingen',
      ' GGSR zijn in beeld         |  Alle netwerkpartners hanteren dezelfde omschrijving van GGSR |  ✓ Ja.',
      '                            |  De gemeente heeft zicht op de populatie GGSR |  X Nee.',
      '',
    ].join('\n');
    expect(findTextTables(text).tables[0]!.rows.map((r) => r.cells)).toEqual([
      ['GGSR zijn in beeld', 'Alle netwerkpartners hanteren dezelfde omschrijving van GGSR', '✓ Ja.'],
      ['', 'De gemeente heeft zicht op de populatie GGSR', 'X Nee.'],
    ]);
  });

  it('starts a new grid table at a border right under a border with its corners elsewhere (Muse: no line between tables)', () => {
    const grid = (widths: number[], rows: string[][]) => {
      const border = `+${widths.map((w) => '-'.repeat(w + 2)).join('+')}+`;
      return [border, ...rows.flatMap((cells) => [`|${cells.map((c, i) => ` ${c.padEnd(widths[i]!)} `).join('|')}|`, border])];
    };
    const text = [
      ...grid([18, 44, 11], [['Criteria', 'Indicatoren', 'Bevindingen'], ['GGSR zijn in beeld', 'De gemeente heeft zicht op de populatie GGSR', '✓ Ja.']]),
      ...grid([24, 60, 11], [['Criteria', 'Indicatoren', 'Bevindingen'], ['Een toegeruste regisseur', 'De doorzettingsmacht voor de regisseur is geregeld', 'X Nee.']]),
    ].join('\n');
    const { tables } = findTextTables(text);
    // The second table's title is not the first table's last row.
    expect(tables.map((t) => [t.header.location.lineStart, t.title, t.rows.map((r) => r.cells)])).toEqual([
      [2, null, [['GGSR zijn in beeld', 'De gemeente heeft zicht op de populatie GGSR', '✓ Ja.']]],
      [7, null, [['Een toegeruste regisseur', 'De doorzettingsmacht voor de regisseur is geregeld', 'X Nee.']]],
    ]);
  });

  it('infers the columns of tables that lost their header rows (Muse of Word tables), each titled by its theme above', async () => {
    const grid = (criterion: string, indicator: string, finding: string) => `| ${criterion} | ${indicator} | ${finding} |`;
    const text = [
      '**Toeleiding**',
      '',
      grid('GGSR zijn in beeld', 'Alle netwerkpartners hanteren dezelfde omschrijving van GGSR', '✓ Ja.'),
      grid('', 'De gemeente heeft zicht op de populatie GGSR', 'X Nee.'),
      '**Gezin centraal**',
      '',
      grid('De aanpak stelt het gezin en zijn sociale netwerk centraal', 'Binnen de aanpak wordt de eigen kracht van het gezin ondersteund en benut', '✓ Ja.'),
      grid('', 'Binnen de aanpak wordt het sociale netwerk van het gezin benut', '✓ Ook.'),
    ].join('\n');
    const { tables, warnings } = findTextTables(text);
    expect(tables.map((t) => [t.title?.text, t.header.cells, t.rows.length])).toEqual([
      ['Toeleiding', ['Criteria', 'Indicatoren', 'Bevindingen'], 2],
      ['Gezin centraal', ['Criteria', 'Indicatoren', 'Bevindingen'], 2],
    ]);
    expect(warnings.map((w) => [w.code, w.location?.lineStart])).toEqual([
      ['table_header_missing', 3],
      ['table_header_missing', 7],
    ]);
    const report = await extractText(`${FACTSHEET_HEADER}\n${text}`);
    expect(report.findings.map((f) => [f.indicatorId, f.verdict, f.themeRaw])).toEqual([
      ['BEL-T1.1', 'voldoet', 'Toeleiding'],
      ['BEL-T1.2', 'verbeterpunt', 'Toeleiding'],
      ['BEL-G1.1', 'voldoet', 'Gezin centraal'],
      ['BEL-G1.2', 'voldoet', 'Gezin centraal'],
    ]);
  });

  it('takes the row above org’s rule for the theme when the header comes after it', () => {
    const text = ['| Toeleiding         |                                              |        |', '|--------------------+----------------------------------------------+--------|', '| Criteria           | Indicatoren                                  | Bevindingen |', '| GGSR zijn in beeld | De gemeente heeft zicht op de populatie GGSR | ✓ Ja. |'].join('\n');
    const { tables } = findTextTables(text);
    expect(tables.map((t) => [t.title?.text, t.header.cells, t.rows.map((r) => r.cells)])).toEqual([
      ['Toeleiding', ['Criteria', 'Indicatoren', 'Bevindingen'], [['GGSR zijn in beeld', 'De gemeente heeft zicht op de populatie GGSR', '✓ Ja.']]],
    ]);
  });

  it('joins a cell’s list that a one-line-per-row writer put on a row of its own to the cell that announces it', () => {
    const text = [
      '| Criteria | Indicatoren | Bevindingen |',
      '| Toereikende informatie | De beschikbare informatie over het gezin is toereikend om: | ✓ De adviseur speelt een rol -- met name bij aanvang -- in de informatie. |',
      '|  | - Een probleemanalyse te maken - Doelen te bepalen |  |',
      '|  | - Geen lijst: de cel erboven eindigt niet op een dubbele punt |  |',
    ].join('\n');
    expect(findTextTables(text).tables[0]!.rows.map((r) => [r.cells, r.location.lineStart, r.location.lineEnd])).toEqual([
      [['Toereikende informatie', 'De beschikbare informatie over het gezin is toereikend om: - Een probleemanalyse te maken - Doelen te bepalen', '✓ De adviseur speelt een rol – met name bij aanvang – in de informatie.'], 2, 3],
      [['', '- Geen lijst: de cel erboven eindigt niet op een dubbele punt', ''], 4, 4],
    ]);
  });

  it('ignores tab-separated lines that are not findings (a table of contents)', () => {
    const { tables, warnings } = findTextTables('Inhoudsopgave\n\nVoorwoord\t3\n1 Inleiding\t5\n');
    expect(tables).toEqual([]);
    expect(warnings).toEqual([]);
  });
});

describe("Python html2text's tables (hard-break rows, extractors/tables/hard-break-rows.ts)", () => {
  // Rows hard-wrapped at 78 columns, each ended by two spaces; the theme row a one-column table above the
  // header; the criterion's rowspan leaves its cell out of the row below; "LET OP" a paragraph of its own;
  // a line of spaces between rows; a cell of indicators run together, and its verdict paragraphs after a blank line.
  const text = [
    'Toeleiding  ',
    '---  ',
    'Criteria| Indicatoren| Bevindingen  ',
    'GGSR zijn in beeld| Alle netwerkpartners hanteren dezelfde omschrijving van',
    'GGSR| ✓ De ondervraagden beschrijven de doelgroep als gezinnen met meerdere',
    'problemen.  ',
    ' **LET OP: de omschrijving is nog niet',
    'vastgelegd.**  ',
    'De gemeente heeft zicht op de populatie GGSR| ✗ Geen zicht op de omvang.  ',
    '  ',
    'De aanpak bereikt alle gezinnen waarvoor dit nodig is| De netwerkpartners weten',
    'waar gezinnen voor de aanpak kunnen worden aangemeld  ',
    'Netwerkpartners en alle relevante partijen melden GGSR aan voor de aanpak|',
    '',
    '✓ Iedereen weet het.',
    '',
    '✗ Niet iedereen meldt aan.  ',
    '  ',
    '',
  ].join('\n');

  it('reads each row whole, the left-out criterion cell as empty, paragraphs apart', () => {
    const { tables } = findTextTables(text);
    expect(tables.map((t) => [t.title?.text, t.header.cells])).toEqual([['Toeleiding', ['Criteria', 'Indicatoren', 'Bevindingen']]]);
    expect(tables[0]!.rows.map((r) => [r.cells, r.location.lineStart, r.location.lineEnd])).toEqual([
      [['GGSR zijn in beeld', 'Alle netwerkpartners hanteren dezelfde omschrijving van GGSR', '✓ De ondervraagden beschrijven de doelgroep als gezinnen met meerdere problemen.\nLET OP: de omschrijving is nog niet vastgelegd.'], 4, 8],
      [['', 'De gemeente heeft zicht op de populatie GGSR', '✗ Geen zicht op de omvang.'], 9, 9],
      [
        [
          'De aanpak bereikt alle gezinnen waarvoor dit nodig is',
          'De netwerkpartners weten waar gezinnen voor de aanpak kunnen worden aangemeld\nNetwerkpartners en alle relevante partijen melden GGSR aan voor de aanpak',
          '✓ Iedereen weet het.\n✗ Niet iedereen meldt aan.',
        ],
        11,
        17,
      ],
    ]);
  });

  it('gives every verdict to its indicator, the LET OP note to its finding', async () => {
    const report = await extractText(`${FACTSHEET_HEADER}\n${text}`);
    expect(report.findings.map((f) => [f.indicatorId, f.verdict, f.letOp])).toEqual([
      ['BEL-T1.1', 'voldoet', 'de omschrijving is nog niet vastgelegd.'],
      ['BEL-T1.2', 'verbeterpunt', null],
      ['BEL-T2.1', 'voldoet', null],
      ['BEL-T2.2', 'verbeterpunt', null],
    ]);
    expect(codes(report)).toEqual([]);
  });
});
