/**
 * The PDF layout reader on made-up text items, one quirk at a time: a row broken by a page break,
 * the repeated header row, page furniture, a check mark drawn after its text, words split by a
 * line-end hyphen, symbol-font stand-ins for ✓ and ✗.
 */
import { describe, expect, it } from 'vitest';
import { layoutPdf } from '../extractors/input/pdf-layout.js';
import { continuesBrokenWord, joinWrapped, type PdfItem, type PdfPage } from '../extractors/input/pdf-lines.js';
import { mayBeSymbolGlyph, normaliseSymbolText } from '../extractors/input/symbol-fonts.js';

/** An item as pdf.js reports it; width from a plain average glyph width. */
const t = (x: number, y: number, str: string, font = 'body', size = 10): PdfItem => ({ str, x, y, width: str.length * size * 0.45, size, font });
const page = (number: number, items: PdfItem[]): PdfPage => ({ number, width: 595, height: 842, items });
const header = (y: number) => [t(57, y, 'Criteria', 'bold'), t(180, y, 'Indicatoren', 'bold'), t(330, y, 'Bevindingen', 'bold')];
const furniture = (number: number) => [t(300, 30, 'Toezichtrapport Testgemeente'), t(290, 815, `Pagina ${number}`)];

describe('PDF tables from text positions', () => {
  const pages = [
    page(1, [
      ...furniture(1),
      t(57, 80, 'Een inleidende alinea die over de volle breedte van de pagina loopt en dan ook nog wat'),
      t(57, 93, 'op de volgende regel verder gaat.'),
      t(57, 120, 'Toeleiding', 'bold'),
      ...header(138),
      // Word draws the check mark after the cell's text; reading order comes from the positions.
      t(57, 160, 'GGSR zijn in beeld'), t(180, 160, 'Alle netwerkpartners hanteren'), t(342, 160, 'De ondervraagden beschrijven'), t(330, 160, '✓', 'symbol'),
      t(180, 173, 'dezelfde omschrijving van GGSR'), t(330, 173, 'dezelfde doelgroep.'),
      t(180, 200, 'De gemeente heeft zicht op de'), t(330, 200, '✗ De gemeente heeft geen zicht'),
      t(180, 213, 'populatie GGSR'), t(330, 213, 'op de omvang van de samen-'),
    ]),
    page(2, [
      ...furniture(2),
      ...header(60),
      // The rest of the row broken by the page: it starts in lower case.
      t(330, 82, 'werkingsverbanden en de wijken.'),
      t(57, 109, 'De aanpak bereikt alle'), t(180, 109, 'De netwerkpartners weten waar'), t(330, 109, '✓ De ondervraagden noemen de'),
      t(57, 122, 'gezinnen'), t(180, 122, 'gezinnen worden aangemeld'), t(330, 122, 'coördinator.'),
      // A new paragraph in the cell: more space above than between its lines.
      t(330, 139, 'LET OP: niet iedereen weet het.'),
      t(57, 170, 'Meer informatie'),
      t(57, 190, 'Samenwerkingsverbanden worden in het rapport verder over de volle breedte beschreven.'),
    ]),
  ];
  const { tables, text } = layoutPdf(pages);

  it('finds one table, its title and header, and stitches the row the page break cut', () => {
    expect(tables).toHaveLength(1);
    const [table] = tables;
    expect(table!.title?.text).toBe('Toeleiding');
    expect(table!.header.cells).toEqual(['Criteria', 'Indicatoren', 'Bevindingen']);
    expect(table!.rows.map((r) => r.cells)).toEqual([
      ['GGSR zijn in beeld', 'Alle netwerkpartners hanteren dezelfde omschrijving van GGSR', '✓ De ondervraagden beschrijven dezelfde doelgroep.'],
      ['', 'De gemeente heeft zicht op de populatie GGSR', '✗ De gemeente heeft geen zicht op de omvang van de samenwerkingsverbanden en de wijken.'],
      ['De aanpak bereikt alle gezinnen', 'De netwerkpartners weten waar gezinnen worden aangemeld', '✓ De ondervraagden noemen de coördinator.\nLET OP: niet iedereen weet het.'],
    ]);
  });

  it('gives each row the page it starts on', () => {
    expect(tables[0]!.rows.map((r) => r.location)).toEqual([1, 1, 2].map((page) => ({ lineStart: null, lineEnd: null, page, locator: null })));
  });

  it('leaves running headers and page numbers out of the text, rejoins wrapped paragraphs, ends the table at the text after it', () => {
    expect(text).not.toMatch(/Toezichtrapport|Pagina/);
    expect(text.split('\n')).toEqual([
      'Een inleidende alinea die over de volle breedte van de pagina loopt en dan ook nog wat op de volgende regel verder gaat.',
      'Toeleiding',
      'Criteria\tIndicatoren\tBevindingen',
      'GGSR zijn in beeld\tAlle netwerkpartners hanteren dezelfde omschrijving van GGSR\t✓ De ondervraagden beschrijven dezelfde doelgroep.',
      '\tDe gemeente heeft zicht op de populatie GGSR\t✗ De gemeente heeft geen zicht op de omvang van de samenwerkingsverbanden en de wijken.',
      'De aanpak bereikt alle gezinnen\tDe netwerkpartners weten waar gezinnen worden aangemeld\t✓ De ondervraagden noemen de coördinator. LET OP: niet iedereen weet het.',
      'Meer informatie',
      'Samenwerkingsverbanden worden in het rapport verder over de volle breedte beschreven.',
    ]);
  });

  it('reads a follow-up header whose cells wrap onto a second line', () => {
    const { tables: followup } = layoutPdf([
      page(1, [
        t(57, 100, 'Indicator', 'bold'), t(200, 100, '2013', 'bold'), t(330, 100, '2014', 'bold'),
        t(200, 113, 'Versterkt Verder', 'bold'),
        t(57, 135, 'De gemeente voert regie'), t(200, 135, 'X Geen regie.'), t(330, 135, '✓ Nu wel.'),
        t(57, 160, 'Er zijn afspraken gemaakt'), t(200, 160, 'X Nee.'), t(330, 160, 'X Nog steeds niet.'),
      ]),
    ]);
    expect(followup[0]!.header.cells).toEqual(['Indicator', '2013 Versterkt Verder', '2014']);
    expect(followup[0]!.rows.map((r) => r.cells)).toEqual([
      ['De gemeente voert regie', 'X Geen regie.', '✓ Nu wel.'],
      ['Er zijn afspraken gemaakt', 'X Nee.', 'X Nog steeds niet.'],
    ]);
  });
});

