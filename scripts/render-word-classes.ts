/**
 * Renders the five fixture reports the way a person with Word would (issue 10), into the classes
 * of layout that used to lose or move findings; test/word-classes.test.ts checks each against its
 * text source. Source: the committed `fixtures/rendered/html/word/*.html` (itself made from the text
 * fixtures by render-fixtures.ts), read block by block; every cell becomes a list of paragraphs:
 * `<p>`/`<br>` paragraphs, list items, and a long paragraph cut at sentence ends (as authors write
 * evidence in short paragraphs). Nothing here knows a seed file: the same rules for every report.
 *
 *   text-word      Word's "save as text": cells joined by a tab, a cell's paragraphs by line ends, so a
 *                  multi-paragraph cell's first line holds the row's cells before it and its last line
 *                  the cells after it (class A); list items as "- " lines (class C)
 *   pdf-pages      pandoc → DOCX with a Word-like table style (horizontal rules only, header row
 *                  repeated, rows allowed to break across pages, A4, 9.5 pt) → LibreOffice PDF (class B)
 *   pdf-lists      as pdf-pages, a cell's list items as real bullet paragraphs (class C)
 *   pdf-headers    as pdf-pages, narrow value columns and header cells bottom-aligned, so header cells
 *                  run over two or more lines (class D)
 *   pdf-narrow     as pdf-headers with narrower columns still: long words broken across lines
 *                  without a hyphen (class E), header cells on three lines
 *
 * Needs pandoc (2.17), LibreOffice (soffice) and python3. Run: npx tsx scripts/render-word-classes.ts
 * The outputs are committed under fixtures/word-classes/; CI never runs this.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join, resolve } from 'node:path';

const ROOT = resolve(import.meta.dirname, '..');
const SOURCE = join(ROOT, 'fixtures/rendered/html/word');
const OUT = join(ROOT, 'fixtures/word-classes');

interface Cell { paragraphs: string[]; list: boolean[] }
type Block = { kind: 'para'; text: string; theme: boolean } | { kind: 'table'; header: Cell[]; rows: Cell[][] };

const decode = (text: string) =>
  text.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&#39;/g, "'").replace(/&nbsp;/g, ' ').replace(/&amp;/g, '&');
const plain = (html: string) => decode(html.replace(/<[^>]+>/g, '')).replace(/\s+/g, ' ').trim();

/** Cuts a long paragraph at sentence ends into pieces of about two sentences (never before a lower-case word). */
function sentencePieces(text: string): string[] {
  if (text.length < 160) return [text];
  const sentences = text.split(/(?<=[.!?])\s+(?=[A-Z✓✗])/);
  const pieces: string[] = [];
  let current = '';
  for (const sentence of sentences) {
    current = current ? `${current} ${sentence}` : sentence;
    if (current.length >= 120) {
      pieces.push(current);
      current = '';
    }
  }
  if (current) pieces.push(current);
  return pieces;
}

/** A cell's paragraphs: <p>, <br>, list items (an <li>, or " - " items after a <ul> run together in one line). */
function cellOf(inner: string): Cell {
  const paragraphs: string[] = [];
  const list: boolean[] = [];
  const listAt = inner.search(/<ul[^>]*>/);
  const head = listAt < 0 ? inner : inner.slice(0, listAt);
  for (const piece of head.split(/<\/?p>|<br\s*\/?>/)) {
    const text = plain(piece);
    if (!text) continue;
    for (const part of sentencePieces(text)) {
      paragraphs.push(part);
      list.push(false);
    }
  }
  if (listAt >= 0) {
    const rest = inner.slice(listAt);
    const items = /<li>/.test(rest) ? rest.split(/<li>/).slice(1).map(plain) : plain(rest).split(/(?:^|\s)-\s+/).map((s) => s.trim());
    for (const item of items.filter(Boolean)) {
      paragraphs.push(item);
      list.push(true);
    }
  }
  return { paragraphs, list };
}

function blocksOf(html: string): Block[] {
  const body = html.slice(html.indexOf('<body>') + 6, html.indexOf('</body>'));
  const blocks: Block[] = [];
  const pattern = /<table[\s\S]*?<\/table>|<(p|h\d)( class="theme")?[^>]*>([\s\S]*?)<\/\1>|<li>([\s\S]*?)<\/li>/g;
  for (const match of body.matchAll(pattern)) {
    if (match[0].startsWith('<table')) {
      const rows = [...match[0].matchAll(/<tr>([\s\S]*?)<\/tr>/g)].map((row) => [...row[1]!.matchAll(/<t([hd])[^>]*>([\s\S]*?)<\/t\1>/g)].map((c) => ({ th: c[1] === 'h', cell: cellOf(c[2]!) })));
      const headerAt = rows.findIndex((row) => row.every((c) => c.th));
      if (headerAt < 0) {
        blocks.push({ kind: 'table', header: [], rows: rows.map((row) => row.map((c) => c.cell)) });
        continue;
      }
      blocks.push({ kind: 'table', header: rows[headerAt]!.map((c) => c.cell), rows: rows.filter((_, i) => i !== headerAt).map((row) => row.map((c) => c.cell)) });
    } else if (match[4] !== undefined) {
      blocks.push({ kind: 'para', text: `- ${plain(match[4])}`, theme: false });
    } else {
      blocks.push({ kind: 'para', text: plain(match[3]!), theme: match[2] !== undefined });
    }
  }
  return blocks.filter((b) => b.kind === 'table' || b.text.length > 0);
}

