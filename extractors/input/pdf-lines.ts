/**
 * PDF text items → visual lines, page furniture and running text. pdf.js hands out text items
 * (a string with a position, width and font size) in content-stream order, which is not reading
 * order: a Word export may draw a cell's check mark after the cell's text, and a page's running
 * header last. Everything here works from positions only, so it is testable with made-up items.
 */

export interface PdfItem {
  str: string;
  /** Left edge and baseline, in points from the page's top-left corner. */
  x: number;
  y: number;
  width: number;
  size: number;
  font: string;
}

export interface PdfPage {
  number: number;
  width: number;
  height: number;
  items: PdfItem[];
}

export interface Line {
  page: number;
  y: number;
  size: number;
  x0: number;
  x1: number;
  /** Items left to right. */
  items: PdfItem[];
  /** The items joined (set by pageLines; every step asks for it). */
  text: string;
}

/** Lower-cased words of the document, for settling line-end hyphens. */
export interface Vocabulary {
  has(word: string): boolean;
}

/*
 * Hot loops here append with an index store rather than push(): once pdf.js's legacy build is
 * loaded (read-pdf.ts), Array.prototype.push is core-js's replacement, a plain function call per
 * element that costs several times the native one.
 */

/**
 * JavaScript's \s (and what trim() removes), by char code: per-item loops test it instead of
 * running a regular expression on every item.
 */
export function isBlank(code: number): boolean {
  if (code <= 0x20) return code === 0x20 || (code >= 0x09 && code <= 0x0d);
  if (code < 0xa0) return false;
  return code === 0xa0 || code === 0x1680 || (code >= 0x2000 && code <= 0x200a) || code === 0x2028 || code === 0x2029 || code === 0x202f || code === 0x205f || code === 0x3000 || code === 0xfeff;
}

/** Does the string hold anything but blanks (str.trim().length > 0)? */
function hasText(str: string): boolean {
  for (let i = 0; i < str.length; i++) if (!isBlank(str.charCodeAt(i))) return true;
  return false;
}

const BLANK_RUN = /\s+/g;

/**
 * str.replace(/\s+/g, ' '): most items hold single spaces only, and come back as they are without
 * a regular expression run.
 */
function collapseBlanks(str: string): string {
  for (let i = 0; i < str.length; i++) {
    const code = str.charCodeAt(i);
    if (code === 0x20 ? i + 1 < str.length && isBlank(str.charCodeAt(i + 1)) : isBlank(code)) return str.replace(BLANK_RUN, ' ');
  }
  return str;
}

/** Items on one baseline, left to right. Items whose baselines differ by less than half a font size share a line (superscripts included). */
export function pageLines(page: PdfPage): Line[] {
  const items = page.items.filter((item) => hasText(item.str)).sort((a, b) => a.y - b.y || a.x - b.x);
  const lines: Line[] = [];
  for (const item of items) {
    const line = lines.length > 0 ? lines[lines.length - 1] : undefined;
    if (line && Math.abs(item.y - line.y) <= 0.5 * Math.max(item.size, line.size)) {
      line.items[line.items.length] = item;
      // The line's baseline and size are its largest item's: a superscript must not move it.
      if (item.size > line.size) {
        line.size = item.size;
        line.y = item.y;
      }
      continue;
    }
    lines[lines.length] = { page: page.number, y: item.y, size: item.size, x0: 0, x1: 0, items: [item], text: '' };
  }
  for (const line of lines) {
    line.items.sort((a, b) => a.x - b.x);
    line.x0 = line.items[0]!.x;
    let x1 = -Infinity;
    for (const i of line.items) x1 = Math.max(x1, i.x + i.width);
    line.x1 = x1;
    line.text = joinItems(line.items);
  }
  return lines;
}

/** Joins items left to right, with a space where the gap between two items is wider than a thin space. */
export function joinItems(items: PdfItem[]): string {
  let text = '';
  let end = -Infinity;
  for (const item of items) {
    const str = collapseBlanks(item.str);
    if (text && item.x - end > 0.15 * item.size && !text.endsWith(' ') && !str.startsWith(' ')) text += ' ';
    text += str;
    end = Math.max(end, item.x + item.width);
  }
  return text.trim();
}

export const lineText = (line: Line) => line.text;

/**
 * Helvetica's advance widths (1/1000 em) for ASCII 32–126: enough to tell roughly where a word
 * starts inside a text item. pdf.js merges the words of one text-showing operator into one item, so
 * a cell whose text runs up to the next column can arrive in one item with the next cell's words.
 */