describe('a table whose header row is not repeated on the next page', () => {
  it('goes on there: the cut-off rest of a row first, then the next rows', () => {
    const { tables, text } = layoutPdf([
      page(1, [
        ...header(700),
        t(57, 722, 'Coördinatie'), t(180, 722, 'De gemeente voert regie op'), t(330, 722, '✓ De gemeente financiert de aanpak.'),
        t(180, 735, 'de aanpak voor GGSR'), t(330, 735, 'Zij maakt afspraken met de'),
        t(330, 748, 'organisaties.'),
      ]),
      page(2, [
        // The findings cell goes on with a new sentence, in its column alone.
        t(330, 60, 'Die worden jaarlijks geëvalueerd.'),
        t(180, 85, 'Er zijn samenwerkingsafspraken'), t(330, 85, '✗ Er zijn geen afspraken.'),
        t(180, 98, 'gemaakt over de aanpak'),
        t(57, 130, 'Na de tabel volgt weer gewone tekst die over de volle breedte van de pagina loopt.'),
      ]),
    ]);
    expect(tables[0]!.rows.map((r) => [r.cells, r.location.page])).toEqual([
      [['Coördinatie', 'De gemeente voert regie op de aanpak voor GGSR', '✓ De gemeente financiert de aanpak. Zij maakt afspraken met de organisaties. Die worden jaarlijks geëvalueerd.'], 1],
      [['', 'Er zijn samenwerkingsafspraken gemaakt over de aanpak', '✗ Er zijn geen afspraken.'], 2],
    ]);
    expect(text.split('\n').at(-1)).toBe('Na de tabel volgt weer gewone tekst die over de volle breedte van de pagina loopt.');
  });
});

