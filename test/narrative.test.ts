/**
 * The narrative stage (extractors/narrative/): seed 001 against its hand-checked golden file field
 * by field, the same narrative from 001 rendered as HTML, DOCX and PDF, variants built here from
 * 001's text (renumbered, unnumbered, other titles, a numbered recommendation list, quotes in
 * italics or quotation marks, no chapter 6), and silence on policy factsheets and follow-ups.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { extractReport } from '../extractors/extract-report.js';
import { loadCatalogue } from '../extractors/framework/catalogue.js';
import { CatalogueMatcher } from '../extractors/framework/match.js';
import { extractNarrative } from '../extractors/narrative/extract-narrative.js';
import type { Narrative } from '../extractors/narrative/narrative-model.js';
import { parseQuote, roleGroupOf, splitRunInQuotes } from '../extractors/narrative/quotes.js';
import { buildNarrativeRows } from '../pipeline/narrative-rows.js';

const SEED = '001_c669e5a01401b566';
const seedText = readFileSync(join('fixtures/reports', `${SEED}.txt`), 'utf8');
const golden: Narrative = JSON.parse(readFileSync(join('fixtures/expected/narrative', `${SEED}.json`), 'utf8'));
const matcher = new CatalogueMatcher(loadCatalogue());
const narrativeOf = (text: string) => extractNarrative({ text, format: 'text' }, 'casus', matcher);

/** The golden narrative, part by part, locations aside. */
function expectGoldenNarrative(narrative: Narrative): void {
  const got = comparable(narrative);
  const want = comparable(golden);
  expect(got.sections).toEqual(want.sections);
  expect(got.recommendations).toEqual(want.recommendations);
  expect(got.quotes).toEqual(want.quotes);
  expect(got.attendees).toEqual(want.attendees);
}

async function extracted(path: string) {
  const result = await extractReport(readFileSync(path), path);
  if (!result.ok) throw new Error(result.failure.message);
  return result.reports[0]!;
}

/** Text wrapped at 72 columns under `indent`, as pandoc wraps; a "\n" in it forces a line break. */
function hardWrap(text: string, indent: string): string {
  return text
    .split('\n')
    .flatMap((paragraph) => {
      const lines: string[] = [];
      let line = '';
      for (const word of paragraph.split(' ')) {
        if (line !== '' && indent.length + line.length + 1 + word.length > 72) {
          lines.push(line);
          line = word;
        } else line = line === '' ? word : `${line} ${word}`;
      }
      return [...lines, line];
    })
    .map((line) => indent + line)
    .join('\n');
}

describe('seed 001: golden narrative, field by field', () => {
  it('sections', async () => {
    const { narrative } = await extracted(join('fixtures/reports', `${SEED}.txt`));
    expect(narrative!.sections).toHaveLength(golden.sections.length);
    narrative!.sections.forEach((section, index) => {
      for (const [field, value] of Object.entries(golden.sections[index]!)) {
        expect({ section: index, field, value: (section as Record<string, unknown>)[field] }).toEqual({ section: index, field, value });
      }
    });
  });

  it('recommendations, quotes and attendees', async () => {
    const { narrative } = await extracted(join('fixtures/reports', `${SEED}.txt`));
    for (const key of ['recommendations', 'quotes'] as const) {
      expect(narrative![key]).toHaveLength(golden[key].length);
      narrative![key].forEach((row, index) => {
        for (const [field, value] of Object.entries(golden[key][index]!)) {
          expect({ [key]: index, field, value: (row as Record<string, unknown>)[field] }).toEqual({ [key]: index, field, value });
        }
      });
    }
    expect(narrative!.attendees).toEqual(golden.attendees);
  });
});

