/**
 * Renders the five text fixtures into the formats researchers' archives hold, so the PDF, HTML
 * and DOCX readers can be tested against the text pipeline (test/formats-*.test.ts):
 *
 *   html/ruled   real <table>s, theme as a first row spanning the columns, criterion cells as rowspan
 *   html/word    theme as a heading above the table, <thead>, horizontal rules only, empty criterion cells
 *   pdf/browser  html/ruled printed by Chromium: fully ruled, with the browser's header and footer
 *   pdf/word     docx/word exported to PDF by LibreOffice: rows break across pages, header row repeated
 *   pdf/glyphs   html/word printed by Chromium with the verdict marks swapped for the forms legacy
 *                PDFs carry (✔ ✘ √ × and Wingdings stand-ins ü/û and U+F0FC/U+F0FB in a font named Wingdings)
 *   pdf/ghostscript  pdf/word rewritten by Ghostscript (gs -sDEVICE=pdfwrite)
 *   pdf/cairo    pdf/word rewritten by poppler's pdftocairo -pdf
 *   pdf/wkhtmltopdf  html/word printed by wkhtmltopdf on A5 at 80% zoom
 *   pdf/wkhtmltopdf-a4, pdf/wkhtmltopdf-landscape   wkhtmltopdf at its defaults (html/word), and in
 *                landscape with 8 mm margins (html/ruled)
 *   pdf/word-landscape, pdf/word-letter-serif   docx/word with another page setup (sectPr edited,
 *                no macro) exported by LibreOffice: landscape without a repeated header row; Letter,
 *                narrow margins, DejaVu Serif
 *   pdf/word-ruled-centred  docx/ruled exported by LibreOffice: cells centred vertically
 *   pdf-rewritten  word-landscape 004, word-ruled-centred 003 and hyphenated 000, 001 and 003 rewritten by pdftocairo -pdf
 *   pdf-abiword    docx/ruled 003 by AbiWord (abiword --to=pdf): the last column clipped at the page edge
 *   pdf-weasyprint html/ruled 001 by WeasyPrint: paragraphs without space between them
 *   pdf-chromium-lohtml  docx/ruled 000 as LibreOffice's HTML, printed by Chromium: cells set about their middle
 *   pdf/browser-13pt  html/ruled printed by Chromium with 13pt type (injected CSS)
 *   docx/ruled, docx/word   LibreOffice's HTML → DOCX of the two HTML variants
 *   doc/ruled, doc/word     LibreOffice's Word 97-2003 (.doc) of those DOCX files
 *   odt/ruled, odt/word     LibreOffice's OpenDocument text (.odt) of those DOCX files
 *   odt/pandoc   pandoc's OpenDocument text of html/word (another producer's ODF)
 *   odt/pandoc-ruled   pandoc's OpenDocument text of html/ruled: the second header row dropped
 *   rtf/ruled, rtf/word     LibreOffice's RTF of the DOCX files; rtf/pandoc: pandoc's RTF of html/word
 *   failures/    encrypted, image-only PDFs, and a mutool-converted PDF without ToUnicode maps
 *                (damaged ones are made in the test by truncating bytes)
 *
 * Needs Debian's chromium, libreoffice-writer, pandoc, qpdf, python3-fonttools, ghostscript, poppler-utils,
 * wkhtmltopdf and mupdf-tools; CI never runs this,
 * the rendered files are committed. Run: npx tsx scripts/render-fixtures.ts
 */
import { execFileSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join, resolve } from 'node:path';
import { decodeText } from '../extractors/input/decode-text.js';
import { cellToText } from '../extractors/tables/cell-markup.js';
import { classifyHeader } from '../extractors/tables/header-row.js';
import { splitRowLine } from '../extractors/tables/text-tables.js';

type Variant = 'ruled' | 'word' | 'glyphs' | 'hyphenated';

const ROOT = resolve(import.meta.dirname, '..');
const SOURCE = join(ROOT, 'fixtures/reports');
const OUT = join(ROOT, 'fixtures/rendered');

const escapeHtml = (text: string) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
const inline = (text: string) =>
  escapeHtml(text)
    .replace(/\*\*(.+?)\*\*/g, '<b>$1</b>')
    .replace(/(^|[^*])\*([^*\s][^*]*?)\*(?!\*)/g, '$1<i>$2</i>');