const ASCII_WIDTHS = [
  278, 278, 355, 556, 556, 889, 667, 191, 333, 333, 389, 584, 278, 333, 278, 278, 556, 556, 556, 556, 556, 556, 556, 556, 556, 556, 278, 278, 584, 584, 584, 556,
  1015, 667, 667, 722, 722, 667, 611, 778, 722, 278, 500, 667, 556, 833, 722, 778, 667, 778, 722, 667, 611, 722, 667, 944, 667, 667, 611, 278, 278, 278, 469, 556,
  333, 556, 556, 500, 556, 556, 278, 556, 556, 222, 222, 500, 222, 833, 556, 556, 556, 556, 333, 500, 278, 556, 500, 722, 500, 500, 500, 334, 260, 334, 584,
];
function estimatedWidth(char: string): number {
  const base = char.normalize('NFD').codePointAt(0)!;
  return base >= 32 && base <= 126 ? ASCII_WIDTHS[base - 32]! : 556;
}

/**
 * Splits an item whose text crosses one of these x positions at the word start nearest to it,
 * when the estimated start lies within `tolerance`: the words after it belong to the next column.
 * Returns how many items were split; the line's items are replaced, its text stays as it was.
 */
export function splitItemsAt(line: Line, edges: number[], tolerance: number): number {
  const out = line.items.flatMap((item) => splitItemAtEdges(item, edges, tolerance));
  const splits = out.length - line.items.length;
  if (splits > 0) line.items = out;
  return splits;
}

/** One item → its pieces, cut where its text crosses these x positions (see splitItemsAt). */
export function splitItemAtEdges(item: PdfItem, edges: number[], tolerance: number): PdfItem[] {
  const edge = edges.find((x) => item.x < x - tolerance && item.x + item.width > x + tolerance);
  const cut = edge === undefined ? null : wordStartNear(item, edge, tolerance);
  if (cut === null) return [item];
  const head = { ...item, str: item.str.slice(0, cut.index).trimEnd(), width: Math.min(cut.headWidth, edge! - item.x) };
  // The word is taken to start at the edge itself (the estimate is a few points off either way). The
  // rest may cross a further column edge too.
  return [head, ...splitItemAtEdges({ ...item, str: item.str.slice(cut.index), x: edge!, width: item.x + item.width - edge! }, edges, tolerance)];
}

/** The item cut before its character `index`, each part placed by estimated glyph widths. */
export function splitItemAtIndex(item: PdfItem, index: number): [PdfItem, PdfItem] {
  const width = (text: string) => [...text].reduce((sum, char) => sum + estimatedWidth(char), 0);
  const scale = item.width / width(item.str);
  const headWidth = width(item.str.slice(0, index).trimEnd()) * scale;
  const tailX = item.x + width(item.str.slice(0, index)) * scale;
  return [
    { ...item, str: item.str.slice(0, index).trimEnd(), width: headWidth },
    { ...item, str: item.str.slice(index), x: tailX, width: item.x + item.width - tailX },
  ];
}

function wordStartNear(item: PdfItem, edge: number, tolerance: number): { index: number; x: number; headWidth: number } | null {
  const chars = [...item.str];
  const total = chars.reduce((sum, char) => sum + estimatedWidth(char), 0);
  const scale = item.width / total;
  let best: { index: number; x: number; headWidth: number } | null = null;
  let advance = 0;
  let index = 0;
  for (let i = 0; i < chars.length; i++) {
    const char = chars[i]!;
    const before = advance;
    advance += estimatedWidth(char);
    index += char.length;
    if (char !== ' ' || i + 1 >= chars.length || chars[i + 1] === ' ') continue;
    const x = item.x + advance * scale;
    if (Math.abs(x - edge) <= tolerance && (!best || Math.abs(x - edge) < Math.abs(best.x - edge))) best = { index, x, headWidth: before * scale };
  }
  return best;
}

/** Splits a line's items where the gap between them is wider than a word space could be: separate cells or columns. */
export function lineRuns(line: Line): PdfItem[][] {
  const runs: PdfItem[][] = [];
  let run: PdfItem[] = [];
  let end = -Infinity;
  for (const item of line.items) {
    if (runs.length === 0 || item.x - end > 0.5 * item.size) runs[runs.length] = run = [];
    run[run.length] = item;
    end = Math.max(end, item.x + item.width);
  }
  return runs;
}

const PAGE_NUMBER = /^(?:(?:pagina|page|blz\.?|p\.)\s*)?\d{1,4}(?:\s*(?:\/|van|of|-)\s*\d{1,4})?$|^[-–]\s*\d{1,4}\s*[-–]$/i;

