/** One test per input quirk the seed reports showed, on small hand-written inputs. */
import { describe, expect, it } from 'vitest';
import { FACTSHEET_HEADER, codes, extractText, md, tsv } from './helpers/mini-report.js';

const HEADER = ['Criteria', 'Indicatoren', 'Bevindingen'];

describe('continuation tables and empty criterion cells', () => {
  it('carries the criterion down the rows and into a "Vervolg bevindingen" table', async () => {
    const text = [
      FACTSHEET_HEADER,
      md(['Aanpak', '', ''], HEADER, ['Planmatig', 'De gemeente heeft beleid voor de groep GGSR', '✓ Er is beleid.']),
      '',
      '## Vervolg bevindingen toezichtonderzoek',
      '',
      md(['Aanpak', '', ''], HEADER, ['', 'De resultaten van de aanpak worden bijgehouden', 'X Niet bijgehouden.']),
    ].join('\n');
    const report = await extractText(text);
    expect(report.findings.map((f) => [f.indicatorId, f.criterionId, f.criterionRaw, f.verdict])).toEqual([
      ['BEL-A1.1', 'BEL-A1', 'Planmatig', 'voldoet'],
      ['BEL-A1.4', 'BEL-A1', 'Planmatig', 'verbeterpunt'],
    ]);
  });

  it('joins a row whose indicator cell is empty to the row above (a row broken in two)', async () => {
    const text = [
      FACTSHEET_HEADER,
      tsv(['Toeleiding', '', ''], HEADER, ['GGSR zijn in beeld', 'De gemeente heeft zicht op de populatie GGSR', '✓ Eerste deel.'], ['', '', 'Tweede deel.']),
    ].join('\n');
    const [finding] = (await extractText(text)).findings;
    expect(finding).toMatchObject({ indicatorId: 'BEL-T1.2', evidence: 'Eerste deel. Tweede deel.', location: { lineStart: 12, lineEnd: 13 } });
  });
});

describe('criterion cells cut or set apart from their rows (PDF page breaks, cells centred vertically)', () => {
  const S2_1 = 'Alle partijen die relevant zijn, zijn verbonden aan de aanpak';
  const S2_2 = 'Er zijn samenwerkingsafspraken gemaakt over de aanpak';
  const S2_3 = 'De netwerkpartners geven hun medewerkers de bevoegdheid om beslissingen te nemen over de intensieve zorg en ondersteuning voor de gezinnen';
  const rowsOf = async (...rows: string[][]) => (await extractText([FACTSHEET_HEADER, tsv(['Samenwerking', '', ''], HEADER, ...rows)].join('\n')));

  it('joins a criterion cut in two, neither part a criterion and the two together one', async () => {
    const report = await rowsOf(['Benodigde partijen werken mee', S2_1, '✓ Ja.'], ['aan de aanpak', S2_2, '✗ Nee.'], ['', S2_3, '✓ Ja.']);
    expect(report.findings.map((f) => [f.indicatorId, f.criterionRaw])).toEqual([
      ['BEL-S2.1', 'Benodigde partijen werken mee aan de aanpak'],
      ['BEL-S2.2', 'Benodigde partijen werken mee aan de aanpak'],
      ['BEL-S2.3', 'Benodigde partijen werken mee aan de aanpak'],
    ]);
    expect(codes(report)).not.toContain('criterion_mismatch');
  });

  it('joins when the first part already names the criterion, but less well than the whole', async () => {
    const report = await rowsOf(['Benodigde partijen werken mee aan de', S2_1, '✓ Ja.'], ['aanpak', S2_2, '✗ Nee.']);
    expect(report.findings.map((f) => f.criterionRaw)).toEqual(['Benodigde partijen werken mee aan de aanpak', 'Benodigde partijen werken mee aan de aanpak']);
  });

  it('keeps two criteria apart when together they name none, and says the second is not its row\'s', async () => {
    const report = await rowsOf(['Benodigde partijen werken mee aan de aanpak', S2_1, '✓ Ja.'], ['Iets anders', S2_2, '✗ Nee.']);
    expect(report.findings.map((f) => f.criterionRaw)).toEqual(['Benodigde partijen werken mee aan de aanpak', 'Iets anders']);
    expect(codes(report)).toContain('criterion_mismatch');
  });

  it('gives a criterion centred on its rows to the rows above it whose indicators the catalogue files under it', async () => {
    const report = await rowsOf(
      ['GGSR zijn in beeld', 'De gemeente heeft zicht op de populatie GGSR', '✓ Ja.'],
      ['', S2_1, '✓ Ja.'],
      ['Benodigde partijen werken mee aan de aanpak', S2_2, '✗ Nee.'],
      ['', S2_3, '✓ Ja.'],
    );
    // S2.1 is the new criterion's; the T1.2 row above it keeps its own.
    expect(report.findings.map((f) => [f.indicatorId, f.criterionRaw])).toEqual([
      ['BEL-T1.2', 'GGSR zijn in beeld'],
      ['BEL-S2.1', 'Benodigde partijen werken mee aan de aanpak'],
      ['BEL-S2.2', 'Benodigde partijen werken mee aan de aanpak'],
      ['BEL-S2.3', 'Benodigde partijen werken mee aan de aanpak'],
    ]);
  });
});