/** Cell content keeps its HTML (<p>, <br>, <b>, <ul>); markdown emphasis and escaped pipes are undone. */
const cellHtml = (raw: string) => raw.trim().replace(/\\\|/g, '|').replace(/\*\*(.+?)\*\*/g, '<b>$1</b>');

interface Row {
  cells: string[];
}

/** One row block of the text → tables: a header row starts a findings table, a single-label row above it is its title. */
function renderBlock(rows: Row[], variant: Variant): string {
  const out: string[] = [];
  let index = 0;
  while (index < rows.length) {
    const headerAt = rows.findIndex((row, i) => i >= index && classifyHeader(row.cells.map(cellToText)) !== null);
    const filled = (row: Row) => row.cells.filter((c) => cellToText(c).length > 0);
    if (headerAt < 0) {
      out.push(plainTable(rows.slice(index)));
      break;
    }
    let titleRow: string | null = null;
    let end = headerAt;
    if (headerAt > index && filled(rows[headerAt - 1]!).length === 1) {
      titleRow = cellHtml(filled(rows[headerAt - 1]!)[0]!);
      end = headerAt - 1;
    }
    if (end > index) out.push(plainTable(rows.slice(index, end)));
    const next = rows.findIndex((row, i) => i > headerAt && classifyHeader(row.cells.map(cellToText)) !== null);
    let stop = next < 0 ? rows.length : next;
    if (next > 0 && filled(rows[next - 1]!).length === 1) stop = next - 1;
    out.push(findingsTable(rows[headerAt]!, rows.slice(headerAt + 1, stop), variant, titleRow));
    index = stop;
  }
  return out.join('\n');
}

function plainTable(rows: Row[]): string {
  const body = rows.map((row) => `<tr>${row.cells.map((c) => `<td>${cellHtml(c)}</td>`).join('')}</tr>`).join('\n');
  return `<table class="plain">\n${body}\n</table>`;
}

function findingsTable(header: Row, body: Row[], variant: Variant, titleRow: string | null): string {
  const width = header.cells.length;
  const kind = classifyHeader(header.cells.map(cellToText))!;
  const head = `<tr>${header.cells.map((c) => `<th>${cellHtml(c)}</th>`).join('')}</tr>`;
  const lines: string[] = [];
  if (variant === 'ruled') {
    lines.push('<table class="ruled">', '<thead>');
    if (titleRow) lines.push(`<tr><th colspan="${width}" class="theme">${titleRow}</th></tr>`);
    lines.push(head, '</thead>', '<tbody>');
    // An empty criterion cell under a filled one is the same criterion: print it as one rowspan cell.
    const criterion = kind.kind === 'criteria' ? kind.criterionColumn : null;
    const spans = body.map(() => 1);
    let owner = -1;
    body.forEach((row, i) => {
      if (criterion === null) return;
      if (cellToText(row.cells[criterion] ?? '').length > 0 || owner < 0) owner = i;
      else {
        spans[owner]!++;
        spans[i] = 0;
      }
    });
    body.forEach((row, i) => {
      const cells = row.cells.map((c, column) => {
        if (column !== criterion) return `<td>${cellHtml(c)}</td>`;
        if (spans[i] === 0) return '';
        return spans[i]! > 1 ? `<td rowspan="${spans[i]}">${cellHtml(c)}</td>` : `<td>${cellHtml(c)}</td>`;
      });
      lines.push(`<tr>${cells.join('')}</tr>`);
    });
  } else {
    // Inline styles and valign because LibreOffice's HTML import ignores the style sheet for cells.
    const rule = 'valign="top" style="border-top: 1px solid #000000; border-bottom: 1px solid #000000; border-left: none; border-right: none"';
    const widths = kind.kind === 'criteria' ? [22, 30, 48] : [28, ...header.cells.slice(1).map(() => Math.floor(72 / (width - 1)))];
    if (titleRow) lines.push(`<p class="theme"><b>${titleRow}</b></p>`);
    lines.push('<table class="word" width="100%" cellpadding="4" cellspacing="0">');
    lines.push(`<thead><tr>${header.cells.map((c, i) => `<th align="left" width="${widths[i] ?? 20}%" ${rule}>${cellHtml(c)}</th>`).join('')}</tr></thead>`, '<tbody>');
    for (const row of body) lines.push(`<tr>${row.cells.map((c) => `<td ${rule}>${cellHtml(c)}</td>`).join('')}</tr>`);
  }
  lines.push('</tbody>', '</table>');
  return lines.join('\n');
}