describe('layouts of other page setups', () => {
  it('keeps a list indented inside an indicator cell in its row, even after a wide gap', () => {
    const { tables } = layoutPdf([
      page(1, [
        ...header(100),
        t(57, 122, 'Toereikende'), t(180, 122, 'De informatie is toereikend om:'), t(330, 122, '✓ De adviseur deelt informatie.'),
        t(57, 135, 'informatie'),
        // The list's top margin makes the gap wider than between two rows.
        t(200, 160, '- Doelen te bepalen'), t(200, 173, '- De aanpak te bepalen'),
        t(180, 195, 'De informatie is actueel'), t(330, 195, '✓ Ja.'),
      ]),
    ]);
    expect(tables[0]!.rows.map((r) => r.cells)).toEqual([
      ['Toereikende informatie', 'De informatie is toereikend om:\n- Doelen te bepalen - De aanpak te bepalen', '✓ De adviseur deelt informatie.'],
      ['', 'De informatie is actueel', '✓ Ja.'],
    ]);
  });

  it('reads each page by its own columns when the repeated header shows them laid out anew', () => {
    const { tables } = layoutPdf([
      page(1, [
        ...header(700),
        t(57, 722, 'Vasthoudend'), t(180, 722, 'Er wordt outreachend gewerkt'), t(330, 722, '✓ Thuisbegeleiding.'),
        t(180, 750, 'Het gezin wordt niet losgelaten'), t(330, 750, '✗ Wel bij weigering.'),
      ]),
      page(2, [
        t(57, 60, 'Criteria', 'bold'), t(150, 60, 'Indicatoren', 'bold'), t(400, 60, 'Bevindingen', 'bold'),
        t(57, 82, 'Coördinatie'), t(150, 82, 'De gemeente voert regie op de aanpak'), t(400, 82, '✓ Zij financiert.'),
      ]),
    ]);
    expect(tables).toHaveLength(1);
    expect(tables[0]!.rows.map((r) => r.cells)).toEqual([
      ['Vasthoudend', 'Er wordt outreachend gewerkt', '✓ Thuisbegeleiding.'],
      ['', 'Het gezin wordt niet losgelaten', '✗ Wel bij weigering.'],
      ['Coördinatie', 'De gemeente voert regie op de aanpak', '✓ Zij financiert.'],
    ]);
  });

  it('splits header cells that touch where the body shows a column edge, and rejoins a header word broken at its edge', () => {
    const { tables } = layoutPdf([
      page(1, [
        t(57, 100, 'Indicator', 'bold'), t(180, 100, '2013 Multiprobleemgezinnen', 'bold', 10), { ...t(297, 100, '2013 Versterkt', 'bold'), x: 180 + 26 * 4.5 }, t(420, 100, '2014', 'bold'),
        t(57, 135, 'De gemeente voert regie'), t(180, 135, 'X Geen regie.'), t(297, 135, 'X Geen.'), t(420, 135, '✓ Nu wel.'),
        t(57, 160, 'Er zijn afspraken gemaakt'), t(180, 160, 'X Nee.'), t(297, 160, 'X Nee.'), t(420, 160, 'X Nog steeds niet.'),
        t(57, 185, 'De gemeente heeft zicht'), t(180, 185, '✓ Ja.'), t(297, 185, '✓ Ja.'), t(420, 185, '✓ Ja.'),
      ]),
    ]);
    expect(tables[0]!.header.cells).toEqual(['Indicator', '2013 Multiprobleemgezinnen', '2013 Versterkt', '2014']);
  });

  it('leaves out a landscape page\'s running header and footer, which sit deeper than a tenth in', () => {
    const landscape = (number: number, items: PdfItem[]): PdfPage => ({ number, width: 842, height: 595, items: [t(570, 67, 'Toezichtrapport Testgemeente'), t(400, 522, `Pagina ${number}`), ...items] });
    const { text } = layoutPdf([
      landscape(1, [t(57, 110, 'Eerste pagina.')]),
      landscape(2, [t(57, 110, 'Tweede pagina.')]),
    ]);
    expect(text).not.toMatch(/Toezichtrapport|Pagina/);
    expect(text).toMatch(/Eerste pagina\..*Tweede pagina\./s);
  });
});