/** Word's "save as text": a row's cells joined by tabs, a cell's paragraphs by line ends. */
function wordText(blocks: Block[]): string {
  const lines: string[] = [];
  const row = (cells: Cell[]) => cells.map((c) => c.paragraphs.map((p, i) => (c.list[i] ? `- ${p}` : p)).join('\r\n')).join('\t');
  for (const block of blocks) {
    if (block.kind === 'para') lines.push(block.text);
    else {
      if (block.header.length) lines.push(row(block.header));
      for (const cells of block.rows) lines.push(row(cells));
      lines.push('');
    }
  }
  return `${lines.join('\r\n')}\r\n`;
}

const escapeHtml = (text: string) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

/** HTML for pandoc: each cell's paragraphs as <p>, list items as a <ul> when `lists`, else as "- " paragraphs. */
function pandocHtml(blocks: Block[], lists: boolean): string {
  const cell = (c: Cell, tag: 'td' | 'th') => {
    const parts: string[] = [];
    c.paragraphs.forEach((p, i) => {
      if (!c.list[i]) parts.push(`<p>${escapeHtml(p)}</p>`);
      else if (lists) parts.push(`<ul><li>${escapeHtml(p)}</li></ul>`);
      else parts.push(`<p>- ${escapeHtml(p)}</p>`);
    });
    return `<${tag}>${parts.join('').replace(/<\/ul><ul>/g, '')}</${tag}>`;
  };
  const out = blocks.map((block) => {
    if (block.kind === 'para') return block.theme ? `<p><strong>${escapeHtml(block.text)}</strong></p>` : `<p>${escapeHtml(block.text)}</p>`;
    const head = block.header.length ? `<thead><tr>${block.header.map((c) => cell(c, 'th')).join('')}</tr></thead>` : '';
    return `<table>${head}<tbody>${block.rows.map((r) => `<tr>${r.map((c) => cell(c, 'td')).join('')}</tr>`).join('\n')}</tbody></table>`;
  });
  return `<!DOCTYPE html><html><head><meta charset="utf-8"></head><body>\n${out.join('\n')}\n</body></html>`;
}

interface Setup {
  /** Share of the text width for the first column; the others split the rest evenly. */
  firstColumn: number;
  /** Text width in twips (A4 is 11906 wide). */
  margin: number;
  headerBottom: boolean;
}

/**
 * pandoc's DOCX made Word-like, in word/document.xml and styles.xml: A4, 9.5 pt type, tables with
 * horizontal rules only, the header row repeated on each page, rows allowed to break across pages,
 * column widths per setup, header cells bottom-aligned when asked.
 */