/** Text report → HTML body: markdown headings, lists and emphasis for the prose, real tables for the row blocks. */
function toHtmlBody(text: string, variant: Variant): string {
  const lines = text.split('\n');
  const out: string[] = [];
  let list: { tag: 'ul' | 'ol'; items: string[] } | null = null;
  const closeList = () => {
    if (list) out.push(`<${list.tag}>${list.items.map((i) => `<li>${i}</li>`).join('')}</${list.tag}>`);
    list = null;
  };
  for (let index = 0; index < lines.length; index++) {
    const line = lines[index]!;
    const cells = splitRowLine(line);
    if (cells !== null) {
      closeList();
      const block: Row[] = [];
      for (; index < lines.length; index++) {
        const current = lines[index]!;
        const rowCells = splitRowLine(current);
        if (rowCells === null) {
          // A text line between two rows is a cell the converter wrapped onto its own line.
          const nextIsRow = index + 1 < lines.length && splitRowLine(lines[index + 1]!) !== null;
          if (current.trim() && nextIsRow && block.length > 0) {
            const last = block.at(-1)!;
            last.cells[last.cells.length - 1] += `<br>${escapeHtml(current.trim())}`;
            continue;
          }
          break;
        }
        if (rowCells.length > 0 && rowCells.every((c) => /^\s*:?-{2,}:?\s*$/.test(c))) continue;
        block.push({ cells: rowCells });
      }
      index--;
      out.push(renderBlock(block, variant));
      continue;
    }
    const trimmed = line.trim();
    if (!trimmed) {
      closeList();
      continue;
    }
    const heading = /^(#{1,6})\s+(.*)$/.exec(trimmed);
    const bullet = /^[-*•]\s+(.*)$/.exec(trimmed);
    const numbered = /^\d+[.)]\s+(.*)$/.exec(trimmed);
    if (bullet || numbered) {
      const tag = bullet ? 'ul' : 'ol';
      if (list && list.tag !== tag) closeList();
      list ??= { tag, items: [] };
      list.items.push(inline((bullet ?? numbered)![1]!));
      continue;
    }
    closeList();
    if (heading) out.push(`<h${heading[1]!.length}>${inline(heading[2]!)}</h${heading[1]!.length}>`);
    else if (/^\*[^*].*\*$/.test(trimmed)) out.push(`<p><i>${inline(trimmed.slice(1, -1))}</i></p>`);
    else out.push(`<p>${inline(trimmed)}</p>`);
  }
  closeList();
  return out.join('\n');
}

const STYLE: Record<Variant, string> = {
  ruled: `
    body { font-family: "DejaVu Sans", sans-serif; font-size: 10pt; line-height: 1.3; }
    table { border-collapse: collapse; width: 100%; margin: 8pt 0; }
    td, th { border: 1px solid #333; padding: 3pt 5pt; vertical-align: top; text-align: left; }
    th.theme { background: #dde; font-size: 11pt; }
    td p { margin: 0 0 4pt 0; }
    ul { list-style-type: "• "; }`,
  word: `
    @page { size: A4; margin: 2cm 2cm 2.2cm 2cm; }
    body { font-family: "Liberation Serif", serif; font-size: 11pt; line-height: 1.2; }
    table { border-collapse: collapse; width: 100%; margin: 6pt 0; }
    thead { display: table-header-group; }
    tr, td { break-inside: auto; }
    td, th { border-top: 1px solid #000; border-bottom: 1px solid #000; padding: 2pt 4pt; vertical-align: top; text-align: left; }
    th { font-weight: bold; }
    td p { margin: 0 0 3pt 0; }
    p.theme { margin: 12pt 0 2pt 0; }
    ul { list-style-type: "• "; }`,
  glyphs: '',
  hyphenated: `
    @page { size: A5; margin: 1.2cm; }
    body { font-family: "Liberation Serif", serif; font-size: 10pt; line-height: 1.2; text-align: justify; hyphens: manual; }
    table { border-collapse: collapse; width: 100%; margin: 6pt 0; }
    thead { display: table-header-group; }
    td, th { border-top: 1px solid #000; border-bottom: 1px solid #000; padding: 2pt 4pt; vertical-align: top; text-align: justify; }
    th { text-align: left; }
    td p { margin: 0 0 3pt 0; }
    ul { list-style-type: "• "; }`,
};
STYLE.glyphs = `${STYLE.word}
    @font-face { font-family: "Wingdings"; src: url("wingdings-standin.ttf"); }
    .wd { font-family: "Wingdings"; }`;