describe('golden file itself (hand-checked facts about seed 001)', () => {
  it('chapters 3 and 4 hold 3 strengths and 5 improvement points with their framework themes', () => {
    const byNumber = new Map(golden.sections.map((s) => [s.number, s]));
    expect(golden.sections.filter((s) => s.kind === 'sterk' && s.depth === 2).map((s) => s.number)).toEqual(['3.1', '3.2', '3.3']);
    expect(golden.sections.filter((s) => s.kind === 'verbeter' && s.depth === 2).map((s) => s.number)).toEqual(['4.1', '4.2', '4.3', '4.4', '4.5']);
    expect(byNumber.get('3.1')!.themeIds).toEqual(['gezin-centraal']);
    expect(byNumber.get('3.2')!.themeIds).toEqual(['toeleiding', 'aanpak']);
    expect(byNumber.get('3.3')!.themeIds).toEqual(['continu']);
    expect(byNumber.get('4.4')!.themeIds).toEqual(['aanpak', 'samenwerking']);
    expect(byNumber.get('4.3')!.conclusion).toMatch(/^De regiegroep brengt het sociale netwerk niet structureel in kaart\./);
    expect(golden.sections.every((s) => s.indicatorIds.length === 0)).toBe(true);
    expect(byNumber.get('5.2')!.kind).toBe('aanbeveling');
    expect(byNumber.get('6')!.kind).toBe('leerbijeenkomst');
    expect(byNumber.get('6.1')!.kind).toBe('leerbijeenkomst');
  });

  it('7 recommendations in 5.2 and 16 quotes: parents 3, the adviser 8, professionals 5', () => {
    expect(golden.recommendations.map((r) => r.title)).toEqual([
      'Maak een probleemanalyse in de eerste fase van de aanpak.',
      'Beoordeel bij aanvang de veiligheid van de kinderen in het gezin.',
      'Stel een gezinsplan op.',
      'Maak afspraken over de verantwoordelijkheid binnen de aanpak.',
      'Besteed meer aandacht aan het sociale netwerk.',
      'Regel doorzettingsmacht voor de adviseur Bijzondere Doelgroepen en schaal op waar nodig.',
      'Organiseer zowel op casus- als op beleidsniveau regelmatig evaluaties.',
    ]);
    expect(new Set(golden.recommendations.map((r) => golden.sections[r.sectionIndex]!.number))).toEqual(new Set(['5.2']));
    const tally = golden.quotes.reduce<Record<string, number>>((acc, q) => ({ ...acc, [q.speakerRole]: (acc[q.speakerRole] ?? 0) + 1 }), {});
    expect(tally).toEqual({ Ouders: 3, 'Adviseur Bijzondere Doelgroepen': 8, Professional: 5 });
    expect(golden.quotes[0]!.text).toMatch(/^De problemen van mijn gezin werden/);
    expect(golden.attendees).toEqual(['Gemeente Zwolle', 'Bureau Jeugdzorg Overijssel', 'Creating Balance', 'De Kern maatschappelijke dienstverlening', 'GGD IJsselland', 'Politie IJsselland', 'William Schrikker Groep']);
  });

  it('the quote whose label lost its first letter ("rofessional:") is a warning, not a guess', () => {
    const { warnings } = narrativeOf(seedText);
    const doubtful = warnings.filter((w) => w.code === 'quote_label_doubtful');
    expect(doubtful).toHaveLength(1);
    expect(doubtful[0]!.location).toMatchObject({ lineStart: 375, lineEnd: 375 });
  });
});

/**
 * Same words, in any order: formats differ in line breaks, in hyphens the reader restored or not,
 * and in the order a PDF reader gives the cells of a figure's table that sits in the prose (1.3).
 */
const words = (text: string | null) => (text === null ? null : text.normalize('NFC').replace(/-\s*/g, '').split(/[^\p{L}\p{N}]+/u).filter(Boolean).sort().join(' '));
const comparable = (n: Narrative) => ({
  sections: n.sections.map(({ location: _l, text, conclusion, ...rest }) => ({ ...rest, text: words(text), conclusion: words(conclusion) })),
  recommendations: n.recommendations.map(({ location: _l, text, ...rest }) => ({ ...rest, text: words(text) })),
  quotes: n.quotes.map(({ location: _l, text, ...rest }) => ({ ...rest, text: words(text) })),
  attendees: n.attendees,
});