describe('several indicators in one cell', () => {
  it('splits indicators joined by <br>', async () => {
    const cell = 'De gemeente heeft beleid voor de groep GGSR<br>De gemeente zorgt voor een gezamenlijke visie op de aanpak voor GGSR';
    const report = await extractText([FACTSHEET_HEADER, md(['Aanpak', '', ''], HEADER, ['Planmatig', cell, '<p>✓ Ja.</p> <p>✗ Nee.</p>'])].join('\n'));
    expect(report.findings.map((f) => [f.indicatorId, f.verdict, f.evidence, f.sharedCell])).toEqual([
      ['BEL-A1.1', 'voldoet', 'Ja.', false],
      ['BEL-A1.2', 'verbeterpunt', 'Nee.', false],
    ]);
  });

  it('splits indicators simply run together on one line, using the catalogue', async () => {
    const cell =
      'De resultaten van de aanpak worden bijgehouden De netwerkpartners evalueren de resultaten van de aanpak De gemeente evalueert de resultaten van de aanpak';
    const report = await extractText([FACTSHEET_HEADER, tsv(['Aanpak', '', ''], HEADER, ['Planmatig', cell, '<p>✓ A.</p> <p>X B.</p> <p>✓ C.</p>'])].join('\n'));
    expect(report.findings.map((f) => [f.indicatorId, f.verdict, f.evidence])).toEqual([
      ['BEL-A1.4', 'voldoet', 'A.'],
      ['BEL-A1.6', 'verbeterpunt', 'B.'],
      ['BEL-A1.5', 'voldoet', 'C.'],
    ]);
    expect(report.findings.every((f) => f.matchScore === 1)).toBe(true);
  });
});

describe('numbered and bulleted indicators', () => {
  it('splits at list markers and leaves them out of indicator_raw', async () => {
    const cell = '1. De gemeente heeft beleid voor de groep GGSR 2. De gemeente zorgt voor een gezamenlijke visie op de aanpak voor GGSR • Op basis van de evaluatie wordt het beleid gecontinueerd dan wel bijgesteld';
    const report = await extractText([FACTSHEET_HEADER, md(['1. Aanpak', '', ''], ['Criteria', 'Indicatoren', 'Bevindingen STJ'], ['Planmatig', cell, '<p>✓ A.</p><p>✓ B.</p><p>✗ C.</p>'])].join('\n'));
    expect(report.findings.map((f) => [f.indicatorId, f.indicatorRaw.slice(0, 12), f.verdict])).toEqual([
      ['BEL-A1.1', 'De gemeente ', 'voldoet'],
      ['BEL-A1.2', 'De gemeente ', 'voldoet'],
      ['BEL-A1.7', 'Op basis van', 'verbeterpunt'],
    ]);
    expect(codes(report)).not.toContain('unknown_theme_header');
  });
});

describe('several verdict paragraphs in one cell', () => {
  const cell = 'De resultaten van de aanpak worden bijgehouden<br>De gemeente evalueert de resultaten van de aanpak<br>De netwerkpartners evalueren de resultaten van de aanpak';

  it('with fewer paragraphs than indicators, every indicator gets the combined verdict and shared evidence', async () => {
    const report = await extractText([FACTSHEET_HEADER, md(['Aanpak', '', ''], HEADER, ['Planmatig', cell, '<p>✓ Eerste.</p> <p>✗ Tweede.</p>'])].join('\n'));
    expect(report.findings).toHaveLength(3);
    for (const f of report.findings) expect(f).toMatchObject({ verdict: 'gemengd', sharedCell: true, evidence: 'Eerste. Tweede.' });
    expect(codes(report).filter((c) => c === 'shared_cell')).toHaveLength(3);
  });

  it('with one paragraph for several indicators, all share it with its own verdict', async () => {
    const report = await extractText([FACTSHEET_HEADER, md(['Aanpak', '', ''], HEADER, ['Planmatig', cell, '✓ Alles goed.'])].join('\n'));
    expect(report.findings.map((f) => [f.verdict, f.sharedCell, f.evidence])).toEqual(Array(3).fill(['voldoet', true, 'Alles goed.']));
  });
});