function htmlDocument(name: string, body: string, variant: Variant): string {
  return `<!DOCTYPE html>\n<html lang="nl">\n<head>\n<meta charset="utf-8">\n<title>${escapeHtml(name)}</title>\n<style>${STYLE[variant]}\n</style>\n</head>\n<body>\n${body}\n</body>\n</html>\n`;
}

/**
 * Soft hyphens in every long word, outside tags, so the browser hyphenates lines as Word's
 * automatic hyphenation does (a break point every few letters: where exactly does not matter here).
 */
function softHyphenate(html: string): string {
  return html.replace(/(<[^>]*>)|([^<]+)/g, (whole, tag: string | undefined, text: string | undefined) =>
    tag || !text ? whole : text.replace(/&[a-z#0-9]+;|\p{L}{10,}/giu, (word) => (word.startsWith('&') ? word : word.replace(/(\p{L}{5})(?=\p{L}{4})/gu, '$1\u00AD'))),
  );
}

/** Running header and footer for the Word-style export (LibreOffice reads them from these divs). */
const WORD_FURNITURE = {
  header: '<div title="header"><p align="right">Samenwerkend Toezicht Jeugd – toezichtrapport</p></div>',
  footer: '<div title="footer"><p align="center">Pagina <sdfield type=PAGE subtype=RANDOM format=PAGE>1</sdfield></p></div>',
};

/** Per fixture, which forms the glyph variant uses for pass / fail marks (✓, ✗ and the letter X in the text). */
const GLYPH_FORMS: [pass: string, fail: string][] = [
  ['<span class="wd">ü</span>', '<span class="wd">û</span>'],
  ['<span class="wd">\uF0FC</span>', '<span class="wd">\uF0FB</span>'],
  ['✔', '✘'],
  ['√', '×'],
  ['✔', '✘'],
];

function swapGlyphs(html: string, fixtureIndex: number): string {
  const [pass, fail] = GLYPH_FORMS[fixtureIndex % GLYPH_FORMS.length]!;
  // Only marks that open a cell block or follow a sentence end are marks; the X in "X De …" likewise.
  return html
    .replace(/✓/g, pass)
    .replace(/✗/g, fail)
    .replace(/(<td>|<p>|<br>|[.!?]\s)X(?=\s)/g, `$1${fail}`);
}

/** A copy of DejaVu Sans named Wingdings whose ü/û and U+F0FC/U+F0FB draw ✓/✗, as the real font's do. */
function makeWingdingsStandIn(target: string): void {
  const script = `
import sys
from fontTools.ttLib import TTFont
font = TTFont('/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf')
cmap = font.getBestCmap()
check, cross = cmap[0x2713], cmap[0x2717]
for table in font['cmap'].tables:
    if table.isUnicode():
        for code, glyph in ((0xFC, check), (0xFB, cross), (0xF0FC, check), (0xF0FB, cross)):
            table.cmap[code] = glyph
for record in font['name'].names:
    if record.nameID in (1, 4, 16): record.string = 'Wingdings'
    elif record.nameID == 6: record.string = 'Wingdings-Regular'
font.save(sys.argv[1])
`;
  execFileSync('/usr/bin/python3', ['-c', script, target], { stdio: 'inherit' });
}

const CHROMIUM_FLAGS = ['--headless', '--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];

function chromiumPdf(htmlFile: string, pdfFile: string, furniture: boolean, profile: string): void {
  execFileSync('chromium', [
    ...CHROMIUM_FLAGS, `--user-data-dir=${profile}`,
    ...(furniture ? [] : ['--no-pdf-header-footer']),
    `--print-to-pdf=${pdfFile}`, `file://${htmlFile}`,
  ], { stdio: ['ignore', 'ignore', 'inherit'] });
}

function soffice(args: string[], profile: string): void {
  execFileSync('soffice', [`-env:UserInstallation=file://${profile}`, '--headless', ...args], { stdio: ['ignore', 'ignore', 'inherit'] });
}

/**
 * A copy of a DOCX with another page setup, changed in word/document.xml's sectPr (and fonts in
 * styles.xml too): landscape, Letter paper, margins in twips, another font, the header row not
 * repeated (tblHeader removed). No macro, so LibreOffice exports it as it would a user's file.
 */
function pageSetupDocx(source: string, target: string, setup: { landscape?: boolean; letter?: boolean; margin?: number; font?: string; noRepeatedHeader?: boolean }): void {
  const script = `
import json, re, sys, zipfile
source, target, setup = sys.argv[1], sys.argv[2], json.loads(sys.argv[3])
zin, zout = zipfile.ZipFile(source), zipfile.ZipFile(target, 'w', zipfile.ZIP_DEFLATED)
for item in zin.infolist():
    data = zin.read(item.filename)
    if item.filename in ('word/document.xml', 'word/styles.xml'):
        xml = data.decode('utf8')
        if item.filename == 'word/document.xml':
            w, h = (12240, 15840) if setup.get('letter') else (11906, 16838)
            size = f'<w:pgSz w:w="{h}" w:h="{w}" w:orient="landscape"/>' if setup.get('landscape') else f'<w:pgSz w:w="{w}" w:h="{h}"/>'
            xml = re.sub(r'<w:pgSz [^>]*/>', size, xml)
            if 'margin' in setup:
                m = setup['margin']
                xml = re.sub(r'w:left="\\d+" w:right="\\d+"', f'w:left="{m}" w:right="{m}"', xml)
                xml = re.sub(r'w:(top|bottom)="\\d+"', lambda g: f'w:{g.group(1)}="{m}"', xml)
            if setup.get('noRepeatedHeader'):
                xml = re.sub(r'<w:tblHeader[^>]*/>', '', xml)
        if 'font' in setup:
            xml = re.sub(r'(w:(?:ascii|hAnsi|eastAsia|cs)=")(?:Liberation Serif|DejaVu Sans|Liberation Sans)(?:;[a-z-]+)?"', lambda g: g.group(1) + setup['font'] + '"', xml)
        data = xml.encode('utf8')
    zout.writestr(item, data)
zout.close()
`;
  execFileSync('/usr/bin/python3', ['-c', script, source, target, JSON.stringify(setup)], { stdio: 'inherit' });
}

/** The same reports through other PDF writers: rewrites of pdf/word, and another HTML engine with another page setup. */
function otherProducers(name: string, work: string): void {
  const word = join(OUT, 'pdf/word', `${name}.pdf`);
  const quiet = { stdio: ['ignore', 'ignore', 'inherit'] as ['ignore', 'ignore', 'inherit'] };
  execFileSync('gs', ['-q', '-dBATCH', '-dNOPAUSE', '-dSAFER', '-sDEVICE=pdfwrite', `-sOutputFile=${join(OUT, 'pdf/ghostscript', `${name}.pdf`)}`, word], quiet);
  execFileSync('pdftocairo', ['-pdf', word, join(OUT, 'pdf/cairo', `${name}.pdf`)], quiet);
  execFileSync('wkhtmltopdf', ['-q', '--zoom', '0.8', '-s', 'A5', join(OUT, 'html/word', `${name}.html`), join(OUT, 'pdf/wkhtmltopdf', `${name}.pdf`)], quiet);

  // The same writers with other page setups, type sizes and fonts (test/formats-pdf-producers.test.ts).
  execFileSync('wkhtmltopdf', ['-q', join(OUT, 'html/word', `${name}.html`), join(OUT, 'pdf/wkhtmltopdf-a4', `${name}.pdf`)], quiet);
  const margins = ['-T', '8mm', '-B', '8mm', '-L', '8mm', '-R', '8mm'];
  execFileSync('wkhtmltopdf', ['-q', '-O', 'Landscape', ...margins, join(OUT, 'html/ruled', `${name}.html`), join(OUT, 'pdf/wkhtmltopdf-landscape', `${name}.pdf`)], quiet);
  const setups = {
    'word-landscape': { landscape: true, noRepeatedHeader: true },
    'word-letter-serif': { letter: true, margin: 720, font: 'DejaVu Serif' },
  } as const;
  for (const [dir, setup] of Object.entries(setups)) {
    const docx = join(work, dir, `${name}.docx`);
    mkdirSync(join(work, dir), { recursive: true });
    pageSetupDocx(join(OUT, 'docx/word', `${name}.docx`), docx, setup);
    soffice(['--convert-to', 'pdf', '--outdir', join(work, dir), docx], join(work, 'lo'));
    renameSync(join(work, dir, `${name}.pdf`), join(OUT, 'pdf', dir, `${name}.pdf`));
  }
  // LibreOffice's PDF of docx/ruled at its defaults (A4): cells set about their middle
  // (w:vAlign center), criterion cells merged over rows, another table's header repeated over a table's rest.
  soffice(['--convert-to', 'pdf', '--outdir', join(work, 'ruledpdf'), join(OUT, 'docx/ruled', `${name}.docx`)], join(work, 'lo'));
  renameSync(join(work, 'ruledpdf', `${name}.pdf`), join(OUT, 'pdf/word-ruled-centred', `${name}.pdf`));
  // Two of those rewritten by cairo (test/pdf-rewritten.test.ts): header cells as one text run, rows it sets apart.
  if (name.startsWith('004')) execFileSync('pdftocairo', ['-pdf', join(OUT, 'pdf/word-landscape', `${name}.pdf`), join(OUT, 'pdf-rewritten', `cairo-word-landscape-${name}.pdf`)], quiet);
  if (name.startsWith('003')) execFileSync('pdftocairo', ['-pdf', join(OUT, 'pdf/word-ruled-centred', `${name}.pdf`), join(OUT, 'pdf-rewritten', `cairo-word-ruled-centred-${name}.pdf`)], quiet);
  // And the hyphenated A5 PDFs of 000, 001 and 003 (test/aanpak-spelling.test.ts): cairo's glyph offsets make pdf.js cut words apart.
  if (name.startsWith('000') || name.startsWith('001') || name.startsWith('003')) execFileSync('pdftocairo', ['-pdf', join(OUT, 'pdf/hyphenated', `${name}.pdf`), join(OUT, 'pdf-rewritten', `cairo-hyphenated-${name}.pdf`)], quiet);
  // AbiWord's PDF of docx/ruled 003 (test/formats-pdf-producers.test.ts): it clips the last column's line ends at
  // the page's edge, so a row that ends a page seems to stop mid-sentence above the next page's first row.
  if (name.startsWith('003')) execFileSync('abiword', ['--to=pdf', '-o', join(OUT, 'pdf-abiword', `ruled-${name}.pdf`), join(OUT, 'docx/ruled', `${name}.docx`)], quiet);
  // Chromium's print of LibreOffice's HTML of docx/ruled 000 (test/formats-pdf-producers.test.ts): cells set
  // about their middle, a cell of three indicators cut by a page break.
  if (name.startsWith('000')) {
    soffice(['--convert-to', 'html', '--outdir', join(work, 'lohtml'), join(OUT, 'docx/ruled', `${name}.docx`)], join(work, 'lo'));
    chromiumPdf(join(work, 'lohtml', `${name}.html`), join(OUT, 'pdf-chromium-lohtml', `${name}.pdf`), false, join(work, 'chromium'));
  }
  // WeasyPrint's PDF of html/ruled 001 (test/narrative.test.ts): paragraphs set without space between them.
  if (name.startsWith('001')) execFileSync('weasyprint', ['-q', join(OUT, 'html/ruled', `${name}.html`), join(OUT, 'pdf-weasyprint', `${name}.pdf`)], quiet);
  // Chromium at a larger type size lays the table's columns out anew on each page.
  const large = join(work, `${name}-13pt.html`);
  writeFileSync(large, readFileSync(join(OUT, 'html/ruled', `${name}.html`), 'utf8').replace('</head>', '<style>html body, html body * { font-size: 13pt !important; }</style>\n</head>'));
  chromiumPdf(large, join(OUT, 'pdf/browser-13pt', `${name}.pdf`), false, join(work, 'chromium'));
}

function main(): void {
  const work = mkdtempSync(join(tmpdir(), 'render-fixtures-'));
  const dirs = ['html/ruled', 'html/word', 'pdf/browser', 'pdf/word', 'pdf/glyphs', 'pdf/hyphenated', 'pdf/ghostscript', 'pdf/cairo', 'pdf/wkhtmltopdf', 'pdf/wkhtmltopdf-a4', 'pdf/wkhtmltopdf-landscape', 'pdf/word-landscape', 'pdf/word-letter-serif', 'pdf/word-ruled-centred', 'pdf/browser-13pt', 'docx/ruled', 'docx/word', 'doc/ruled', 'doc/word', 'odt/ruled', 'odt/word', 'odt/pandoc', 'odt/pandoc-ruled', 'rtf/ruled', 'rtf/word', 'rtf/pandoc', 'pdf-rewritten', 'pdf-abiword', 'pdf-weasyprint', 'pdf-chromium-lohtml', 'failures'];
  for (const dir of dirs) mkdirSync(join(OUT, dir), { recursive: true });
  const fontFile = join(work, 'wingdings-standin.ttf');
  makeWingdingsStandIn(fontFile);

  const names = readdirSync(SOURCE).filter((n) => n.endsWith('.txt')).sort();
  names.forEach((fileName, fixtureIndex) => {
    const name = basename(fileName, '.txt');
    const { text } = decodeText(readFileSync(join(SOURCE, fileName)));
    for (const variant of ['ruled', 'word'] as const) {
      writeFileSync(join(OUT, 'html', variant, `${name}.html`), htmlDocument(name, toHtmlBody(text, variant), variant));
    }
    const glyphHtml = join(work, `${name}.html`);
    writeFileSync(glyphHtml, swapGlyphs(htmlDocument(name, toHtmlBody(text, 'word'), 'glyphs'), fixtureIndex));
    const hyphenatedHtml = join(work, `${name}-hyphenated.html`);
    writeFileSync(hyphenatedHtml, htmlDocument(name, softHyphenate(toHtmlBody(text, 'ruled')), 'hyphenated'));
    const wordHtml = join(work, 'word', `${name}.html`);
    mkdirSync(join(work, 'word'), { recursive: true });
    const wordBody = toHtmlBody(text, 'word');
    writeFileSync(wordHtml, htmlDocument(name, `${WORD_FURNITURE.header}\n${wordBody}\n${WORD_FURNITURE.footer}`, 'word'));

    chromiumPdf(join(OUT, 'html/ruled', `${name}.html`), join(OUT, 'pdf/browser', `${name}.pdf`), true, join(work, 'chromium'));
    chromiumPdf(glyphHtml, join(OUT, 'pdf/glyphs', `${name}.pdf`), false, join(work, 'chromium'));
    chromiumPdf(hyphenatedHtml, join(OUT, 'pdf/hyphenated', `${name}.pdf`), false, join(work, 'chromium'));
    for (const variant of ['ruled', 'word'] as const) {
      const source = variant === 'word' ? wordHtml : join(OUT, 'html', variant, `${name}.html`);
      soffice(['--infilter=HTML (StarWriter)', '--convert-to', 'docx:MS Word 2007 XML', '--outdir', join(work, `${variant}-docx`), source], join(work, 'lo'));
      copyFileSync(join(work, `${variant}-docx`, `${name}.docx`), join(OUT, 'docx', variant, `${name}.docx`));
      soffice(['--convert-to', 'doc:MS Word 97', '--outdir', join(work, `${variant}-doc`), join(OUT, 'docx', variant, `${name}.docx`)], join(work, 'lo'));
      copyFileSync(join(work, `${variant}-doc`, `${name}.doc`), join(OUT, 'doc', variant, `${name}.doc`));
      soffice(['--convert-to', 'odt', '--outdir', join(work, `${variant}-odt`), join(OUT, 'docx', variant, `${name}.docx`)], join(work, 'lo'));
      copyFileSync(join(work, `${variant}-odt`, `${name}.odt`), join(OUT, 'odt', variant, `${name}.odt`));
      soffice(['--convert-to', 'rtf', '--outdir', join(work, `${variant}-rtf`), join(OUT, 'docx', variant, `${name}.docx`)], join(work, 'lo'));
      copyFileSync(join(work, `${variant}-rtf`, `${name}.rtf`), join(OUT, 'rtf', variant, `${name}.rtf`));
    }
    execFileSync('pandoc', ['-f', 'html', '-t', 'odt', '-o', join(OUT, 'odt/pandoc', `${name}.odt`), join(OUT, 'html/word', `${name}.html`)]);
    execFileSync('pandoc', ['-f', 'html', '-t', 'odt', '-o', join(OUT, 'odt/pandoc-ruled', `${name}.odt`), join(OUT, 'html/ruled', `${name}.html`)]);
    execFileSync('pandoc', ['-s', '-f', 'html', '-t', 'rtf', '-o', join(OUT, 'rtf/pandoc', `${name}.rtf`), join(OUT, 'html/word', `${name}.html`)]);
    soffice(['--convert-to', 'pdf', '--outdir', join(work, 'wordpdf'), join(OUT, 'docx/word', `${name}.docx`)], join(work, 'lo'));
    renameSync(join(work, 'wordpdf', `${name}.pdf`), join(OUT, 'pdf/word', `${name}.pdf`));
    otherProducers(name, work);
    console.log(`rendered ${name}`);
  });

  // A writer that drops the fonts' ToUnicode maps: glyph numbers instead of letters (test/formats-pdf-producers.test.ts).
  execFileSync('mutool', ['convert', '-F', 'pdf', '-o', join(OUT, 'failures/no-unicode.pdf'), join(OUT, 'pdf/word', `${basename(names[4]!, '.txt')}.pdf`)], { stdio: ['ignore', 'ignore', 'inherit'] });
  // Printed to PostScript and distilled again: glyphs mapped to the wrong letters ("7RHOHLGLQJ"), test/formats-failures.test.ts.
  execFileSync('pdftops', [join(OUT, 'pdf/browser', `${basename(names[0]!, '.txt')}.pdf`), join(work, 'roundtrip.ps')]);
  execFileSync('ps2pdf', [join(work, 'roundtrip.ps'), join(OUT, 'failures/postscript-roundtrip.pdf')]);
  // Failure cases: a findings table behind a password (AES-256, user password "lezer"), and a page that is only a picture of text.
  const head = readFileSync(join(SOURCE, names[0]!), 'utf8').split('\n').filter((l) => l.startsWith('|')).slice(0, 6).join('\n');
  writeFileSync(join(work, 'secret.html'), htmlDocument('secret', toHtmlBody(head, 'ruled'), 'ruled'));
  chromiumPdf(join(work, 'secret.html'), join(work, 'secret.pdf'), false, join(work, 'chromium'));
  execFileSync('qpdf', ['--encrypt', 'lezer', 'eigenaar', '256', '--', join(work, 'secret.pdf'), join(OUT, 'failures/encrypted.pdf')]);
  // A scan: a screenshot of a findings table, printed as a picture with no text layer.
  writeFileSync(join(work, 'table.html'), htmlDocument('scan', toHtmlBody(head, 'ruled'), 'ruled'));
  execFileSync('chromium', [...CHROMIUM_FLAGS, `--user-data-dir=${join(work, 'chromium')}`, '--window-size=900,700', `--screenshot=${join(work, 'scan.png')}`, `file://${join(work, 'table.html')}`], { stdio: ['ignore', 'ignore', 'inherit'] });
  writeFileSync(join(work, 'scan.html'), `<!DOCTYPE html><html><body style="margin:0"><img src="scan.png" style="width:100%"></body></html>`);
  chromiumPdf(join(work, 'scan.html'), join(OUT, 'failures/image-only.pdf'), false, join(work, 'chromium'));
  // Not a failure: a typed report with a scanned page appended, read with a warning naming the page.
  execFileSync('qpdf', ['--empty', '--pages', join(OUT, 'pdf/word', `${basename(names[3]!, '.txt')}.pdf`), join(OUT, 'failures/image-only.pdf'), '--', join(OUT, 'failures/partly-scanned.pdf')]);
  rmSync(work, { recursive: true, force: true });
}

main();
