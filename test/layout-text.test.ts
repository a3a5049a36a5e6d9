/**
 * Layout text (pdftotext -layout and the like) read as synthetic PDF pages: the conversion itself
 * and the refusals. The fixture reports' pdftotext -layout renderings (fixtures/converted/
 * pdftotext-layout-*) are checked against their text source by test/converted-variants.test.ts.
 */
import { describe, expect, it } from 'vitest';
import { extractReport } from '../extractors/extract-report.js';
import { cutLine, cutRegion, wordsOf } from '../extractors/input/layout-columns.js';
import { isLayoutHeaderLine, layoutTextPages, looksLikeLayoutText, readLayoutText } from '../extractors/input/layout-text.js';
import { readTextReport } from '../extractors/input/read-text.js';

const TABLE = [
  'Inleiding van het rapport, gemeente Voorbeeld.',
  '',
  '  Toeleiding',
  'Criteria                Indicatoren                      Bevindingen',
  'GGSR zijn in beeld      Alle netwerkpartners hanteren    ✓ De ondervraagden beschrijven de doelgroep',
  '                        dezelfde omschrijving van        als gezinnen met kinderen.',
  '                        GGSR',
  'De aanpak bereikt alle De netwerkpartners weten waar ✓ De ondervraagden noemen de',
  'gezinnen waarvoor dit gezinnen voor de aanpak        coördinator van de aanpak.',
  'nodig is               kunnen worden aangemeld',
  '',
  'Slotwoord na de tabel, in lopende tekst die over de kolommen heen loopt.',
];