describe.each([
  'html/ruled/001_c669e5a01401b566.html',
  'html/word/001_c669e5a01401b566.html',
  'docx/word/001_c669e5a01401b566.docx',
  'docx/ruled/001_c669e5a01401b566.docx',
  'odt/word/001_c669e5a01401b566.odt',
  'odt/ruled/001_c669e5a01401b566.odt',
  'rtf/word/001_c669e5a01401b566.rtf',
  'rtf/ruled/001_c669e5a01401b566.rtf',
  'pdf/browser/001_c669e5a01401b566.pdf',
  'pdf/word/001_c669e5a01401b566.pdf',
  // Paragraphs set without space between them: two quotes run together, a quote run into prose.
  'pdf/glyphs/001_c669e5a01401b566.pdf',
  'pdf/hyphenated/001_c669e5a01401b566.pdf',
  // WeasyPrint: no space between paragraphs, a voice ("Professional: …") under the line that announces it with a colon.
  'pdf-weasyprint/001_c669e5a01401b566.pdf',
])('seed 001 rendered as %s', (file) => {
  it('gives the golden narrative (locations aside)', async () => {
    const report = await extracted(join('fixtures/rendered', file));
    expectGoldenNarrative(report.narrative!);
    expect(report.narrative!.quotes.every((q) => q.location.locator !== null)).toBe(true);
    if (report.format === 'pdf') {
      // Every row on a page of the document, in reading order.
      const pages = [...report.narrative!.sections, ...report.narrative!.quotes, ...report.narrative!.recommendations].map((r) => r.location.page);
      expect(pages.every((p) => p !== null && p >= 1 && p <= report.pageCount!)).toBe(true);
      const sectionPages = report.narrative!.sections.map((s) => s.location.page!);
      expect(sectionPages).toEqual([...sectionPages].sort((a, b) => a - b));
    }
  }, 60_000);

  it.runIf(file === 'pdf/word/001_c669e5a01401b566.pdf')('puts rows on the pages pdftotext shows them on', async () => {
    const { narrative } = await extracted(join('fixtures/rendered', file));
    const page = (n: string) => narrative!.sections.find((s) => s.number === n)!.location.page;
    expect([page('4.3'), page('5.2'), page('6')]).toEqual([13, 16, 17]);
    expect(narrative!.recommendations.map((r) => r.location.page)).toEqual([16, 16, 16, 16, 16, 17, 17]);
  }, 60_000);
});

describe.each([
  ['libreoffice-txt-ruled', 'txt'],
  ['libreoffice-txt-word', 'txt'],
  ['lynx-ruled', 'txt'],
  ['lynx-word', 'txt'],
  // Raw HTML tables between paragraphs wrapped at 72 columns, list items whose wrapped lines start with "–".
  ['pandoc-gfm', 'md'],
])('seed 001 converted to text by %s', (dir, ext) => {
  it('gives the golden narrative (its contents list has no page numbers, bullets are "•")', async () => {
    const report = await extracted(join('fixtures/converted', dir, `${SEED}.${ext}`));
    const got = comparable(report.narrative!);
    const want = comparable(golden);
    expect(got.sections.map(({ text: _t, conclusion: _c, ...rest }) => rest)).toEqual(want.sections.map(({ text: _t, conclusion: _c, ...rest }) => rest));
    expect(got.sections.map((s) => s.conclusion)).toEqual(want.sections.map((s) => s.conclusion));
    expect(got.recommendations).toEqual(want.recommendations);
    expect(got.quotes).toEqual(want.quotes);
    expect(got.attendees).toEqual(want.attendees);
  }, 60_000);
});

describe('seed 001 as pandoc DocBook (fixtures/converted/pandoc-docbook, docx/word)', () => {
  it('gives the golden narrative, each row located by the file lines of its paragraphs', async () => {
    const file = join('fixtures/converted/pandoc-docbook', `${SEED}.xml`);
    const report = await extracted(file);
    expectGoldenNarrative(report.narrative!);
    // Each quote is on the file lines it is located at (pandoc wraps its paragraph at 72 columns).
    const lines = readFileSync(file, 'utf8').split('\n');
    for (const quote of report.narrative!.quotes) {
      const at = lines.slice(quote.location.lineStart! - 1, quote.location.lineEnd!).join(' ').replace(/\s+/g, ' ');
      expect({ quote: quote.text.slice(0, 30), there: at.includes(quote.text) }).toEqual({ quote: quote.text.slice(0, 30), there: true });
    }
  }, 60_000);
});

/** The seed's narrative (from chapter 1 to the appendix) rewritten line by line. */
function variant(rewrite: (line: string) => string | null): string {
  return seedText
    .split('\n')
    .map(rewrite)
    .filter((l): l is string => l !== null)
    .join('\n');
}
const headingsOf = (n: Narrative) => n.sections.map((s) => `${s.number ?? '-'} ${s.kind} ${s.heading}`);

