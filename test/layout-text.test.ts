/**
 * Layout text (pdftotext -layout and the like) read as synthetic PDF pages: the conversion itself
 * and the refusals. The fixture reports' pdftotext -layout renderings (fixtures/converted/
 * pdftotext-layout-*) are checked against their text source by test/converted-variants.test.ts.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { extractReport } from '../extractors/extract-report.js';
import { cutLine, cutRegion, wordsOf } from '../extractors/input/layout-columns.js';
import { isLayoutHeaderLine, layoutTextPages, looksLikeLayoutText, readLayoutText } from '../extractors/input/layout-text.js';
import { inFrameworkWording } from '../extractors/input/wording-lines.js';
import { centredRows, looksCentred } from '../extractors/input/layout-centred.js';
import { classifyHeader } from '../extractors/tables/header-row.js';
import { readTextReport } from '../extractors/input/read-text.js';

/** A line of three cells that start at these character columns (0, first, first + second), as layout text sets them. */
const columnsAt = (first: number, second: number) => (a: string, b: string, c: string) => `${a.padEnd(first)}${b.padEnd(second)}${c}`.trimEnd();

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
  it('gives a cell the column whose label stands nearest its start: two labels one space apart ("2014 2014", html2text at 80 columns)', () => {
    const text = [
      'Indicator               2013                    2014 2014',
      'Binnen de aanpak wordt  X Uit antwoorden en          X In de nieuwe werkwijze',
      'het sociale netwerk van documenten blijkt niet       zal hieraan aandacht',
      'het gezin benut         dat het sociale netwerk      besteed gaan worden.',
    ].join('\n');
    const { tables } = readLayoutText(text);
    expect(tables.map((t) => [t.header.cells, t.rows.map((r) => r.cells.map((c) => c.slice(0, 18)))])).toEqual([
      [['Indicator', '2013', '2014', '2014'], [['Binnen de aanpak w', 'X Uit antwoorden e', '', 'X In de nieuwe wer']]],
    ]);
  });

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
    expect(doc.warnings).toEqual([8, 9].map((line) => expect.objectContaining({ code: 'layout_cells_split_by_estimate', severity: 'warning', location: expect.objectContaining({ lineStart: line, lineEnd: line }) })));
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

  it('reads layout text whose cells are set apart by single spaces, the findings of those lines warned', async () => {
    const result = await extractReport(new TextEncoder().encode(TABLE.join('\n')), 'layout.txt');
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    const [report] = result.reports;
    expect(report!.findings.map((f) => [f.indicatorId, f.verdict, f.evidence])).toEqual([
      ['BEL-T1.1', 'voldoet', 'De ondervraagden beschrijven de doelgroep als gezinnen met kinderen.'],
      ['BEL-T2.1', 'voldoet', 'De ondervraagden noemen de coördinator van de aanpak.'],
    ]);
    const cuts = report!.warnings.filter((w) => w.code === 'layout_cells_split_by_estimate');
    expect(cuts.map((w) => [w.findingIndex, w.location?.lineStart])).toEqual([[1, 8], [1, 9]]);
  });

  it('cuts a one-space line at the verdict mark near the edge, not at a word nearer to it', () => {
    const line = wordsOf('                       Het gezin wordt geholpen met ✓ De gezinnen worden op alle');
    const cut = cutLine(line, [0, 23, 56]);
    expect(cut.cells.map((c) => c.map((w) => w.text).join(' '))).toEqual(['', 'Het gezin wordt geholpen met', '✓ De gezinnen worden op alle']);
  });

  it('knows a line of a criterion or indicator cell the wordings could print, and one they could not', () => {
    const line = (text: string) => inFrameworkWording(text.split(' '));
    expect(line('voldoende toegerust om')).toBe(true);
    // The end of one indicator and the start of the next, run together in one cell.
    expect(line('de groep GGSR De gemeente')).toBe(true);
    expect(line('voldoende toegerust om pilot')).toBe(false);
    expect(line('zijn verbonden aan de aanpak de')).toBe(false);
    // Case counts: a capital where the wording has none starts another cell.
    expect(line('De duur van De')).toBe(false);
  });

  it("lets the framework's wordings decide a one-space cut that nearness would get wrong", () => {
    const cells = (text: string, edges: number[]) => cutLine(wordsOf(text), edges, inFrameworkWording).cells.map((c) => c.map((w) => w.text).join(' '));
    // pdftotext moved the evidence line five characters left: "een" is nearer the edge, but
    // "voldoende toegerust om pilot" is no line of any wording and "voldoende toegerust om" is.
    expect(cells('                 voldoende toegerust om pilot een goed opgeleide ambulante', [0, 17, 45])).toEqual(['', 'voldoende toegerust om', 'pilot een goed opgeleide ambulante']);
    expect(cells('werken mee aan de    zijn verbonden aan de aanpak de aanpak. Zo worden met name', [0, 21, 54])).toEqual(['werken mee aan de', 'zijn verbonden aan de aanpak', 'de aanpak. Zo worden met name']);
    expect(cells('De duur van De afspraak is dat de       ✓ De betrokkenheid van de', [0, 13, 40])).toEqual(['De duur van', 'De afspraak is dat de', '✓ De betrokkenheid van de']);
    // pdftotext glued two cells ("vanHet"): the capital at the column edge starts the indicator cell.
    expect(cutRegion(['Criteria               Indicatoren                      Bevindingen', 'Het sociale netwerk vanHet sociale netwerk van het      ✗ Het sociale netwerk wordt niet'], 0)!.lines[1]!.cells.map((c) => c.map((w) => w.text).join(' '))).toEqual(['Het sociale netwerk van', 'Het sociale netwerk van het', '✗ Het sociale netwerk wordt niet']);
    // Nothing within the usual reach, and the wordings show the cut six characters left of the edge.
    expect(cells('                      de groep GGSR De gemeente gezinnen met complexe problematiek op meerdere', [0, 22, 54])).toEqual(['', 'de groep GGSR De gemeente', 'gezinnen met complexe problematiek op meerdere']);
    // Six characters left of the edge, beyond the usual reach: only because every nearer cut leaves words no wording has.
    expect(cells('                      de groep GGSR De gemeente beleid vastgesteld voor deze gezinnen.', [0, 22, 54])).toEqual(['', 'de groep GGSR De gemeente', 'beleid vastgesteld voor deze gezinnen.']);
    // Without the wordings, the word nearest the edge.
    expect(cutLine(wordsOf('                 voldoende toegerust om pilot een goed'), [0, 17, 45]).cells[2]!.map((w) => w.text)).toEqual(['een', 'goed']);
  });

  it('reads Wingdings marks left as ü and û as the marks that open rows', async () => {
    const text = TABLE.map((line) => line.replace('✓ De ondervraagden noemen', 'û De ondervraagden noemen').replace('✓', 'ü')).join('\n');
    const result = await extractReport(new TextEncoder().encode(text), 'layout.txt');
    expect(result.ok && result.reports[0]!.findings.map((f) => [f.indicatorId, f.verdict])).toEqual([['BEL-T1.1', 'voldoet'], ['BEL-T2.1', 'verbeterpunt']]);
  });

  it("locates a nota's metadata and narrative by the file's lines, and says its paragraphs were rejoined by estimate", async () => {
    const file = 'fixtures/converted/pdftotext-layout-browser/001_c669e5a01401b566.txt';
    const lines = readFileSync(file, 'utf8').split('\n');
    const result = await extractReport(readFileSync(file), '001.txt');
    if (!result.ok) throw new Error(result.failure.message);
    const [report] = result.reports;
    const evidence = report!.metadata.municipalityEvidence!;
    expect(lines[evidence.location!.lineStart! - 1]!.trim()).toBe(evidence.phrase);
    const { sections, quotes } = report!.narrative!;
    expect(sections.length).toBeGreaterThan(5);
    for (const section of sections) expect(lines[section.location!.lineStart! - 1]).toContain(`${section.number} ${section.heading}`);
    for (const quote of quotes) expect(lines[quote.location!.lineStart! - 1]).toContain(quote.text.split(' ').slice(0, 4).join(' '));
    expect(report!.warnings.filter((w) => w.code === 'narrative_from_layout_text')).toHaveLength(1);
  });

  it('refuses layout text with a verdict mark after the first header that no findings cell took', async () => {
    const drifted = [...TABLE, '', 'Vervolg', '', '      Netwerkpartners en alle relevante         ✓ Een breed spectrum aan organisaties.'];
    const result = await extractReport(new TextEncoder().encode(drifted.join('\n')), 'layout.txt');
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.failure.message).toMatch(/1 of 3 verdict marks in the text are in no findings cell/);
  });

  it('refuses a follow-up row with one mark per indicator in one column and fewer in another (rows_cut_ambiguous)', async () => {
    // The second indicator's first line has no mark, so no row starts there: its row and the first are
    // read as one, and the 2014 column's only mark would be shared with the first indicator, which has none.
    const cells = columnsAt(44, 40);
    const text = [
      'Vervolgonderzoek Reset Thuisbegeleiding, gemeente Dordrecht.',
      '',
      '  Samenwerking',
      cells('Indicator', '2013 Reset Thuisbegeleiding', '2014 Reset Thuisbegeleiding'),
      cells('Alle partijen die relevant zijn, zijn', '✗ Een van de netwerkpartners noemt', ''),
      cells('verbonden aan de aanpak', 'alleen het maatschappelijk werk.', ''),
      cells('Er zijn samenwerkingsafspraken gemaakt', '', ''),
      cells('over de aanpak', '✗ Er is geen formele overeenkomst.', '✗ De afspraken zijn summier.'),
      '',
      'Slotwoord.',
    ].join('\n');
    const result = await extractReport(new TextEncoder().encode(text), 'layout.txt');
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.failure.message).toMatch(/first rows_cut_ambiguous \(line 5\): a row whose cut was read off the text holds 2 indicators with one mark each in one column and fewer in another/);
  });

  it("reads a follow-up header's labels wrapped over lines, and a year one space after the label before it", () => {
    const wrapped = cutRegion([
      '   Indicator                2013 Multiprobleemgezinnen                     2013        2014',
      '                                                                           Versterkt',
      '                                                                           Verder',
      '   Alle netwerkpartners     X De gemeenschappelijkheid wordt gemist.                   ✓ De gemeente heeft geen',
    ], 0)!;
    expect(wrapped.header.texts).toEqual(['Indicator', '2013 Multiprobleemgezinnen', '2013 Versterkt Verder', '2014']);
    expect(wrapped.headerLines).toBe(3);
    const joined = cutRegion([
      'Indicator                     2013                  2013 Versterkt Verder 2014',
      '                              Multiprobleemgezinnen',
      'Alle netwerkpartners          X De                                                 ✓ De gemeente heeft geen',
    ], 0)!;
    expect(joined.header.texts).toEqual(['Indicator', '2013 Multiprobleemgezinnen', '2013 Versterkt Verder', '2014']);
    expect(joined.header.cols).toEqual([0, 30, 52, 74]);
    // Under a header carried over from the page before, the first lines are rows, not labels.
    expect(cutRegion(['Indicator                     2013                  2014', '                              gemist.'], 0, undefined, true)!.headerLines).toBe(1);
  });

  it('ends a table before a heading over the next one, set right under its last row', () => {
    // TABLE's first row, then the heading right under it.
    const text = [
      ...TABLE.slice(0, 7),
      'Vervolg bevindingen toezichtonderzoek',
      '',
      '  Gezin centraal',
      'Criteria                Indicatoren                      Bevindingen',
      'De aanpak stelt het     Binnen de aanpak wordt de        ✓ Het gezin staat centraal.',
      'gezin centraal          eigen kracht benut',
    ].join('\n');
    const doc = readLayoutText(text);
    expect(doc.tables.map((t) => t.rows.map((r) => r.cells[1]))).toEqual([
      ['Alle netwerkpartners hanteren dezelfde omschrijving van GGSR'],
      ['Binnen de aanpak wordt de eigen kracht benut'],
    ]);
  });

  it('keeps a colophon set right under the last row out of the row', () => {
    const doc = readLayoutText([
      '  Continu',
      'Criteria                Indicatoren                      Bevindingen',
      'De aanpak krijgt indien De regisseur bekijkt aan het     ✓ De problemen zijn aan het einde',
      'nodig een vervolg       einde van de aanpak wat nog      beheersbaar.',
      '                        nodig is',
      'Meer informatie',
      'Samenwerkend Toezicht Jeugd',
      'Postbus 19201',
    ].join('\n'));
    expect(doc.tables[0]!.rows.map((r) => r.cells[0])).toEqual(['De aanpak krijgt indien nodig een vervolg']);
    expect(doc.text).toContain('Meer informatie');
  });

  it('goes on past a criterion line between rows when the next line starts a cell beyond the criterion column', () => {
    // A criterion centred in its rows, as wkhtmltopdf's landscape pages set it: "aanpak" stands alone
    // after a line without criterion text, and the table goes on under it.
    const text = [
      'Criteria           Indicatoren                         Bevindingen',
      'Benodigde          Alle partijen die relevant zijn,    ✓ Vanuit de aanpak zijn alle partijen',
      'partijen werken    zijn verbonden aan de aanpak        verbonden.',
      'mee aan de',
      '                   Er zijn samenwerkingsafspraken      ✗ Aan de aanpak liggen geen',
      'aanpak',
      '                   gemaakt over de aanpak              afspraken ten grondslag.',
    ].join('\n');
    // The cut takes in every line (it ended at "aanpak", and what stood under it was set at raw positions).
    expect(layoutTextPages(text).regions).toEqual([{ start: 1, end: 7 }]);
    const doc = readLayoutText(text);
    // The centred criterion still cuts the second row in two: its second half's indicator matches no
    // wording, so the rebuild is refused rather than read wrong.
    expect(doc.tables[0]!.rows.map((r) => r.cells[2])).toEqual(['✓ Vanuit de aanpak zijn alle partijen verbonden.', '✗ Aan de aanpak liggen geen', 'afspraken ten grondslag.']);
  });

  it('carries a table open at the foot of a page over to the next page, header and all', async () => {
    // The header is the page's last line; the rows go on after the form feed at their raw positions,
    // the findings two characters left of the header's edge.
    const text = [
      'Rapport over de gemeente Voorbeeld.',
      '',
      '  Toeleiding',
      'Criteria                Indicatoren                      Bevindingen',
      '\fGGSR zijn in beeld      Alle netwerkpartners hanteren  ✓ De ondervraagden beschrijven de doelgroep',
      '                        dezelfde omschrijving van      als gezinnen met kinderen.',
      '                        GGSR',
      '',
      'Slotwoord.',
    ].join('\n');
    const doc = readLayoutText(text);
    expect(doc.tables.flatMap((t) => t.rows.map((r) => r.cells))).toEqual([
      ['GGSR zijn in beeld', 'Alle netwerkpartners hanteren dezelfde omschrijving van GGSR', '✓ De ondervraagden beschrijven de doelgroep als gezinnen met kinderen.'],
    ]);
  });

  it('refuses a shared cell whose marks disagree (gemengd): in rebuilt text that is rows read as one', async () => {
    // Three indicators beside one cell of two verdicts, ✓ and ✗: the cell cannot be split one to one and
    // each indicator would get "gemengd", a verdict the report gives none of them.
    const cells = columnsAt(12, 44);
    const text = (verdicts: string) => [
      'Rapport over de gemeente Voorbeeld.', '', '  Aanpak',
      cells('Criteria', 'Indicatoren', 'Bevindingen'),
      cells('Planmatig', 'De resultaten van de aanpak worden', verdicts),
      cells('', 'bijgehouden', ''),
      cells('', 'De gemeente evalueert de resultaten van', ''),
      cells('', 'de aanpak', ''),
      cells('', 'De netwerkpartners evalueren de', ''),
      cells('', 'resultaten van de aanpak', ''),
      '', 'Slotwoord.',
    ].join('\n');
    const mixed = await extractReport(new TextEncoder().encode(text('✓ Er is een onderzoek. ✗ Er wordt niet geëvalueerd.')), 'layout.txt');
    expect(mixed.ok).toBe(false);
    if (!mixed.ok) expect(mixed.failure.message).toMatch(/first shared_cell \(line 5\): 3 indicators share one findings cell/);
    const agreeing = await extractReport(new TextEncoder().encode(text('✓ Er is een onderzoek. ✓ Er wordt geëvalueerd.')), 'layout.txt');
    expect(agreeing.ok && agreeing.reports[0]!.findings.map((f) => [f.indicatorId, f.verdict, f.sharedCell])).toEqual([
      ['BEL-A1.4', 'voldoet', true],
      ['BEL-A1.5', 'voldoet', true],
      ['BEL-A1.6', 'voldoet', true],
    ]);
  });

  it('refuses a row under a shared cell when their marks disagree, and reads it when they agree', async () => {
    // Layout text cannot tell a cell of four indicators and two paragraphs from a cell of three and a
    // row of one: with ✓ and ✗ the two readings give different verdicts, with ✓ and ✓ the same.
    const cells = columnsAt(12, 44);
    const report = (second: string) => [
      'Rapport over de gemeente Voorbeeld.', '', '  Aanpak',
      cells('Criteria', 'Indicatoren', 'Bevindingen'),
      cells('Planmatig', 'De resultaten van de aanpak worden', '✓ De gemeente stelt dat er een'),
      cells('', 'bijgehouden', 'tevredenheidsonderzoek is gedaan.'),
      cells('', 'De gemeente evalueert de resultaten van', ''),
      cells('', 'de aanpak', ''),
      cells('', 'De netwerkpartners evalueren de', ''),
      cells('', 'resultaten van de aanpak', ''),
      cells('', 'Op basis van de evaluatie wordt het', second),
      cells('', 'beleid gecontinueerd dan wel bijgesteld', ''),
      '', 'Slotwoord.',
    ].join('\n');
    const disagree = await extractReport(new TextEncoder().encode(report('✗ De gemeente en netwerkpartners evalueren niet samen.')), 'layout.txt');
    expect(disagree.ok).toBe(false);
    if (!disagree.ok) expect(disagree.failure.message).toMatch(/first rows_cut_ambiguous \(line 5\): a cell of 3 indicators with 1 mark\(s\) above a row whose cut was read off the text/);
    const agree = await extractReport(new TextEncoder().encode(report('✓ De gemeente en netwerkpartners evalueren samen.')), 'layout.txt');
    expect(agree.ok && agree.reports[0]!.findings.map((f) => [f.indicatorId, f.verdict])).toEqual([['BEL-A1.4', 'voldoet'], ['BEL-A1.5', 'voldoet'], ['BEL-A1.6', 'voldoet'], ['BEL-A1.7', 'voldoet']]);
  });

  it('refuses two rows that hold one mark per indicator only together (rows_cut_ambiguous)', async () => {
    // pdftotext -layout of a Word PDF: the third indicator starts on the line of the second mark, and
    // nothing in the text says that the row does not start there.
    const text = [
      'Rapport over de gemeente Voorbeeld.',
      '',
      '  Aanpak',
      'Criteria    Indicatoren                  Bevindingen',
      'Planmatig   De gemeente heeft beleid   ✓ In de nota staan opgroei- en',
      '            voor de groep GGSR         opvoedondersteuning in Dordrecht',
      '            De gemeente zorgt voor een beschreven.',
      '            gezamenlijke visie op de',
      '            aanpak voor GGSR',
      '            De netwerkpartners hebben ✗ De gemeente zegt niet te weten of er een',
      '            gezamenlijke doelen        gezamenlijke visie is ontwikkeld.',
      '            geformuleerd ten aanzien',
      '            van de aanpak van GGSR',
      '                                       ✓ De doelen zijn erop gericht dat het gezin',
      '                                       weer zelfstandig kan functioneren.',
      '',
      'Slotwoord.',
    ].join('\n');
    const result = await extractReport(new TextEncoder().encode(text), 'layout.txt');
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.failure.message).toMatch(/^tables rebuilt from layout text are not reliable: 1 structural doubt\(s\), first rows_cut_ambiguous \(line 5\): two rows whose cut was read off the text hold 2 indicator\(s\) with 1 mark\(s\) and 1 with 2/);
  });

  it("knows html2text's header, its labels one space apart where the line below puts its cells, and not a flattened table's", () => {
    // A run cut before a column label inside it: "Criteria Indicatoren" is no label, the two are.
    expect(isLayoutHeaderLine('Criteria Indicatoren     Bevindingen')).toBe(true);
    // All labels one space apart: a header only where the next line starts a cell right under each.
    const html2text = ['Criteria Indicatoren Bevindingen', 'De       Het gezin   ✓ De juiste gezinnen komen in de aanpak.', 'aanpak   valt onder'];
    expect(looksLikeLayoutText(html2text.join('\n'))).toBe(true);
    expect(cutRegion(html2text, 0)!.header.cols).toEqual([0, 9, 21]);
    // Cells centred in their rows start lower: the lines under the header show the columns within a few lines.
    expect(looksLikeLayoutText(['Criteria Indicatoren Bevindingen', '         Het gezin', '         valt onder  ✓ De juiste gezinnen.'].join('\n'))).toBe(true);
    const lynx = ['   Criteria Indicatoren Bevindingen', '   De aanpak wordt op tijd in gang gezet Het gezin valt onder de definitie GGSR ✓ De juiste'];
    expect(looksLikeLayoutText(lynx.join('\n'))).toBe(false);
    expect(isLayoutHeaderLine('Criteria Indicatoren Bevindingen')).toBe(false);
  });

  it('puts a word that starts right at a column edge after one space in that column (html2text)', () => {
    // html2text's columns are exact: "en" at the indicator edge is the indicator's, though the line ends within two characters of it.
    const cut = cutLine(wordsOf('toereikend en'), [0, 11, 27]);
    expect(cut.cells.map((c) => c.map((w) => w.text).join(' '))).toEqual(['toereikend', 'en', '']);
  });

  it('cuts rows that follow each other line after line, every line opening a row (html2text)', () => {
    // Every line but one opens a row: the engine's line pitch must still come from a cell's own lines.
    const cells = columnsAt(13, 60);
    const doc = readLayoutText([
      'Aanpak',
      cells('Criteria', 'Indicatoren', 'Bevindingen'),
      cells('Planmatig', 'De gemeente heeft beleid voor de groep GGSR', '✓ In de nota staan opgroei en opvoedondersteuning beschreven.'),
      cells('', 'De gemeente zorgt voor een gezamenlijke visie op de aanpak', '✗ De gemeente zegt niet te weten of er een gezamenlijke visie is.'),
      cells('', 'De netwerkpartners hebben gezamenlijke doelen geformuleerd', '✓ De doelen zijn erop gericht dat het gezin weer zelfstandig'),
      cells('', '', 'kan functioneren.'),
      cells('', 'De resultaten van de aanpak worden bijgehouden', '✓ De gemeente stelt dat er een tevredenheidsonderzoek is gedaan.'),
      cells('Een', 'De doorzettingsmacht voor de regisseur is geregeld', '✗ Er zijn geen afspraken gemaakt over de doorzettingsmacht.'),
      cells('toegeruste', 'De regisseur is voldoende toegerust om zijn functie uit te', '✗ Het merendeel van de netwerkpartners is van mening dat er'),
      cells('regisseur', 'oefenen', 'selectie-eisen zijn voor een regisseur.'),
      '',
      'Slotwoord.',
    ].join('\n'));
    expect(doc.tables[0]!.rows.map((r) => r.cells[2]!.slice(0, 4))).toEqual(['✓ In', '✗ De', '✓ De', '✓ De', '✗ Er', '✗ He']);
  });

  it("reads html2text's '*' before a list item in a cell as a bullet, not as the cell's text", () => {
    const doc = readLayoutText([
      'Criteria    Indicatoren                                                Bevindingen',
      'Toereikende De beschikbare informatie over het gezin is toereikend om: ✓ De adviseur speelt een positieve rol.',
      'informatie      * - Een probleemanalyse te maken - Doelen te bepalen',
    ].join('\n'));
    expect(doc.tables[0]!.rows[0]!.cells[1]).toBe('De beschikbare informatie over het gezin is toereikend om:\n- Een probleemanalyse te maken - Doelen te bepalen');
  });

  // html2text of HTML whose cells are centred vertically (valign="middle"): a criterion merged over
  // rows stands in their middle, and a short cell on the middle lines of a tall one.
  const centred = (second: string) => {
    const cells = columnsAt(12, 17);
    return [
      'Rapport over de gemeente Voorbeeld.',
      '',
      'Gezin centraal',
      cells('Criteria', 'Indicatoren', 'Bevindingen'),
      cells('', 'De', ''),
      cells('', 'probleemanalyse', '✓ De gezinnen zijn betrokken bij het op tafel krijgen van hun problemen.'),
      cells('', 'is met het', ''),
      cells('', 'gezin gemaakt.', ''),
      cells('Het gezin', 'De doelen zijn', '✓ De doelen worden in de regiegroep bepaald.'),
      cells('wordt bij', 'met het gezin', ''),
      cells('elke stap', 'bepaald', ''),
      cells('van de', 'De aanpak is', ''),
      cells('aanpak', 'met het gezin', second),
      cells('betrokken', 'bepaald', ''),
      cells('', 'De evaluatie', ''),
      cells('', 'vindt samen met', '✓ Het gezin is betrokken bij de afronding.'),
      cells('', 'het gezin', ''),
      cells('', 'plaats', ''),
      cells('De eigen', 'Met het gezin', ''),
      cells('kracht van', 'wordt bekeken', ''),
      cells('het gezin', 'welke problemen', '✓ De regiegroep geeft opdrachten mee aan de ouders.'),
      cells('wordt', 'zij zelf kunnen', ''),
      cells('ondersteund', 'oplossen', ''),
      cells('en benut', '', ''),
      '',
      'Slotwoord.',
    ].join('\n');
  };

  it('reads a table whose cells are centred in their rows by where its indicators and verdict paragraphs overlap', () => {
    const doc = readLayoutText(centred('✓ De aanpak wordt in de regiegroep bepaald.'));
    expect(doc.tables[0]!.rows.map((r) => [r.cells[0], r.cells[1], r.cells[2]!.slice(0, 12)])).toEqual([
      ['Het gezin wordt bij elke stap van de aanpak betrokken', 'De probleemanalyse is met het gezin gemaakt.', '✓ De gezinne'],
      ['', 'De doelen zijn met het gezin bepaald', '✓ De doelen '],
      ['', 'De aanpak is met het gezin bepaald', '✓ De aanpak '],
      ['', 'De evaluatie vindt samen met het gezin plaats', '✓ Het gezin '],
      ['De eigen kracht van het gezin wordt ondersteund en benut', 'Met het gezin wordt bekeken welke problemen zij zelf kunnen oplossen', '✓ De regiegr'],
    ]);
  });

  it('leaves a centred table as it stands when an indicator beside no verdict lies between rows whose marks disagree', () => {
    const region = cutRegion(centred('').split('\n'), 3, inFrameworkWording)!;
    const kind = classifyHeader(region.header.texts)!;
    expect(looksCentred(region, kind, false)).toBe(true);
    // Without its paragraph "De aanpak is met het gezin bepaald" stands beside nothing: with the ✓ rows
    // around it, it goes with the row above; with a ✗ below, which row it belongs to decides its verdict.
    expect('rows' in centredRows(region, kind)).toBe(true);
    const disagree = cutRegion(centred('').replace('✓ Het gezin is betrokken', '✗ Het gezin is niet betrokken').split('\n'), 3, inFrameworkWording)!;
    expect(centredRows(disagree, kind)).toEqual({ doubt: 'an indicator beside no verdict paragraph, between rows whose marks disagree' });
  });

  it('leaves a top-aligned table to the top-aligned reading, though its first row goes on under a criterion above', () => {
    // A page's repeated header over a row cut by the page break: the first line has no criterion, but
    // every row starts its cells on one line and the criterion on its row's first line.
    const cells = columnsAt(23, 36);
    const lines = [
      cells('Criteria', 'Indicatoren', 'Bevindingen'),
      cells('', 'Bij stagnatie van de intensieve', '✗ Er zijn geen opschalingsmogelijkheden.'),
      cells('', 'zorg en ondersteuning op', 'Dit blijkt uit de documenten.'),
      cells('', 'casusniveau zijn', ''),
      cells('', 'opschalingsmogelijkheden geregeld', ''),
      cells('Benodigde partijen', 'Alle partijen die relevant zijn,', '✗ Niet alle relevante partijen zijn'),
      cells('werken mee aan de', 'zijn verbonden aan de aanpak', 'betrokken bij de aanpak.'),
      cells('aanpak', '', ''),
    ];
    const region = cutRegion(lines, 0, inFrameworkWording)!;
    const kind = classifyHeader(region.header.texts)!;
    expect(looksCentred(region, kind, false)).toBe(true);
    expect(centredRows(region, kind)).toEqual({ doubt: 'every row starts its cells on one line' });
  });

  // w3m of the ruled HTML: header labels centred over their columns, cells centred in their rows.
  const w3m = [
    '                                                                         Gezin centraal',
    '       Criteria                     Indicatoren                                                 Bevindingen',
    '                        Binnen de aanpak wordt de eigen     ✓ Het gezin staat centraal in de aanpak. De gemeente motiveert dit.',
    '                        kracht van het gezin ondersteund en terugkeren. De aanpak heeft als doel de zelfredzaamheid.',
    '                        benut',
    'De aanpak stelt het     Binnen de aanpak wordt het sociale  ✓ In het activiteitenplan staat het sociale netwerk.',
    'gezin en zijn sociale   netwerk van het gezin benut',
    'netwerk centraal        Binnen de aanpak is de behoefte van ✓ Behoeften van het gezin zijn uitgangspunt in deze aanpak.',
    '                        het gezin uitgangspunt bij het      Hierin staan praktijksituaties beschreven.',
    '                        bepalen wat nodig is',
    '',
    '                                                                           Aanpak',
    '  Criteria               Indicatoren                                       Bevindingen',
  ];
  const texts = (cells: { text: string }[][]) => cells.map((c) => c.map((w) => w.text).join(' '));

  it('takes column edges from the lines under a header whose labels are centred over their columns (w3m)', () => {
    const region = cutRegion(w3m, 1, inFrameworkWording)!;
    // "Indicatoren" stands 13 characters right of where its cells start, "Bevindingen" 40: cut at the
    // labels, the marks would land in the indicator column.
    expect(texts(region.lines[1]!.cells)).toEqual(['', 'Binnen de aanpak wordt de eigen', '✓ Het gezin staat centraal in de aanpak. De gemeente motiveert dit.']);
    expect(texts(region.lines[2]!.cells)).toEqual(['', 'kracht van het gezin ondersteund en', 'terugkeren. De aanpak heeft als doel de zelfredzaamheid.']);
    expect(texts(region.lines[6]!.cells)).toEqual(['netwerk centraal', 'Binnen de aanpak is de behoefte van', '✓ Behoeften van het gezin zijn uitgangspunt in deze aanpak.']);
  });

  it('ends a table before a title centred over the next one, after a blank line', () => {
    const region = cutRegion(w3m, 1, inFrameworkWording)!;
    expect(region.lines).toHaveLength(9);
    expect(region.lines.flatMap((cut) => cut.cells.flat()).some((w) => w.text === 'Aanpak')).toBe(false);
  });

  it('reads a centred table whose rows all start on one line when the catalogue files every indicator under the criterion beside it', () => {
    const region = cutRegion(w3m, 1, inFrameworkWording)!;
    const kind = classifyHeader(region.header.texts)!;
    const read = centredRows(region, kind);
    // Every row starts its cells on one line and the criterion on the second row's first line: read
    // top-aligned, the first row would have no criterion and the third "netwerk centraal".
    expect('rows' in read && read.rows.map((row) => row.get(0) ?? [])).toEqual([[4, 5, 6], [], []]);
    const doc = readLayoutText(['Rapport over de gemeente Voorbeeld.', '', ...w3m.slice(0, 10), '', 'Slotwoord.'].join('\n'));
    expect(doc.tables[0]!.rows.map((r) => r.cells[0])).toEqual(['De aanpak stelt het gezin en zijn sociale netwerk centraal', '', '']);
    // A criterion the catalogue files those indicators under no longer confirms the centred reading.
    const other = cutRegion(w3m.map((line) => line.replace('De aanpak stelt het ', 'De aanpak bereikt   ').replace('gezin en zijn sociale', 'alle gezinnen waar- ').replace('netwerk centraal', 'voor dit nodig is')), 1, inFrameworkWording)!;
    expect('doubt' in centredRows(other, kind)).toBe(true);
  });

  // A follow-up table over three pages as pdftotext -layout sets it: the label "2013 Multiprobleemgezinnen"
  // wraps under every header, and a row's cells go on at the top of the next page.
  const FOLLOWUP_HEADER = ['Indicator                      2013                  2013 Versterkt Verder           2014', '                               Multiprobleemgezinnen'];
  const followupPages = (repeat: boolean) =>
    [
      ['Uitkomsten verbeterpunten', '', ...FOLLOWUP_HEADER,
        'Alle netwerkpartners           X De gemeenschappelijkheid                            ✓ De gemeente heeft',
        'hanteren dezelfde              wordt gemist.                                         geen doelgroepenbeleid',
        'omschrijving van GGSR',
        'De netwerkpartners weten       X De ondervraagde                                     ✓ Aanmeldingen zullen',
        'waar de gezinnen voor de       netwerkpartners'],
      [...(repeat ? FOLLOWUP_HEADER : []),
        '                               helemaal geen                                         via de wijkteams',
        '                               aanmeldpunt.                                          binnenkomen.',
        'Er zijn samenwerkingsafspraken X Er is geen formele                                  ✓ De afspraken zijn',
        'gemaakt over de aanpak         overeenkomst.'],
      [...(repeat ? FOLLOWUP_HEADER : []),
        '                               vastgesteld.                                          vastgelegd.',
        '', 'Slotwoord na de tabel, in lopende tekst die over de kolommen heen loopt.'],
    ].map((page) => page.join('\n')).join('\n\f');
  const followupRows = (text: string) => readLayoutText(text).tables.flatMap((t) => t.rows.map((r) => [t.header.cells.join(' | '), ...r.cells.map((c) => c.split(/\s+/).slice(0, 3).join(' '))]));
  const HEADER_LABELS = 'Indicator | 2013 Multiprobleemgezinnen | 2013 Versterkt Verder | 2014';

  it("keeps a follow-up header's wrapped label as part of it, though it recurs at the top of every page", () => {
    // Not furniture (a running header): the header over the rest of the table is the table's own.
    const rows = followupRows(followupPages(true));
    expect(rows.map((r) => r[0])).toEqual([HEADER_LABELS, HEADER_LABELS, HEADER_LABELS]);
    expect(rows.map((r) => r[1])).toEqual(['Alle netwerkpartners hanteren', 'De netwerkpartners weten', 'Er zijn samenwerkingsafspraken']);
  });

  it('takes wrapped labels under a header repeated over a table going on from the page before only up to that table\'s labels', () => {
    const lines = followupPages(true).split('\n').map((line) => line.replace('\f', ''));
    const at = lines.indexOf(FOLLOWUP_HEADER[0]!, 5);
    const region = cutRegion(lines, at, inFrameworkWording, false, ['Indicator', '2013 Multiprobleemgezinnen', '2013 Versterkt Verder', '2014'])!;
    expect(region.headerLines).toBe(2);
    expect(region.header.texts[1]).toBe('2013 Multiprobleemgezinnen');
    // Without the table it continues, the rows' text under the label is taken for more of it.
    expect(cutRegion(lines, at, inFrameworkWording)!.header.texts[1]).toBe('2013 Multiprobleemgezinnen helemaal geen aanmeldpunt.');
  });

  it("carries a follow-up header over to a page that does not repeat it with the lines its labels wrapped onto", () => {
    const rows = followupRows(followupPages(false));
    expect(rows.map((r) => r[0])).toEqual([HEADER_LABELS, HEADER_LABELS, HEADER_LABELS]);
    expect(rows.map((r) => r[1])).toEqual(['Alle netwerkpartners hanteren', 'De netwerkpartners weten', 'Er zijn samenwerkingsafspraken']);
  });

  it("opens an empty follow-up column's cell at one space only at a verdict mark", () => {
    const region = cutRegion([
      'Indicator                     2013                  2013 Versterkt Verder 2014',
      'Alle netwerkpartners          X De                                                 ✓ De gemeente heeft geen',
      'hanteren dezelfde             gemeenschappelijkheid in                             doelgroepenbeleid en gaat',
      'omschrijving van GGSR         de beschrijving wordt                                ook geen',
    ], 0, inFrameworkWording)!;
    expect(region.lines.slice(1).map((cut) => cut.cells[2]!.length)).toEqual([0, 0, 0]);
    expect(region.lines[2]!.cells[1]!.map((w) => w.text)).toEqual(['gemeenschappelijkheid', 'in']);
  });

  it('refuses a follow-up cell that holds text before its verdict mark', async () => {
    const text = [
      'Uitkomsten verbeterpunten',
      '',
      'Indicator                     2013                  2013 Versterkt Verder 2014',
      'Alle netwerkpartners          X De gemeenschap      X Er is geen  visie ✓ De gemeente heeft geen',
      'hanteren dezelfde             wordt gemist.         gezamenlijke visie.  doelgroepenbeleid.',
      'omschrijving van GGSR',
      '',
      'Slotwoord na de tabel, in lopende tekst die over de kolommen heen loopt.',
    ].join('\n');
    const result = await extractReport(new TextEncoder().encode(text), 'layout.txt');
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.failure.message).toMatch(/1 follow-up cell\(s\) hold text before their verdict mark/);
  });

  it('carries a header that ends a page over to the first line with text on the next, past the blank lines of its running header', () => {
    const text = [
      'Uitkomsten verbeterpunten',
      '',
      '  Gezin centraal',
      'Indicator                      2013                  2014                  2014',
      '\f',
      '',
      '',
      'Binnen de aanpak wordt het     X Uit antwoorden en                         X In de nieuwe',
      'sociale netwerk van het gezin  documenten blijkt niet.                     werkwijze.',
      'benut',
      '',
      'Slotwoord na de tabel, in lopende tekst die over de kolommen heen loopt.',
    ].join('\n');
    const rows = readLayoutText(text).tables.flatMap((t) => t.rows.map((r) => r.cells.map((c) => c.split(/\s+/).slice(0, 2).join(' '))));
    expect(rows).toEqual([['Binnen de', 'X Uit', '', 'X In']]);
  });

  it('ends a follow-up table at a heading in the indicator column alone under lines with no indicator', () => {
    const lines = [
      'Indicator                      2013                  2014                  2014',
      'Binnen de aanpak wordt het     X Uit antwoorden en                         X In de nieuwe',
      'sociale netwerk van het gezin  documenten blijkt niet.                     werkwijze zal',
      'benut                                                                      hieraan aandacht',
      '                                                                           besteden.',
      'Vervolg uitkomsten',
      '',
      '  Aanpak',
      'Indicator                      2013                  2014                  2014',
    ];
    const region = cutRegion(lines, 0, inFrameworkWording)!;
    expect(region.lines.length).toBe(5);
    expect(region.lines.at(-1)!.cells[3]!.map((w) => w.text)).toEqual(['besteden.']);
    // Right under the indicator's own lines, the line may go on with it: the table keeps it.
    expect(cutRegion([...lines.slice(0, 3), 'benut', ...lines.slice(5)], 0, inFrameworkWording)!.lines.length).toBe(5);
  });

  it('parts a verdict symbol glued to the word before it, where the next cell starts', () => {
    const region = cutRegion([
      'Indicator                    2013                  2013 Versterkt Verder 2014',
      'De gemeente zorgt voor een X Er is geen gezamenlijke X Er is geen gezamenlijke✓ Er ligt momenteel een',
      'gezamenlijke visie op de   visie op de zorg en       visie op de zorg en      stadsbrede visie die',
    ], 0, inFrameworkWording)!;
    expect(region.lines[1]!.cells.map((c) => c.map((w) => w.text).join(' '))).toEqual(['De gemeente zorgt voor een', 'X Er is geen gezamenlijke', 'X Er is geen gezamenlijke', '✓ Er ligt momenteel een']);
  });

  it("takes a follow-up table's last column edge from the cells that start right of its label", () => {
    // pdftotext -layout of a cairo PDF: "2014" at 73, its cells from 81 on.
    const lines = [
      'Indicator                    2013                  2013 Versterkt Verder 2014',
      '                             Multiprobleemgezinnen',
      'Netwerkpartners zorgen voor X Er zijn geen afspraken X De gemeente en een X Hiervoor zijn nog geen',
      'beschikbaarheid van zorg en gemaakt om te voorkomen netwerkpartner zijn van specifieke maatregelen',
      'ondersteuning voor de       dat het gezin moet wachten mening dat hierover geen getroffen. Of dit naar de',
      'gezinnen binnen de aanpak op hulp.                     afspraken zijn gemaakt. toekomst een punt van',
      '                                                       De andere netwerkpartner aandacht wordt, zal',
      '                                                       geeft aan dat de gezinnen blijken uit de monitoring',
      '                                                       buiten een eventuele      die wordt opgestart in de',
      '                                                       wachtlijst om             nieuwe werkwijze in',
      '                                                       ondersteuning krijgen. Er 2015. Het uitgangspunt',
      '                                                       is geen consistent beeld. is, werken zonder',
      '                                                                                 wachtlijsten.',
      'Netwerkpartners hebben de    X In het Procesplan staat X Volgens de gemeente ✓ In de nieuwe',
      'afspraak gemaakt dat de      geschreven dat het regelen en een netwerkpartner     werkwijze is voorzien',
      'intensieve zorg en           van nazorg een taak van de zijn er geen afspraken    van een waakvlam',
      'ondersteuning indien nodig   gezinsmanager is. Volgens gemaakt om te              constructie.',
      'een vervolg kunnen krijgen   de gemeente moeten         voorkomen dat gezinnen',
    ];
    const region = cutRegion(lines, 0, inFrameworkWording)!;
    expect(region.lines[13]!.cells.map((c) => c.map((w) => w.text).join(' '))).toEqual(['Netwerkpartners hebben de', 'X In het Procesplan staat', 'X Volgens de gemeente', '✓ In de nieuwe']);
  });
});