/**
 * Running headers and footers: lines in the top or bottom tenth of the page (a page's first and
 * last line in the top or bottom fifth) that recur at the same place on at least half the pages
 * (digits aside, so "2/5" and "3/5" are one line), and bare page numbers there. Header rows of
 * findings tables recur too, but are kept (isProtected).
 */
export function findFurniture(pages: PdfPage[], lines: Line[][], isProtected: (line: Line) => boolean): Set<Line> {
  const keyOf = (line: Line) => `${Math.round(line.y / 4)}|${lineText(line).replace(/\d+/g, '#').toLowerCase()}`;
  const counts = new Map<string, number>();
  const candidates: { line: Line; key: string }[] = [];
  pages.forEach((page, index) => {
    const seen = new Set<string>();
    const onPage = lines[index]!;
    onPage.forEach((line, at) => {
      const position = line.y / page.height;
      // A page's first and last lines count a little further in: a landscape page's running header
      // and footer sit deeper into its short height (LibreOffice: 11% from the top, 12% from the foot).
      const outermost = (at === 0 && position < 0.2) || (at === onPage.length - 1 && position > 0.8);
      if (position > 0.1 && position < 0.9 && !outermost) return;
      const key = keyOf(line);
      candidates.push({ line, key });
      if (!seen.has(key)) counts.set(key, (counts.get(key) ?? 0) + 1);
      seen.add(key);
    });
  });
  const needed = Math.max(2, Math.ceil(pages.length / 2));
  const furniture = new Set<Line>();
  for (const { line, key } of candidates) {
    if (isProtected(line)) continue;
    if ((counts.get(key) ?? 0) >= needed || PAGE_NUMBER.test(lineText(line))) furniture.add(line);
  }
  return furniture;
}

/** Symbol glyphs that start a list item in PDFs: bullets in their Unicode and Symbol-font forms. */
const BULLET = /^[•·▪◦‣\uF0B7\uF0A7\uF076\uF0D8]\s*/;
/** A soft hyphen, or U+2010 which browsers draw where they break a word at one. */
const SOFT_HYPHEN_END = /(?<=\p{L})[\u00AD\u2010]$/u;
const HYPHEN_END = /[\p{L}\p{N}]-$/u;
const SIGN_HYPHEN_END = /[^\s\p{L}\p{N}-]-$/u;
/** Words after which a line-end hyphen stands for an elided compound part ("drang- en dwangkader"). */
const ELISION_FOLLOWERS = /^(en|of|tot|noch|dan|and|or)\b/;

/**
 * Joins two wrapped lines of one paragraph. A line-end hyphen stays (Dutch hyphenates compounds:
 * "zorg-coördinatie", "0-19") unless it is a soft hyphen or the document spells the joined word
 * without it elsewhere ("samenwerkings-" + "afspraken" when "samenwerkingsafspraken" occurs).
 */
export function joinWrapped(before: string, after: string, vocabulary: Vocabulary): string {
  if (!before) return after;
  if (!after) return before;
  const last = before[before.length - 1];
  if (last !== '-' && last !== '\u2010' && last !== '\u00AD') return `${before} ${after}`;
  if (SOFT_HYPHEN_END.test(before) && /^\p{Ll}/u.test(after) && !vocabulary.has(hyphenatedWord(before, after))) return before.slice(0, -1) + after;
  if (SOFT_HYPHEN_END.test(before)) return `${before.slice(0, -1)}-${after}`;
  // A hyphen after a sign ("ondersteuning /-opvang") prefixes the next word: lines break after it.
  if (SIGN_HYPHEN_END.test(before) && /^[\p{L}\p{N}]/u.test(after)) return before + after;
  const hyphen = HYPHEN_END.exec(before);
  if (hyphen && /^[\p{L}\p{N}]/u.test(after)) {
    if (ELISION_FOLLOWERS.test(after)) return `${before} ${after}`;
    const hyphenated = hyphenatedWord(before, after);
    if (/^\p{Ll}/u.test(after) && vocabulary.has(hyphenated.replace('-', '')) && !vocabulary.has(hyphenated)) return before.slice(0, -1) + after;
    return before + after;
  }
  return `${before} ${after}`;
}

/**
 * Does the rest of a word broken without a hyphen go on here ("Multiprobleemgezi" + "nnen")? Only
 * when the document spells the joined word elsewhere: a line of one long word followed by one in
 * lower case is as often a word that just fitted and the next ("cultuurverandering" + "bij").
 */
