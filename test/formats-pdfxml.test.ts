/**
 * pdftohtml -xml (extractors/input/read-pdfxml.ts): a PDF's positioned text runs, read by the PDF table
 * layout. The converted fixtures (fixtures/converted/pdftohtml-xml) are checked field by field against
 * their text source in test/converted-variants.test.ts; here, the reader's own rules on small documents.
 */
import { describe, expect, it } from 'vitest';
import { extractReport } from '../extractors/extract-report.js';
import { detectFormat } from '../extractors/input/detect-format.js';
import { itemOfRun } from '../extractors/input/read-pdfxml.js';

/** A run as pdftohtml writes it: pixels at its default zoom of 1.5, the box's top, the font's id. */
const run = (top: number, left: number, text: string, font = 0, width = text.length * 7) =>
  `<text top="${top}" left="${left}" width="${width}" height="21" font="${font}">${text}</text>`;

const FONTS = [
  '<fontspec id="0" size="16" family="ABCDEF+Calibri" color="#000000"/>',
  '<fontspec id="1" size="16" family="ABCDEF+Calibri-Bold" color="#000000"/>',
  '<fontspec id="2" size="16" family="Wingdings" color="#000000"/>',
];

function pdf2xml(runs: string[]): string {
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    '<!DOCTYPE pdf2xml SYSTEM "pdf2xml.dtd">',
    '',
    '<pdf2xml producer="poppler" version="22.12.0">',
    '<page number="1" position="absolute" top="0" left="0" height="1263" width="892">',
    ...FONTS,
    ...runs,
    '</page>',
    '</pdf2xml>',
  ].join('\n');
}

const HEAD = [
  run(100, 85, '<b>Aanpak: Proefaanpak</b>', 1),
  run(140, 85, 'De gemeente Zwolle heeft de vragenlijst betreffende deze aanpak ingevuld.'),
  run(180, 85, 'Per indicator wordt aangegeven, waarmee STJ beoordeelt of op beleidsniveau de zorg op toereikende wijze is vormgegeven.'),
  run(240, 85, '<b>Toeleiding</b>', 1),
  run(280, 85, '<b>Criteria</b>', 1),
  run(280, 244, '<b>Indicatoren</b>', 1),
  run(280, 461, '<b>Bevindingen</b>', 1),
];

const bytes = (text: string) => new TextEncoder().encode(text);

async function read(text: string) {
  const result = await extractReport(bytes(text), 'report.xml');
  if (!result.ok) throw new Error(`${result.failure.code}: ${result.failure.message}`);
  return result.reports[0]!;
}