describe('variants built from seed 001', () => {
  it('renumbered chapters (2–7 instead of 1–6) give the same sections under the new numbers', () => {
    const text = variant((l) => l.replace(/^(\d)(\.\d)?(\s)/, (_m, c: string, s: string | undefined, sp: string) => `${Number(c) + 1}${s ?? ''}${sp}`));
    const { narrative, warnings } = narrativeOf(text);
    expect(narrative!.sections.map((s) => s.number)).toEqual(golden.sections.map((s) => s.number!.replace(/^\d/, (c) => String(Number(c) + 1))));
    expect(narrative!.sections.map((s) => s.kind)).toEqual(golden.sections.map((s) => s.kind));
    expect(narrative!.quotes).toHaveLength(16);
    expect(narrative!.recommendations).toHaveLength(7);
    expect(warnings.filter((w) => w.code === 'narrative_not_segmented')).toEqual([]);
  });

  it('unnumbered chapters with other titles ("Sterke punten", "Verbeterpunten", no "?")', () => {
    const text = variant((l) => {
      if (/^\d\t|^\d\.\d\t|^Voorwoord\t|^Bijlage 1:.*\t\d+$/.test(l)) return l; // the table of contents stays as printed
      if (l === '3 Wat gaat goed?') return 'Sterke punten';
      if (l === '4 Wat kan beter?') return 'Verbeterpunten';
      if (l === '5 Algemene conclusie en aanbevelingen') return 'Conclusie en aanbevelingen';
      if (l === '6 Impressie leerbijeenkomst 3 juni 2014') return 'Impressie leerbijeenkomst';
      if (/^[12] /.test(l) && l.length < 60) return l.replace(/^\d /, '');
      return l.replace(/^\d\.\d /, '');
    });
    const { narrative } = narrativeOf(text);
    const sections = narrative!.sections;
    expect(sections.every((s) => s.number === null)).toBe(true);
    const strengths = sections.filter((s) => s.kind === 'sterk' && s.depth === 2).map((s) => s.heading);
    expect(strengths).toEqual(['Gezin betrokken bij aanpak problematiek', 'Outreachende en actiegerichte aanpak', 'Maatwerk']);
    const improvements = sections.filter((s) => s.kind === 'verbeter' && s.depth === 2).map((s) => s.heading);
    expect(improvements).toEqual(['De regiegroep maakt geen probleemanalyse', 'Geen sprake van 1G1P1R', 'Beperkte aandacht voor het sociale netwerk', 'Geen doorzettingsmacht, geen opschaling bij stagnatie', 'Geen lerende aanpak, geen evaluatie']);
    expect(sections.find((s) => s.heading === 'Maatwerk')!.themeIds).toEqual(['continu']);
    expect(sections.find((s) => s.heading === 'Maatwerk')!.conclusion).toMatch(/^De aanpak duurt zo lang als nodig is/);
    expect(narrative!.recommendations.map((r) => r.title)).toEqual(golden.recommendations.map((r) => r.title));
    expect(narrative!.quotes).toHaveLength(16);
    expect(narrative!.attendees).toEqual(golden.attendees);
  });

  it.each([
    ['MediaWiki', (lead: string, rest: string) => `<li><blockquote><p>'''${lead}''' ${rest}</p></blockquote></li>`],
    ['DokuWiki', (lead: string, rest: string) => `<HTML><li></HTML>> <HTML><p></HTML>**${lead}** ${rest}<HTML></p></HTML>`],
    ['Textile', (lead: string, rest: string) => `<li>bq. <p>*${lead}* ${rest}</p>`],
    ['Textile, the bold lost', (lead: string, rest: string) => `<li>bq. <p>${lead} ${rest}</p>`],
    ['Textile, a hyphen escaped', (lead: string, rest: string) => `<li>bq. <p>*${lead.replace(/-/g, '&#45;')}* ${rest}</p>`],
    // org: a bare "- " above the quote block; AsciiDoc: "* {blank}", a "+" continuation and a "____" quote.
    ['org', (lead: string, rest: string) => `- \n\n  #+begin_quote\n    *${lead}* ${rest}\n  #+end_quote\n`],
    ['AsciiDoc', (lead: string, rest: string) => `* {blank}\n+\n____\n*${lead}* ${rest}\n____\n`],
    // Jira: the quote's "bq." right after the item's "*", "-" and "(" escaped with a backslash.
    ['Jira', (lead: string, rest: string) => `* bq. *${lead.replace(/-/g, '\\-')}* ${rest.replace(/[(-]/g, '\\$&')}`],
    // Muse: a bare " - " above a "<quote>" whose text is hard-wrapped three spaces in, a line starting with a dash.
    ['Muse', (lead: string, rest: string) => ` - \n\n   <quote>\n${hardWrap(`**${lead}** ${rest}`.replace(/ – /g, '\n– '), '   ')}\n   </quote>\n`],
  ])('recommendations written as %s list items that hold a quote (pandoc, from Word)', (_writer, item) => {
    const text = variant((l) => {
      const bullet = /^- \*\*(.+?)\*\* (.*)$/.exec(l);
      return bullet ? item(bullet[1]!, bullet[2]!) : l;
    });
    expect(text).not.toEqual(seedText);
    const { narrative, warnings } = narrativeOf(text);
    expect(narrative!.recommendations.map((r) => r.title)).toEqual(golden.recommendations.map((r) => r.title));
    expect(narrative!.recommendations.map((r) => r.text)).toEqual(golden.recommendations.map((r) => r.text));
    expect(warnings.filter((w) => w.code === 'recommendations_not_listed')).toEqual([]);
  });

  it('a Jira recommendation whose line also holds a "<" ("kinderen <5 jaar") is a list item all the same', () => {
    const text = variant((l) => {
      const bullet = /^- \*\*(.+?)\*\* (.*)$/.exec(l);
      return bullet ? `* bq. *${bullet[1]}* ${bullet[2]} <5` : l;
    });
    const { narrative } = narrativeOf(text);
    expect(narrative!.recommendations.map((r) => r.title)).toEqual(golden.recommendations.map((r) => r.title));
    expect(narrative!.recommendations.every((r) => r.text.endsWith('<5'))).toBe(true);
  });

  it('a table of contents without its "Inhoudsopgave" line and with page numbers after a space is not read as the outline', () => {
    const text = variant((l) => (l === 'Inhoudsopgave' ? null : l.replace(/\t(\d+)$/, ' $1')));
    const { narrative } = narrativeOf(text);
    expect(headingsOf(narrative!)).toEqual(headingsOf(golden));
    expect(narrative!.sections[0]!.location.lineStart).toBe(golden.sections[0]!.location.lineStart! - 1);
  });

  it('"Wat gaat goed" without "?" and "Wat kan er beter" as numbered titles', () => {
    const text = variant((l) => (l === '3 Wat gaat goed?' ? '3 Wat gaat goed' : l === '4 Wat kan beter?' ? '4 Wat kan er beter' : l));
    const { narrative } = narrativeOf(text);
    expect(headingsOf(narrative!).filter((h) => /^[34]\.\d/.test(h))).toEqual(headingsOf(golden).filter((h) => /^[34]\.\d/.test(h)));
  });

  it('recommendations as a numbered list without bold', () => {
    let n = 0;
    const text = variant((l) => (l.startsWith('- **') ? `${++n}. ${l.slice(2).replace(/\*\*/g, '')}` : l));
    const { narrative } = narrativeOf(text);
    expect(narrative!.recommendations.map((r) => r.title)).toEqual(golden.recommendations.map((r) => r.title));
    expect(narrative!.recommendations.map((r) => r.text)).toEqual(golden.recommendations.map((r) => r.text));
    // "1." … "7." inside chapter 5 are list items, never chapters.
    expect(narrative!.sections.map((s) => s.number)).toEqual(golden.sections.map((s) => s.number));
  });

  it('quotes in italics or in quotation marks', () => {
    let i = 0;
    const text = variant((l) => {
      const m = /^(Ouders|Professional|Adviseur Bijzondere Doelgroepen): (.*)$/.exec(l);
      if (!m) return l;
      const style = i++ % 3;
      return style === 0 ? `*${m[1]}:* ${m[2]}` : style === 1 ? `${m[1]}: “${m[2]}”` : `*${m[1]}: ${m[2]}*`;
    });
    const { narrative } = narrativeOf(text);
    expect(narrative!.quotes.map((q) => [q.speakerRole, q.roleGroup, q.text, q.sectionIndex])).toEqual(golden.quotes.map((q) => [q.speakerRole, q.roleGroup, q.text, q.sectionIndex]));
  });

  it('a nota without chapter 6: no meeting sections, no attendees, no warning for it', () => {
    const start = seedText.lastIndexOf('\n6 Impressie leerbijeenkomst');
    const end = seedText.indexOf('\nBijlage 1: Beoordeling indicatoren toetsingskader zorg en ondersteuning GGSR\n\nSamenwerkend');
    const text = seedText.slice(0, start) + seedText.slice(end);
    const { narrative, warnings } = narrativeOf(text);
    expect(narrative!.sections.map((s) => s.number)).toEqual(golden.sections.map((s) => s.number).filter((n) => !n!.startsWith('6')));
    expect(narrative!.attendees).toEqual([]);
    expect(narrative!.recommendations).toHaveLength(7);
    expect(warnings.map((w) => w.code).filter((c) => c !== 'recommendation_unmatched' && c !== 'quote_label_doubtful')).toEqual([]);
  });

  it('a nota whose narrative has no chapter structure gets a warning and no invented sections', () => {
    const text = 'Nota van Bevindingen\n\nDit is een tekst zonder hoofdstukken. Ouders: Wij zijn tevreden over de hulp die we kregen.\n\nNog een alinea.\n';
    const { narrative, warnings } = narrativeOf(text);
    expect(narrative).toEqual({ sections: [], recommendations: [], quotes: [], attendees: [] });
    expect(warnings.map((w) => w.code)).toEqual(['narrative_not_segmented']);
  });

  it('an "Aanbevelingen" section without a list says so', () => {
    const text = variant((l) => (l.startsWith('- **') ? l.slice(2).replace(/\*\*/g, '') : l));
    const { narrative, warnings } = narrativeOf(text);
    expect(narrative!.recommendations).toEqual([]);
    expect(warnings.filter((w) => w.code === 'recommendations_not_listed').map((w) => w.location?.lineStart)).toEqual([409]);
  });
});