export function continuesBrokenWord(before: string, after: string, vocabulary: Vocabulary): boolean {
  const head = /[\p{L}\p{N}]+$/u.exec(before)?.[0] ?? '';
  // Punctuation never opens a word: a line that starts with it ends the word above.
  if (head && /^[,.;:!?)]/u.test(after)) return true;
  const tail = /^\p{Ll}[\p{L}\p{N}]*/u.exec(after)?.[0] ?? '';
  return head.length > 0 && tail.length > 0 && vocabulary.has(`${head}${tail}`.toLowerCase());
}

/** The word a line-end hyphen splits, hyphen included ("zorg-" + "coördinatie …" → "zorg-coördinatie"). */
function hyphenatedWord(before: string, after: string): string {
  const head = /[\p{L}\p{N}]+(?=[-\u2010\u00AD]$)/u.exec(before)?.[0] ?? '';
  const tail = /^[\p{L}\p{N}]+/u.exec(after)?.[0] ?? '';
  return `${head}-${tail}`.toLowerCase();
}

/**
 * Lower-cased words of the whole document, to settle line-end hyphens: asked a few times per
 * document, so a search of its text rather than an index of every word.
 */
export function documentVocabulary(pages: PdfPage[]): Vocabulary {
  let text: string | null = null;
  // The same words are asked again (a cell's lines are joined by more than one step): each search once.
  const answers = new Map<string, boolean>();
  const isWordChar = (char: string | undefined) => char !== undefined && /[\p{L}\p{N}]/u.test(char);
  return {
    has(word) {
      const known = answers.get(word);
      if (known !== undefined) return known;
      text ??= ` ${pages.map((page) => page.items.map((item) => item.str).join(' ')).join(' ').toLowerCase().replace(/\u2010/g, '-')} `;
      let found = false;
      for (let at = text.indexOf(word); at >= 0 && !found; at = text.indexOf(word, at + 1)) {
        found = !isWordChar(text[at - 1]) && !isWordChar(text[at + word.length]);
      }
      answers.set(word, found);
      return found;
    },
  };
}

/** A line that opens with a label of a word or few and a colon ("Professional: ", "Adviseur Bijzondere Doelgroepen: "). */
const LABEL_OPENS = /^\s*[\p{Lu}][\p{L}’'-]*(?: [\p{L}’'-]+){0,3}:\s/u;

export function startsListItem(text: string): boolean {
  return BULLET.test(text);
}

/** A list item's text without its bullet (a cell's blocks carry none, as cell-markup.ts reads <li>). */
export function withoutBullet(text: string): string {
  return text.replace(BULLET, '');
}

/** A bullet glyph → the "- " the text reports use, so partner lists read the same. */
export function normaliseBullet(text: string): string {
  return text.replace(BULLET, '- ');
}

/**
 * Running text lines → paragraphs, one per output line, as the text reports have them. A line
 * continues the paragraph above when it follows at line spacing, in the same font size, and the
 * line above was wrapped rather than ended: the first word of the line would not have fitted
 * after it, before the right edge of the document's running text. A line that opens with a label
 * ("Professional: …") under a line ending in a colon starts a paragraph: the voice the line above
 * announces, which writers that set paragraphs without space between them (WeasyPrint) leave
 * looking like a wrapped line.
 */
export function paragraphs(lines: Line[], vocabulary: Vocabulary, rightEdge: number, spans?: { first: Line; last: Line }[]): string[] {
  const out: string[] = [];
  let previous: Line | null = null;
  for (const line of lines) {
    const raw = lineText(line);
    const text = normaliseBullet(raw);
    const wrapped =
      previous !== null &&
      !startsListItem(raw) &&
      Math.abs(line.size - previous.size) <= 0.1 * line.size &&
      (line.page === previous.page ? line.y - previous.y > 0 && line.y - previous.y <= 1.45 * line.size : line.page === previous.page + 1) &&
      rightEdge - previous.x1 < firstWordWidth(line) + 0.3 * line.size &&
      !(previous.text.trimEnd().endsWith(':') && LABEL_OPENS.test(raw));
    if (wrapped && out.length > 0) {
      out[out.length - 1] = joinWrapped(out.at(-1)!, text, vocabulary);
      if (spans && spans.length > 0) spans[spans.length - 1]!.last = line;
    } else {
      out.push(text);
      // The lines a paragraph starts and ends on, for provenance of the text (its page, its source lines).
      spans?.push({ first: line, last: line });
    }
    previous = line;
  }
  return out;
}

/** Width of a line's first word, from its item's average glyph width. */
export function firstWordWidth(line: Line): number {
  const first = line.items[0]!;
  const word = /^\S+/.exec(first.str.trimStart())?.[0] ?? '';
  return first.str.length > 0 ? (word.length * first.width) / first.str.length : 0;
}