describe('more verdict paragraphs than indicators, beside indicators of the criterion the report lacks', () => {
  const planmatig = (...rows: string[][]) => [FACTSHEET_HEADER, md(['Aanpak', '', ''], HEADER, ...rows)].join('\n');
  const three = '<p>✓ Er is beleid.</p><p>✗ Geen gezamenlijke visie.</p><p>✓ Er zijn doelen.</p>';

  it('a lone indicator whose paragraphs disagree, the indicators right before it lost (AbiWord\'s HTML): no verdict, and a warning naming them', async () => {
    const report = await extractText(planmatig(['Planmatig', 'De netwerkpartners hebben gezamenlijke doelen geformuleerd ten aanzien van de aanpak van GGSR', three]));
    expect(report.findings.map((f) => [f.indicatorId, f.verdict])).toEqual([['BEL-A1.3', null]]);
    const warning = report.warnings.find((w) => w.code === 'verdicts_outnumber_indicators')!;
    expect(warning.message).toMatch(/^BEL-A1\.3 beside 3 verdict paragraphs, while 6 indicator\(s\) of the criterion "Planmatig" \(BEL-A1\.1, BEL-A1\.2, BEL-A1\.4, .*\) are nowhere in the report: .*; the paragraphs disagree, so the verdict is left empty rather than "gemengd"$/);
    expect(warning.findingIndex).toBe(0);
  });

  it('keeps "gemengd" where the indicators before it are in the report, and an agreeing verdict with the warning alone', async () => {
    const before = [['Planmatig', 'De gemeente heeft beleid voor de groep GGSR', '✓ Ja.'], ['', 'De gemeente zorgt voor een gezamenlijke visie op de aanpak voor GGSR', '✓ Ja.']];
    const mixed = await extractText(planmatig(...before, ['', 'De netwerkpartners hebben gezamenlijke doelen geformuleerd ten aanzien van de aanpak van GGSR', '<p>✓ Deels.</p><p>✗ Deels niet.</p>']));
    expect(mixed.findings.map((f) => f.verdict)).toEqual(['voldoet', 'voldoet', 'gemengd']);
    const agreeing = await extractText(planmatig(['Planmatig', 'De netwerkpartners hebben gezamenlijke doelen geformuleerd ten aanzien van de aanpak van GGSR', '<p>✓ Een.</p><p>✓ Twee.</p>']));
    expect(agreeing.findings.map((f) => f.verdict)).toEqual(['voldoet']);
    expect(codes(agreeing)).toContain('verdicts_outnumber_indicators');
  });
});