describe('cells set about their row\'s middle (Word/LibreOffice "centre vertically")', () => {
  it('finds rows by the blocks of text in each column: merged criterion, cells of several paragraphs, baselines apart', () => {
    const { tables } = layoutPdf([
      page(1, [
        ...header(100),
        // A one-line indicator beside a three-line findings cell: it sits on the middle line.
        t(330, 122, '✓ De gemeente financiert de'), t(180, 137, 'De gemeente voert regie'), t(330, 137, 'aanpak en voert zelf de'), t(330, 152, 'regie.'),
        // A criterion merged over two rows, set about their joint middle, half a line off the others' baselines.
        t(57, 148, 'Coördinatie en'), t(57, 163, 'samenwerking'),
        t(180, 174, 'Er zijn afspraken'), t(330, 181.5, '✗ Er zijn geen afspraken.'), t(180, 189, 'gemaakt over de aanpak'),
        // A findings cell of two paragraphs; the second stands clear of everything beside it.
        t(330, 211, '✓ De adviseur deelt de'), t(330, 226, 'informatie met alle'), t(180, 235.5, 'De informatie is actueel'), t(330, 241, 'partners.'),
        t(330, 260, 'LET OP: niet altijd op tijd.'),
        t(180, 282, 'Er is een plan'), t(330, 282, '✓ Ja.'),
        t(57, 330, 'Na de tabel volgt weer gewone tekst die over de volle breedte van de pagina loopt.'),
      ]),
    ]);
    expect(tables[0]!.rows.map((r) => r.cells)).toEqual([
      ['Coördinatie en samenwerking', 'De gemeente voert regie', '✓ De gemeente financiert de aanpak en voert zelf de regie.'],
      ['', 'Er zijn afspraken gemaakt over de aanpak', '✗ Er zijn geen afspraken.'],
      ['', 'De informatie is actueel', '✓ De adviseur deelt de informatie met alle partners.\nLET OP: niet altijd op tijd.'],
      ['', 'Er is een plan', '✓ Ja.'],
    ]);
  });

  it('keeps a criterion line after a wide gap in the table when the row\'s findings follow it', () => {
    const { tables } = layoutPdf([
      page(1, [
        ...header(100),
        t(330, 122, '✓ Ja, de gemeente'), t(180, 137, 'De gemeente voert regie'), t(330, 137, 'voert de regie.'), t(330, 152, 'Zij financiert.'),
        // The criterion is the row's tallest cell: its first line comes first, alone, after the row gap.
        t(57, 174, 'De aanpak'), t(57, 189, 'bereikt alle'), t(180, 189, 'Het gezin wordt aangemeld'), t(330, 189, '✓ Ja, snel.'), t(57, 204, 'gezinnen'),
      ]),
    ]);
    expect(tables[0]!.rows.map((r) => r.cells)).toEqual([
      ['', 'De gemeente voert regie', '✓ Ja, de gemeente voert de regie. Zij financiert.'],
      ['De aanpak bereikt alle gezinnen', 'Het gezin wordt aangemeld', '✓ Ja, snel.'],
    ]);
  });

  it('stitches a row cut by a page break: its rest is set about the middle of its part on the next page', () => {
    const { tables } = layoutPdf([
      page(1, [
        ...header(700),
        t(330, 722, '✓ De gemeente heeft beleid'), t(180, 737, 'Er is beleid'), t(330, 737, 'voor de doelgroep'), t(330, 752, 'vastgesteld.'),
        t(180, 774, 'De netwerkpartners hebben'), t(330, 774, '✓ De doelen zijn erop'),
        t(180, 789, 'gezamenlijke doelen'), t(330, 789, 'gericht dat het gezin'),
      ]),
      page(2, [
        ...header(60),
        t(330, 82, 'zelfstandig kan functioneren.'),
        t(180, 104, 'De resultaten worden'), t(330, 111.5, '✗ Geen afspraken.'), t(180, 119, 'bijgehouden'),
      ]),
    ]);
    expect(tables).toHaveLength(1);
    expect(tables[0]!.rows.map((r) => [r.cells, r.location.page])).toEqual([
      [['', 'Er is beleid', '✓ De gemeente heeft beleid voor de doelgroep vastgesteld.'], 1],
      [['', 'De netwerkpartners hebben gezamenlijke doelen', '✓ De doelen zijn erop gericht dat het gezin zelfstandig kan functioneren.'], 1],
      [['', 'De resultaten worden bijgehouden', '✗ Geen afspraken.'], 2],
    ]);
  });

  it('reads a header cell wrapped above and below the header\'s line, at wide line spacing', () => {
    const { tables } = layoutPdf([
      page(1, [
        t(57, 60, 'Toeleiding', 'bold'),
        t(330, 85, '2013', 'bold'),
        t(180, 92.5, '2013', 'bold'),
        t(57, 100, 'Indicator', 'bold'), t(330, 100, 'Versterkt', 'bold'), t(450, 100, '2014', 'bold'),
        t(180, 107.5, 'Multiprobleemgezinnen', 'bold'),
        t(330, 115, 'Verder', 'bold'),
        t(57, 137, 'De gemeente voert regie'), t(180, 137, 'X Geen regie.'), t(330, 137, 'X Geen.'), t(450, 137, '✓ Nu wel.'),
        t(57, 160, 'Er zijn afspraken gemaakt'), t(180, 160, 'X Nee.'), t(330, 160, 'X Nee.'), t(450, 160, 'X Nog steeds niet.'),
      ]),
    ]);
    expect(tables[0]!.title?.text).toBe('Toeleiding');
    expect(tables[0]!.header.cells).toEqual(['Indicator', '2013 Multiprobleemgezinnen', '2013 Versterkt Verder', '2014']);
    expect(tables[0]!.rows).toHaveLength(2);
  });
});