function wordLike(source: string, target: string, setup: Setup): void {
  const script = `
import json, re, sys, zipfile
source, target, setup = sys.argv[1], sys.argv[2], json.loads(sys.argv[3])
zin, zout = zipfile.ZipFile(source), zipfile.ZipFile(target, 'w', zipfile.ZIP_DEFLATED)
rule = '<w:tblBorders><w:top w:val="single" w:sz="4" w:space="0" w:color="000000"/><w:bottom w:val="single" w:sz="4" w:space="0" w:color="000000"/><w:insideH w:val="single" w:sz="4" w:space="0" w:color="000000"/></w:tblBorders>'
text_width = 11906 - 2 * setup['margin']
def table(match):
    xml = match.group(0)
    columns = len(re.findall(r'<w:gridCol\\b', xml))
    if columns == 0:
        return xml
    first = int(text_width * setup['firstColumn']) if columns > 1 else text_width
    rest = (text_width - first) // (columns - 1) if columns > 1 else 0
    widths = [first] + [rest] * (columns - 1)
    xml = re.sub(r'<w:tblGrid>.*?</w:tblGrid>', '<w:tblGrid>' + ''.join(f'<w:gridCol w:w="{w}"/>' for w in widths) + '</w:tblGrid>', xml, flags=re.S)
    xml = re.sub(r'<w:tblW [^>]*/>', f'<w:tblW w:w="{text_width}" w:type="dxa"/><w:tblLayout w:type="fixed"/>' + rule, xml, count=1)
    xml = re.sub(r'<w:tblLook [^>]*/>', '', xml)
    rows = re.split(r'(?=<w:tr>|<w:tr )', xml)
    out = [rows[0]]
    for index, row in enumerate(rows[1:]):
        header = 'w:tblHeader' in row or (index == 0 and '<w:tblStylePr' not in row and setup.get('hasHeader', True))
        row = re.sub(r'<w:cantSplit[^>]*/>', '', row)
        column = [0]
        def cell(m):
            w = widths[min(column[0], len(widths) - 1)]
            column[0] += 1
            props = f'<w:tcW w:w="{w}" w:type="dxa"/>' + ('<w:vAlign w:val="bottom"/>' if header and setup['headerBottom'] else '')
            return '<w:tc><w:tcPr>' + props + '</w:tcPr>'
        row = re.sub(r'<w:tc>(?:<w:tcPr>.*?</w:tcPr>)?', cell, row, flags=re.S)
        if header and 'w:tblHeader' not in row:
            row = re.sub(r'<w:tr>', '<w:tr><w:trPr><w:tblHeader/></w:trPr>', row, count=1)
        out.append(row)
    return ''.join(out)
for item in zin.infolist():
    data = zin.read(item.filename)
    if item.filename == 'word/document.xml':
        xml = data.decode('utf8')
        xml = re.sub(r'<w:tbl>.*?</w:tbl>', table, xml, flags=re.S)
        m = setup['margin']
        sect = f'<w:sectPr><w:pgSz w:w="11906" w:h="16838"/><w:pgMar w:top="1134" w:right="{m}" w:bottom="1134" w:left="{m}" w:header="567" w:footer="567" w:gutter="0"/></w:sectPr>'
        xml = re.sub(r'<w:sectPr[\\s\\S]*?</w:sectPr>|<w:sectPr */>', '', xml)
        xml = xml.replace('</w:body>', sect + '</w:body>')
        data = xml.encode('utf8')
    elif item.filename == 'word/styles.xml':
        xml = data.decode('utf8')
        xml = re.sub(r'<w:sz w:val="\\d+"\\s*/>', '<w:sz w:val="19"/>', xml)
        xml = re.sub(r'<w:szCs w:val="\\d+"\\s*/>', '<w:szCs w:val="19"/>', xml)
        data = xml.encode('utf8')
    zout.writestr(item, data)
zout.close()
`;
  execFileSync('/usr/bin/python3', ['-c', script, source, target, JSON.stringify(setup)], { stdio: 'inherit' });
}

const SETUPS: Record<string, { lists: boolean; setup: Setup }> = {
  'pdf-pages': { lists: false, setup: { firstColumn: 0.3, margin: 1134, headerBottom: false } },
  'pdf-lists': { lists: true, setup: { firstColumn: 0.3, margin: 1134, headerBottom: false } },
  'pdf-headers': { lists: false, setup: { firstColumn: 0.46, margin: 1134, headerBottom: true } },
  'pdf-narrow': { lists: true, setup: { firstColumn: 0.52, margin: 1418, headerBottom: true } },
};

function main(): void {
  const work = mkdtempSync(join(tmpdir(), 'word-classes-'));
  for (const dir of ['text-word', ...Object.keys(SETUPS)]) mkdirSync(join(OUT, dir), { recursive: true });
  for (const file of readdirSync(SOURCE).filter((n) => n.endsWith('.html')).sort()) {
    const name = basename(file, '.html');
    const blocks = blocksOf(readFileSync(join(SOURCE, file), 'utf8'));
    writeFileSync(join(OUT, 'text-word', `${name}.txt`), wordText(blocks));
    for (const [dir, { lists, setup }] of Object.entries(SETUPS)) {
      const html = join(work, `${name}-${dir}.html`);
      writeFileSync(html, pandocHtml(blocks, lists));
      const raw = join(work, `${name}-${dir}-pandoc.docx`);
      execFileSync('pandoc', ['-f', 'html', '-t', 'docx', '-o', raw, html]);
      const docx = join(work, dir, `${name}.docx`);
      mkdirSync(join(work, dir), { recursive: true });
      wordLike(raw, docx, setup);
      execFileSync('soffice', [`-env:UserInstallation=file://${join(work, 'lo')}`, '--headless', '--convert-to', 'pdf', '--outdir', join(work, dir), docx], { stdio: ['ignore', 'ignore', 'inherit'] });
      renameSync(join(work, dir, `${name}.pdf`), join(OUT, dir, `${name}.pdf`));
    }
    console.log(`rendered ${name}`);
  }
  rmSync(work, { recursive: true, force: true });
}

main();