describe('verdict marks and LET OP', () => {
  // The criterion's first indicator: no indicator of its criterion stands before it that a lost paragraph could be (mixed-verdicts.ts).
  const row = (mark: string) => [FACTSHEET_HEADER, md(['Toeleiding', '', ''], HEADER, ['GGSR zijn in beeld', 'Alle netwerkpartners hanteren dezelfde omschrijving van GGSR', mark])].join('\n');

  it.each([
    ['✓ Goed.', 'voldoet'],
    ['✔ Goed.', 'voldoet'],
    ['✗ Fout.', 'verbeterpunt'],
    ['✘ Fout.', 'verbeterpunt'],
    ['X Fout.', 'verbeterpunt'],
    ['<b>X</b> Fout.', 'verbeterpunt'],
    ['ü Goed (Wingdings ✓ saved as Windows-1252).', 'voldoet'],
    ['û Fout (Wingdings ✗ saved as Windows-1252).', 'verbeterpunt'],
    ['\uF0FC Goed (Wingdings private use).', 'voldoet'],
    ['✓ Voor wat betreft het een. X Voor wat betreft het ander.', 'gemengd'],
  ])('%s → %s', async (cell, verdict) => {
    const [finding] = (await extractText(row(cell))).findings;
    expect(finding!.verdict).toBe(verdict);
    expect(finding!.evidence).not.toMatch(/^[✓✔✗✘Xüû\uF0FC]\s/);
  });

  it('does not take a capital X inside a sentence for a mark', async () => {
    const [finding] = (await extractText(row('✓ Project X loopt goed.'))).findings;
    expect(finding).toMatchObject({ verdict: 'voldoet', evidence: 'Project X loopt goed.' });
  });

  it('moves LET OP remarks to let_op, never into the verdict or evidence', async () => {
    const [finding] = (await extractText(row('✓ Er is een plan.<br><b>LET OP: Het plan is niet leidend.</b>'))).findings;
    expect(finding).toMatchObject({ verdict: 'voldoet', evidence: 'Er is een plan.', letOp: 'Het plan is niet leidend.' });
  });

  it('reads "Let op:" in other casing only with its colon', async () => {
    const [noted] = (await extractText(row('✓ Er is een plan. Let op: het plan is oud.'))).findings;
    expect(noted).toMatchObject({ evidence: 'Er is een plan.', letOp: 'het plan is oud.' });
    const [plain] = (await extractText(row('✓ Men let op de kinderen.'))).findings;
    expect(plain).toMatchObject({ evidence: 'Men let op de kinderen.', letOp: null });
  });

  it('keeps a LET OP inside a paragraph with that paragraph only', async () => {
    const cell = 'De gemeente heeft beleid voor de groep GGSR De gemeente zorgt voor een gezamenlijke visie op de aanpak voor GGSR';
    const text = [FACTSHEET_HEADER, md(['Aanpak', '', ''], HEADER, ['Planmatig', cell, '<p>✓ Beleid. LET OP: niet specifiek.</p> <p>✗ Geen visie.</p>'])].join('\n');
    const report = await extractText(text);
    expect(report.findings.map((f) => [f.verdict, f.evidence, f.letOp])).toEqual([
      ['voldoet', 'Beleid.', 'niet specifiek.'],
      ['verbeterpunt', 'Geen visie.', null],
    ]);
  });

  it('leaves the verdict empty, with a warning, when a cell has no mark', async () => {
    const report = await extractText(row('Geen oordeel gegeven.'));
    expect(report.findings[0]).toMatchObject({ verdict: null, evidence: 'Geen oordeel gegeven.' });
    expect(codes(report)).toContain('verdict_missing');
  });

  it('reads a "?" where a mark stood (lost in a Latin-1 conversion) as a mark of unknown verdict', async () => {
    const [lost] = (await extractText(row('? De gemeente heeft zicht.'))).findings;
    expect(lost).toMatchObject({ verdict: null, evidence: 'De gemeente heeft zicht.' });

    // Two indicators, two segments: one-to-one holds, and the surviving X stays with its own indicator.
    const cell = 'De gemeente heeft beleid voor de groep GGSR<br>De gemeente zorgt voor een gezamenlijke visie op de aanpak voor GGSR';
    const pair = await extractText([FACTSHEET_HEADER, md(['Aanpak', '', ''], HEADER, ['Planmatig', cell, '<p>? Beleid is er.</p> <p>X Geen visie.</p>'])].join('\n'));
    expect(pair.findings.map((f) => [f.verdict, f.evidence])).toEqual([
      [null, 'Beleid is er.'],
      ['verbeterpunt', 'Geen visie.'],
    ]);
    expect(codes(pair)).toContain('verdict_missing');

    // Shared cell: the combined verdict is unknown, not the X that happened to survive.
    const shared = await extractText([FACTSHEET_HEADER, md(['Aanpak', '', ''], HEADER, ['Planmatig', `${cell}<br>De netwerkpartners evalueren de resultaten van de aanpak`, '<p>? Beleid is er.</p> <p>X Geen visie.</p>'])].join('\n'));
    expect(shared.findings.map((f) => f.verdict)).toEqual([null, null, null]);

    // A mark dropped altogether (iconv -c): the sentences before the surviving X keep an unknown
    // verdict of their own; a lead-in ending in a colon still belongs to the evidence after it.
    const dropped = await extractText([FACTSHEET_HEADER, md(['Aanpak', '', ''], HEADER, ['Planmatig', cell, 'Beleid is er. X Geen visie.'])].join('\n'));
    expect(dropped.findings.map((f) => [f.verdict, f.evidence])).toEqual([
      [null, 'Beleid is er.'],
      ['verbeterpunt', 'Geen visie.'],
    ]);
    const [leadIn] = (await extractText(row('Toelichting: ✓ De gemeente heeft zicht.'))).findings;
    expect(leadIn).toMatchObject({ verdict: 'voldoet', evidence: 'Toelichting: De gemeente heeft zicht.' });

    // A question mark in running text is not a mark.
    const [prose] = (await extractText(row('✓ Is er beleid? Ja, dat is er.'))).findings;
    expect(prose).toMatchObject({ verdict: 'voldoet', evidence: 'Is er beleid? Ja, dat is er.' });
  });
});