describe('pdftohtml -xml', () => {
  it('is recognised by its <pdf2xml> element, whatever the file is called', () => {
    expect(detectFormat(bytes(pdf2xml(HEAD)), 'report.txt')).toBe('pdfxml');
    expect(detectFormat(bytes('<?xml version="1.0"?>\n<article><para>x</para></article>'), 'a.xml')).not.toBe('pdfxml');
  });

  it('reads its runs as a PDF page: the table by position, a Wingdings mark as the mark, ligatures as letters', async () => {
    const report = await read(
      pdf2xml([
        ...HEAD,
        run(320, 85, 'GGSR zijn in beeld'),
        run(320, 244, 'Alle netwerkpartners hanteren'),
        run(343, 244, 'dezelfde omschrijving van GGSR'),
        run(320, 461, 'ü', 2, 14),
        run(320, 475, ' De ondervraagden beschrijven de'),
        run(343, 461, 'doelgroep op dezelfde wijze.'),
        run(380, 244, 'De gemeente heeft zicht op de'),
        run(403, 244, 'populatie GGSR'),
        run(380, 461, 'û', 2, 14),
        run(380, 475, ' Er is geen ﬁnanciële analyse.'),
      ]),
    );
    expect(report.format).toBe('pdfxml');
    expect(report.findings.map((f) => [f.indicatorId, f.verdict, f.evidence, f.location.page])).toEqual([
      ['BEL-T1.1', 'voldoet', 'De ondervraagden beschrijven de doelgroep op dezelfde wijze.', 1],
      ['BEL-T1.2', 'verbeterpunt', 'Er is geen financiële analyse.', 1],
    ]);
  });

  it('turns a run into a PDF item in points: the space pdftohtml counts after its last word out of the width', () => {
    const font = { size: 24, family: 'ABCDEF+Calibri' };
    // 30 pixels for "ab " at zoom 1.5: 20 points, of which the trailing space is a third.
    expect(itemOfRun({ top: 150, left: 60, width: 30, height: 30, text: 'ab ' }, '3', font)).toEqual({ str: 'ab', x: 40, y: 116, width: 40 / 3, size: 16, font: 'f3' });
    expect(itemOfRun({ top: 150, left: 60, width: 30, height: 30, text: 'ü' }, '2', { size: 24, family: 'Wingdings' })?.str).toBe('✓');
    expect(itemOfRun({ top: 150, left: 60, width: 30, height: 30, text: 'ﬁnanciële ﬂexibel' }, '0', font)?.str).toBe('financiële flexibel');
    expect(itemOfRun({ top: 150, left: 60, width: 30, height: 30, text: '  ' }, '0', font)).toBeNull();
  });

  it('sees words cut apart by the framework’s words when none stands whole beside its cut: the aanpak’s spaces are uncertain', async () => {
    const cut = 'De netwerk partners delen infor matie en werken gezamen lijk aan samen werking, onder steuning, intens iteit, toele iding en leefge bieden.';
    const report = await read(
      pdf2xml([run(60, 85, 'Aanpak: Wijkteams en Gezin sbege leiders'), run(100, 85, cut, 0, 700), ...HEAD.slice(1), run(320, 85, 'GGSR zijn in beeld'), run(320, 244, 'De gemeente heeft zicht op de'), run(343, 244, 'populatie GGSR'), run(320, 461, '✓ Ja, dat heeft zij.')]),
    );
    expect(report.metadata.aanpak).toBe('Wijkteams en Gezin sbege leiders');
    expect(report.warnings.filter((w) => ['aanpak_spacing_uncertain', 'pdf_words_rejoined'].includes(w.code)).map((w) => [w.code, w.message])).toEqual([
      ['pdf_words_rejoined', expect.stringMatching(/^this text has the words of a PDF cut apart by spaces \(8 words of the framework's wordings stand cut\): \d+ cut\(s\) rejoined where the document or the framework prints the word whole/)],
      ['aanpak_spacing_uncertain', expect.stringMatching(/^the aanpak "Wijkteams en Gezin sbege leiders" may hold a word cut apart by a space/)],
    ]);
    // The clean reading of the same runs: no word of the framework cut, no doubt about the aanpak.
    const clean = await read(pdf2xml([run(60, 85, 'Aanpak: Wijkteams en Gezinsbegeleiders'), ...HEAD.slice(1), run(320, 85, 'GGSR zijn in beeld'), run(320, 244, 'De gemeente heeft zicht op de'), run(343, 244, 'populatie GGSR'), run(320, 461, '✓ Ja, dat heeft zij.')]));
    expect(clean.warnings.map((w) => w.code)).not.toContain('aanpak_spacing_uncertain');
  });

  it('fails a file whose XML does not parse as damaged, and one without pages', async () => {
    const cut = await extractReport(bytes(pdf2xml(HEAD).replace('</page>', '')), 'cut.xml');
    expect(cut.ok ? null : [cut.failure.code, cut.failure.message]).toEqual(['damaged', expect.stringMatching(/^damaged pdftohtml's XML: its XML does not parse/)]);
    const empty = await extractReport(bytes('<?xml version="1.0" encoding="UTF-8"?>\n<pdf2xml producer="poppler"></pdf2xml>\n'), 'empty.xml');
    expect(empty.ok ? null : [empty.failure.code, empty.failure.message]).toEqual(['damaged', 'damaged pdftohtml XML: no pages']);
  });
});