describe('another table\'s header repeated over a table\'s rest (LibreOffice)', () => {
  it('goes on with the open table and its columns when the header\'s own edges cut through the text below', () => {
    const { tables } = layoutPdf([
      page(1, [
        t(57, 680, 'Samenwerking', 'bold'),
        ...header(700),
        t(57, 722, 'Coördinatie'), t(180, 722, 'De gemeente voert regie'), t(330, 722, '✓ Ja.'),
        t(180, 750, 'De netwerkpartners geven hun'), t(330, 750, '✓ De netwerkpartners hebben hun'),
      ]),
      page(2, [
        // Another table's title and header, its columns elsewhere.
        t(57, 40, 'Aanpak', 'bold'),
        t(57, 60, 'Criteria', 'bold'), t(150, 60, 'Indicatoren', 'bold'), t(250, 60, 'Bevindingen', 'bold'),
        t(180, 82, 'medewerkers de bevoegdheid om'), t(330, 82, 'medewerkers de bevoegdheid gegeven.'),
        t(57, 110, 'Toereikende'), t(180, 110, 'Informatie wordt gedeeld'), t(330, 110, '✗ Nee.'),
      ]),
    ]);
    expect(tables).toHaveLength(1);
    expect(tables[0]!.title?.text).toBe('Samenwerking');
    expect(tables[0]!.rows.map((r) => r.cells)).toEqual([
      ['Coördinatie', 'De gemeente voert regie', '✓ Ja.'],
      ['', 'De netwerkpartners geven hun medewerkers de bevoegdheid om', '✓ De netwerkpartners hebben hun medewerkers de bevoegdheid gegeven.'],
      ['Toereikende', 'Informatie wordt gedeeld', '✗ Nee.'],
    ]);
  });
});

describe('column edges', () => {
  it('takes a centred header cell\'s column from where its text starts below', () => {
    const { tables } = layoutPdf([
      page(1, [
        t(57, 100, 'Criteria', 'bold'), t(180, 100, 'Indicatoren', 'bold'), t(420, 100, 'Bevindingen', 'bold'),
        t(57, 122, 'Coördinatie'), t(180, 122, 'De gemeente voert regie op'), t(330, 122, '✓ De gemeente financiert de'),
        t(180, 135, 'de aanpak voor GGSR'), t(330, 135, 'aanpak en voert de regie.'),
        t(180, 160, 'Er zijn samenwerkings-'), t(330, 160, '✗ Er zijn geen afspraken'),
        t(180, 173, 'afspraken gemaakt'), t(330, 173, 'vastgelegd.'),
      ]),
    ]);
    expect(tables[0]!.rows.map((r) => r.cells)).toEqual([
      ['Coördinatie', 'De gemeente voert regie op de aanpak voor GGSR', '✓ De gemeente financiert de aanpak en voert de regie.'],
      ['', 'Er zijn samenwerkings-afspraken gemaakt', '✗ Er zijn geen afspraken vastgelegd.'],
    ]);
  });
});