describe('theme rows as converters write them', () => {
  it('reads a theme row whose text is repeated in every cell it spans (Docling) as the table title', async () => {
    const text = [
      FACTSHEET_HEADER,
      md(['Toeleiding', 'Toeleiding', 'Toeleiding'], HEADER, ['GGSR zijn in beeld', 'De gemeente heeft zicht op de populatie GGSR', '✓ Ja.'], ['GGSR zijn in beeld', 'Alle netwerkpartners hanteren dezelfde omschrijving van GGSR', 'X Nee.']),
    ].join('\n');
    const report = await extractText(text);
    expect(report.findings.map((f) => [f.themeRaw, f.criterionRaw, f.indicatorId, f.verdict])).toEqual([
      ['Toeleiding', 'GGSR zijn in beeld', 'BEL-T1.2', 'voldoet'],
      ['Toeleiding', 'GGSR zijn in beeld', 'BEL-T1.1', 'verbeterpunt'],
    ]);
    expect(codes(report)).toEqual([]);
  });
});

describe('headers and labels the report gets wrong', () => {
  it('takes the theme from the catalogue when the table header names the wrong theme, and warns', async () => {
    const text = [
      FACTSHEET_HEADER,
      md(['Samenwerking', '', ''], HEADER, ['Vasthoudend', 'Uitgangspunt bij de aanpak is dat outreachend wordt gewerkt', '✓ Ja.']),
    ].join('\n');
    const report = await extractText(text);
    expect(report.findings[0]).toMatchObject({ themeId: 'aanpak', theme: 'Aanpak', themeRaw: 'Samenwerking', criterionId: 'BEL-A4' });
    const warning = report.warnings.find((w) => w.code === 'theme_header_mismatch');
    expect(warning).toMatchObject({ findingIndex: 0, location: { lineStart: 13 } });
    expect(codes(report)).not.toContain('level_conflict');
    expect(warning!.message).toContain('Samenwerking');
  });

  it('resolves a follow-up header that disagrees with the other follow-up tables, with a warning', async () => {
    const header = ['Indicator', '2013 Oude Aanpak', '2014'];
    const text = [
      'Uitkomsten verbeterpunten toezichtonderzoek Zwolle',
      '',
      'Aanpak: Nieuwe Aanpak',
      '',
      tsv(['Toeleiding', '', ''], header, ['De gemeente heeft zicht op de populatie GGSR', 'X Nee.', '✓ Ja.']),
      '',
      tsv(['Gezin centraal', '', ''], ['Indicator', '2014', '2014'], ['Binnen de aanpak wordt het sociale netwerk van het gezin benut', 'X Nee.', '✓ Ja.']),
      '',
      tsv(['Continu', '', ''], header, ['Netwerkpartners zorgen voor beschikbaarheid van zorg en ondersteuning voor de gezinnen binnen de aanpak', '✗ Nee.', '✗ Nog niet.']),
    ].join('\n');
    const report = await extractText(text);
    expect(report.metadata.level).toBe('vervolg');
    expect(report.findings.map((f) => [f.indicatorId, f.aanpak, f.assessedYear, f.verdict])).toEqual([
      ['BEL-T1.2', 'Oude Aanpak', 2013, 'verbeterpunt'],
      ['BEL-T1.2', 'Nieuwe Aanpak', 2014, 'voldoet'],
      ['BEL-G1.2', 'Oude Aanpak', 2013, 'verbeterpunt'],
      ['BEL-G1.2', 'Nieuwe Aanpak', 2014, 'voldoet'],
      ['BEL-C2.1', 'Oude Aanpak', 2013, 'verbeterpunt'],
      ['BEL-C2.1', 'Nieuwe Aanpak', 2014, 'verbeterpunt'],
    ]);
    expect(report.warnings.filter((w) => w.code === 'followup_header_mismatch').map((w) => w.location?.lineStart)).toEqual([10]);
    expect(report.findings.every((f) => f.criterionId === null)).toBe(true);
  });

  it('keeps an indicator it cannot map, unmapped and warned, instead of dropping or forcing it', async () => {
    const text = [FACTSHEET_HEADER, md(['Toeleiding', '', ''], HEADER, ['GGSR zijn in beeld', 'De wethouder fietst elke dag naar het stadhuis', '✓ Ja.'])].join('\n');
    const report = await extractText(text);
    expect(report.findings[0]).toMatchObject({ indicatorId: null, indicator: null, themeId: 'toeleiding', criterionId: 'BEL-T1', verdict: 'voldoet' });
    expect(report.findings[0]!.matchScore).toBeLessThan(0.8);
    expect(report.warnings.find((w) => w.code === 'unmapped_indicator')?.findingIndex).toBe(0);
  });
});