describe('speaker labels', () => {
  it('maps roles to groups and rejects labels that open sentences or structure the text', () => {
    expect(['Ouders', 'Moeder', 'Adviseur Bijzondere Doelgroepen', 'Beleidsmedewerker gemeente', 'Professional', 'Gezinsvoogd', 'Buurman'].map(roleGroupOf)).toEqual(['ouder', 'ouder', 'gemeente', 'gemeente', 'professional', 'professional', 'other']);
    expect(parseQuote('Conclusie: De regiegroep maakt geen plan voor het gezin.')).toBeNull();
    expect(parseQuote('Bij de bijeenkomst waren aanwezig: Bureau Jeugdzorg, GGD en Politie.')).toBeNull();
    expect(parseQuote('Ouders: "Ik wil niet dat er over mij gepraat wordt."')).toEqual({ kind: 'quote', role: 'Ouders', text: 'Ik wil niet dat er over mij gepraat wordt.' });
  });
});

describe('quotes run together (a paragraph break lost)', () => {
  it('splits at the paragraph\'s own label or a known role after a sentence\'s end, and nowhere else', () => {
    expect(splitRunInQuotes('Professional', 'Ik ben een schakeltje. Professional: Ik heb niet ervaren dat er één plan was.')).toEqual([
      { role: 'Professional', text: 'Ik ben een schakeltje.' },
      { role: 'Professional', text: 'Ik heb niet ervaren dat er één plan was.' },
    ]);
    expect(splitRunInQuotes('Professional', 'Er is overleg geweest. Moeder: "Ik wist er niets van, niemand vertelde het."')).toEqual([
      { role: 'Professional', text: 'Er is overleg geweest.' },
      { role: 'Moeder', text: 'Ik wist er niets van, niemand vertelde het.' },
    ]);
    // Not a known role, a structural label, no sentence end before it, or too little after it.
    for (const text of ['Er is overleg geweest. Buurman: Ik zag het gebeuren, elke week weer.', 'Er is overleg. Conclusie: Het gezin staat er alleen voor.', 'Zoals de moeder zei tegen Professional: Ik heb het niet gezien, echt niet.', 'Er is overleg geweest. Moeder: Klopt.']) {
      expect(splitRunInQuotes('Professional', text)).toEqual([{ role: 'Professional', text }]);
    }
  });

  it('takes a quote out of the prose paragraph it ran into, for a known role only', () => {
    expect(splitRunInQuotes(null, 'Het bleef lang buiten beeld. Adviseur Bijzondere Doelgroepen: Er waren zorgen over het gezin.')).toEqual([
      { role: null, text: 'Het bleef lang buiten beeld.' },
      { role: 'Adviseur Bijzondere Doelgroepen', text: 'Er waren zorgen over het gezin.' },
    ]);
    const prose = 'Het bleef lang buiten beeld. Buurman: Er waren zorgen over het gezin.';
    expect(splitRunInQuotes(null, prose)).toEqual([{ role: null, text: prose }]);
  });

  it('reads two quote paragraphs joined into one as the two quotes, with a warning', () => {
    const lines = seedText.split('\n');
    const second = lines.findIndex((l) => l.startsWith('Professional: Ik heb niet ervaren'));
    expect(lines[second - 1]).toBe('');
    const joined = [...lines.slice(0, second - 2), `${lines[second - 2]} ${lines[second]}`, ...lines.slice(second + 1)].join('\n');
    const { narrative, warnings } = narrativeOf(joined);
    expect(narrative!.quotes.map((q) => [q.speakerRole, q.text])).toEqual(golden.quotes.map((q) => [q.speakerRole, q.text]));
    expect(warnings.filter((w) => w.code === 'quotes_run_together').map((w) => w.severity)).toEqual(['info']);
  });
});