describe('line-end hyphens', () => {
  const none = new Set<string>();
  it('removes a soft hyphen, and U+2010 which browsers draw for one', () => {
    expect(joinWrapped('de samen\u00AD', 'werking', none)).toBe('de samenwerking');
    expect(joinWrapped('de samen\u2010', 'werking', none)).toBe('de samenwerking');
  });
  it('keeps a hard hyphen: Dutch hyphenates compounds', () => {
    expect(joinWrapped('de zorg-', 'coördinatie', none)).toBe('de zorg-coördinatie');
    expect(joinWrapped('tussen 0-', '19 jaar', none)).toBe('tussen 0-19 jaar');
    expect(joinWrapped('Noord\u2010', 'Holland', none)).toBe('Noord-Holland');
  });
  it('joins a hyphen after a sign to the word it prefixes', () => {
    expect(joinWrapped('ondersteuning /-', 'opvang huishoudens', none)).toBe('ondersteuning /-opvang huishoudens');
    expect(joinWrapped('een losse -', 'streep', none)).toBe('een losse - streep');
  });
  it('rejoins a word broken without a hyphen only when the document spells it whole', () => {
    expect(continuesBrokenWord('Multiprobleemgezi', 'nnen', new Set(['multiprobleemgezinnen']))).toBe(true);
    expect(continuesBrokenWord('samenwerkingsovereenkomst', 'vastgesteld', none)).toBe(false);
    expect(continuesBrokenWord('samenwerkingsafspraken', ', leiden', none)).toBe(true);
    expect(continuesBrokenWord('samenwerking', 'Almere', new Set(['samenwerkingalmere']))).toBe(false);
  });
  it('keeps the space of an elided compound part', () => {
    expect(joinWrapped('het drang-', 'en dwangkader', none)).toBe('het drang- en dwangkader');
  });
  it('joins a word the document spells without the hyphen elsewhere', () => {
    expect(joinWrapped('geen samenwerkings-', 'afspraken', new Set(['samenwerkingsafspraken']))).toBe('geen samenwerkingsafspraken');
    expect(joinWrapped('geen samenwerkings-', 'afspraken', new Set(['samenwerkingsafspraken', 'samenwerkings-afspraken']))).toBe('geen samenwerkings-afspraken');
  });
  it('joins other lines with a space', () => {
    expect(joinWrapped('de gemeente', 'heeft', none)).toBe('de gemeente heeft');
  });
});

describe('verdict marks in symbol fonts', () => {
  it('reads Wingdings stand-ins as the marks they draw, by font name only', () => {
    expect(normaliseSymbolText('ü', 'BCDEEE+Wingdings-Regular')).toBe('✓');
    expect(normaliseSymbolText('û', 'Wingdings')).toBe('✗');
    expect(normaliseSymbolText('\uF0FC', 'Wingdings')).toBe('✓');
    expect(normaliseSymbolText('\uF0FB', 'ABCDEF+Wingdings')).toBe('✗');
    expect(normaliseSymbolText('þ', 'Wingdings')).toBe('☑');
    expect(normaliseSymbolText('P', 'Wingdings2')).toBe('✓');
    expect(normaliseSymbolText('O', 'Wingdings 2')).toBe('✗');
    expect(normaliseSymbolText('Ö', 'Symbol')).toBe('√');
    expect(normaliseSymbolText('\uF0B4', 'SymbolMT')).toBe('×');
    expect(normaliseSymbolText('4', 'ZapfDingbats')).toBe('✔');
  });
  it('leaves the same letters alone in a text font', () => {
    expect(normaliseSymbolText('ü', 'ABCDEF+Calibri')).toBe('ü');
    expect(normaliseSymbolText('Über', 'Arial')).toBe('Über');
  });
  it('asks for font names only for characters that may be stand-ins', () => {
    expect(mayBeSymbolGlyph('ü')).toBe(true);
    expect(mayBeSymbolGlyph('\uF0D6')).toBe(true);
    // Read as ✓ and as a bullet whatever the font, so no font name is needed.
    expect(mayBeSymbolGlyph('\uF0FC')).toBe(false);
    expect(mayBeSymbolGlyph('\uF0B7')).toBe(false);
    expect(mayBeSymbolGlyph('De gemeente')).toBe(false);
    expect(mayBeSymbolGlyph('één')).toBe(false);
  });
});