describe('layout text → synthetic PDF pages', () => {
  it('splits a line into words with their columns and the spaces before them', () => {
    expect(wordsOf('ab  cd e')).toEqual([
      { text: 'ab', col: 0, end: 2, gap: Infinity },
      { text: 'cd', col: 4, end: 6, gap: 2 },
      { text: 'e', col: 7, end: 8, gap: 1 },
    ]);
    expect(wordsOf('  ✓ Zo')[0]).toMatchObject({ text: '✓', col: 2 });
  });

  it('knows a findings header set out in columns, and not running text that names one', () => {
    expect(isLayoutHeaderLine('Criteria                Indicatoren                      Bevindingen')).toBe(true);
    expect(isLayoutHeaderLine('Indicator                     2013                  2014')).toBe(true);
    expect(isLayoutHeaderLine('De indicatoren en criteria staan in de bevindingen hieronder.')).toBe(false);
    expect(looksLikeLayoutText('| Criteria | Indicatoren | Bevindingen |')).toBe(false);
  });

  it('cuts a line whose cells are one space apart where the lines around it put the edge', () => {
    const edges = [0, 23, 53];
    const cut = cutLine(wordsOf(TABLE[7]!), edges);
    expect(cut.cells.map((c) => c.map((w) => w.text).join(' '))).toEqual(['De aanpak bereikt alle', 'De netwerkpartners weten waar', '✓ De ondervraagden noemen de']);
    expect(cut.guessed).toBe(true);
    // A line that ends before an edge has nothing in that column, however close its last word is.
    expect(cutLine(wordsOf('                 geformuleerd ten aanzien van de'), [0, 17, 49]).cells[2]).toEqual([]);
  });

  it('takes a column edge from the neighbouring lines, not the header, when the cells drift', () => {
    const region = cutRegion(TABLE, 3)!;
    expect(region.lines).toHaveLength(7);
    const texts = region.lines.map((line) => line.cells.map((c) => c.map((w) => w.text).join(' ')));
    expect(texts[4]).toEqual(['De aanpak bereikt alle', 'De netwerkpartners weten waar', '✓ De ondervraagden noemen de']);
    expect(texts[5]).toEqual(['gezinnen waarvoor dit', 'gezinnen voor de aanpak', 'coördinator van de aanpak.']);
    // The running text after the blank line crosses the columns: the table ends before it.
    expect(texts.flat().join(' ')).not.toContain('Slotwoord');
  });

  it('makes one item per word on a character grid, pages split at form feeds, running headers and page numbers left out', () => {
    const body = ['Eerste bladzijde.', 'Tekst van pagina twee.', 'Derde bladzijde.'];
    const page = (n: number) => ['Rapport Voorbeeld – toezicht', '', body[n - 1], '', `Pagina ${n}`].join('\n');
    const { pages } = layoutTextPages([page(1), page(2), page(3)].join('\f'));
    expect(pages.map((p) => p.number)).toEqual([1, 2, 3]);
    expect(pages[1]!.items.map((i) => i.str)).toEqual(['Tekst', 'van', 'pagina', 'twee.']);
    const [tekst, van] = pages[1]!.items;
    expect(van!.x - tekst!.x).toBe(6 * (tekst!.size / 2));
    expect(tekst!.width).toBe(5 * (tekst!.size / 2));
  });

  it('reads the table with its title, rows cut at the marks, each located by the text lines it stands on', () => {
    const doc = readLayoutText(TABLE.join('\n'));
    expect(doc.tables).toHaveLength(1);
    const [table] = doc.tables;
    expect(table!.title?.text).toBe('Toeleiding');
    expect(table!.header.cells).toEqual(['Criteria', 'Indicatoren', 'Bevindingen']);
    expect(table!.rows.map((r) => r.cells)).toEqual([
      ['GGSR zijn in beeld', 'Alle netwerkpartners hanteren dezelfde omschrijving van GGSR', '✓ De ondervraagden beschrijven de doelgroep als gezinnen met kinderen.'],
      ['De aanpak bereikt alle gezinnen waarvoor dit nodig is', 'De netwerkpartners weten waar gezinnen voor de aanpak kunnen worden aangemeld', '✓ De ondervraagden noemen de coördinator van de aanpak.'],
    ]);
    expect(table!.rows.map((r) => [r.location.lineStart, r.location.lineEnd])).toEqual([[5, 7], [8, 10]]);
    expect(doc.warnings).toEqual([expect.objectContaining({ code: 'layout_cells_split_by_estimate', location: expect.objectContaining({ lineStart: 8, lineEnd: 9 }) })]);
    expect(doc.text).toContain('Slotwoord na de tabel');
  });

  it('is the text reader\'s fallback only when no pipe, tab or grid table holds a findings table', () => {
    const bytes = (text: string) => new TextEncoder().encode(text);
    const cells = (criterion: string, indicator: string, findings: string) => `${criterion.padEnd(24)}${indicator.padEnd(33)}${findings}`.trimEnd();
    // TABLE with its single-space row set apart by two spaces or more, as most layout text is.
    const spaced = [
      ...TABLE.slice(0, 7),
      cells('De aanpak bereikt alle', 'De netwerkpartners weten waar', '✓ De ondervraagden noemen de'),
      cells('gezinnen waarvoor dit', 'gezinnen voor de aanpak', 'coördinator van de aanpak.'),
      cells('nodig is', 'kunnen worden aangemeld', ''),
      ...TABLE.slice(10),
    ];
    const layout = readTextReport(bytes(spaced.join('\n')));
    expect(layout.tables).toHaveLength(1);
    expect(layout.tables[0]!.rows).toHaveLength(2);
    const piped = readTextReport(bytes(['| Criteria | Indicatoren | Bevindingen |', '|---|---|---|', '| GGSR zijn in beeld | Alle netwerkpartners hanteren dezelfde omschrijving van GGSR | ✓ Ja. |', '', ...TABLE].join('\n')));
    expect(piped.tables).toHaveLength(1);
    expect(piped.tables[0]!.rows[0]!.cells[2]).toBe('✓ Ja.');
  });

  it('refuses a rebuilt table whose findings show a structural doubt (an indicator the catalogue does not know)', async () => {
    const row = (criterion: string, indicator: string, findings: string) => `${criterion.padEnd(24)}${indicator.padEnd(33)}${findings}`.trimEnd();
    const text = [...TABLE.slice(0, 4), row('GGSR zijn in beeld', 'Iets dat geen indicator is', '✓ De ondervraagden zeggen dit.'), '', 'Slotwoord.'].join('\n');
    const result = await extractReport(new TextEncoder().encode(text), 'layout.txt');
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.failure.code).toBe('no_findings_tables');
      expect(result.failure.message).toMatch(/^tables rebuilt from layout text are not reliable: 1 structural doubt\(s\), first unmapped_indicator \(line 5\)/);
    }
  });

  it('refuses layout text whose cells are set apart by single spaces: the cut would be a guess', () => {
    expect(() => readTextReport(new TextEncoder().encode(TABLE.join('\n')))).toThrow(/lines 8-9 set cells apart by single spaces only/);
  });
});