describe('other levels', () => {
  it.each(['000_318a4c095323d6df', '002_1b897dc814a8f4e7', '003_0ef4a6012a6cd2d4', '004_e10162d225c65291'])('%s (policy factsheet or follow-up): no narrative, no rows, no warnings from this stage', async (name) => {
    const report = await extracted(join('fixtures/reports', `${name}.txt`));
    expect(report.metadata.level).not.toBe('casus');
    expect(report.narrative).toBeNull();
    const codes = new Set(['narrative_not_segmented', 'framework_reference_unknown', 'recommendation_unmatched', 'recommendations_not_listed', 'quote_label_doubtful']);
    expect(report.warnings.filter((w) => codes.has(w.code))).toEqual([]);
    expect(buildNarrativeRows('rpt-0000000000000000', report)).toEqual({ sections: [], recommendations: [], quotes: [] });
    // Even a follow-up's text holding a "Wat gaat goed?" chapter is not read: the stage runs for casus only.
    expect(extractNarrative({ text: seedText, format: 'text' }, report.metadata.level, matcher)).toEqual({ narrative: null, warnings: [] });
  });
});

describe('narrative rows', () => {
  it('stable ids, quotes linked to their section, lists as ;-joined ids', async () => {
    const report = await extracted(join('fixtures/reports', `${SEED}.txt`));
    const rows = buildNarrativeRows('rpt-7c223483e25ba214', report);
    const again = buildNarrativeRows('rpt-7c223483e25ba214', report);
    expect(rows).toEqual(again);
    expect(new Set(rows.sections.map((s) => s.section_id)).size).toBe(30);
    expect(new Set(rows.recommendations.map((r) => r.recommendation_id)).size).toBe(7);
    const s32 = rows.sections.find((s) => s.number === '3.2')!;
    expect(s32).toMatchObject({ kind: 'sterk', theme_ids: 'toeleiding;aanpak', indicator_ids: null, source_lines: '232-250', source_page: null });
    const q = rows.quotes.find((r) => r.text.startsWith('Het is een zorgmijndend gezin'))!;
    expect(q).toMatchObject({ section_id: s32.section_id, speaker_role: 'Adviseur Bijzondere Doelgroepen', role_group: 'gemeente', source_lines: '246-246' });
    expect(rows.recommendations[2]).toMatchObject({ ordinal: 3, title: 'Stel een gezinsplan op.', theme_ids: null, indicator_ids: null, source_lines: '418-418' });
  });
});
