/**
 * A document's text → paragraphs ("blocks") with the source lines they span. Readers hand text in
 * two shapes: text files with blank lines between paragraphs (some hard-wrapped, as pandoc's plain
 * output is), and HTML/DOCX/PDF text with one paragraph per line and no blank lines. One rule set
 * serves both: blank lines end a block; a line that starts in lower case continues the block above
 * unless that ended a sentence (a paragraph cut by a page break or a PDF line the reader could not
 * join); in a hard-wrapped file every line of a run continues it, in a file of blank-separated
 * paragraphs wrapped wider (lynx) every line that follows an unfinished sentence, and lines
 * indented under a list item's text continue the item. List items, headings and table rows always
 * stand alone.
 */
import { collapseRuns, decodeEntities } from '../tables/cell-markup.js';

export interface Block {
  /** Text with whitespace collapsed; markdown heading marks removed, emphasis kept (it carries meaning). */
  text: string;
  lineStart: number;
  lineEnd: number;
  /** Markdown heading level ("## Titel" → 2), when the document marks one. */
  markdownLevel: number | null;
  /** The block is one line that stands alone (a heading candidate). */
  single: boolean;
  /** A list item's text column in its first line: lines indented at least this far continue it (lynx, pandoc plain). */
  hang?: number;
}

const LIST_ITEM = /^(?:[-*•·–]|\d{1,2}[.)]|[a-z][.)])\s+\S/u;
/** A list marker with no text of its own: "-", "1.", or AsciiDoc's "* {blank}" (an item whose text is a block below). */
const LONE_LIST_MARKER = /^(?:[-*•]|\d{1,2}[.)])(?:\s+\{blank\})?$/u;
/**
 * Lines that frame a paragraph without being its text: org's block delimiters ("#+begin_quote"),
 * AsciiDoc's list continuation ("+") and quote block delimiter ("____"), Muse's "<quote>" and "</quote>".
 */
const FRAMING_LINE = /^\s*(?:#\+(?:begin|end)_\w+|\+|_{4,}|<\/?quote>)\s*$/i;
const TABLE_LINE = /\t|^\|/;
const SENTENCE_END = /[.!?:;"”’)]$/;
const STARTS_LOWER = /^[\p{Ll}]/u;

export const isListItem = (text: string) => LIST_ITEM.test(text);

/** Lines of a table of contents: a heading followed by its page number ("3 Wat gaat goed?\t10", "… 10"). */
const TOC_ENTRY = /(?:\t|\s|\.{3,}|…)\s*\d{1,3}\s*$/;
const TOC_TITLE = /^(?:inhoud|inhoudsopgave|inhoudsopgaaf)$/i;

/**
 * Markup a writer leaves around a paragraph of a list item it could not write in its own syntax (a list
 * item holding a quote, as Word's indented paragraphs come out): DokuWiki's "<HTML><li></HTML>> ",
 * MediaWiki's "<li><blockquote><p>", Textile's "<li>bq. <p>". Only these simple tags, at the line's ends.
 */
const WRAPPER_OPEN = /^(?:\s*(?:<\/?HTML>|<\/?(?:ul|ol|li|blockquote|p)>|bq\.\s|>\s))+/;
const WRAPPER_CLOSE = /(?:<\/?HTML>|<\/?(?:ul|ol|li|blockquote|p)>|\s)+$/;

/** Jira's list item holding a quote: "* bq. *Maak …*", the quote's mark right after the item's. */
const LIST_ITEM_QUOTE = /^(\s*[-*]\s+)bq\.\s+(?=\S)/;

/**
 * Backslash escapes of punctuation (Jira's "casus\-", "\(onderliggende)"; markdown's), as the table
 * cells undo them. "\*" and "\_" stay, so escaped signs are never taken for emphasis, and so does an
 * escape that opens the line ("\- ", "\# "), so it is never taken for a list item or a heading.
 */
const PUNCTUATION_ESCAPE = /(?<!^\s*)\\([!"#$%&'()+,\-./:;<=>?@[\]^`{|}~])/g;

/** A line without such wrappers; one that opened a list item ("<li>") starts with "- ", as a list item does. */
function withoutWrappers(line: string): string {
  // Jira's item mark first, whatever else the line holds ("* bq. *Maak …* kinderen <5 jaar").
  const raw = line.includes('bq.') ? line.replace(LIST_ITEM_QUOTE, '$1') : line;
  if (!raw.includes('<') && !/^\s*(?:bq\.|>)\s/.test(raw)) return raw;
  const open = WRAPPER_OPEN.exec(raw);
  let text = open ? raw.slice(open[0].length) : raw;
  // Only the line's tail is searched: the pattern anchored at the end would otherwise be tried from every space of a long line.
  if (text.includes('<')) {
    const cut = Math.max(0, text.length - 80);
    text = text.slice(0, cut) + text.slice(cut).replace(WRAPPER_CLOSE, '');
  }
  return open && /<li>/.test(open[0]) && text.trim() !== '' ? `- ${text}` : text;
}

function cleanLine(line: string): { text: string; markdownLevel: number | null } {
  // Character references a writer escaped text with (Textile's "casus&#45;"), as the table cells decode them.
  const decoded = line.includes('&') ? decodeEntities(line) : line;
  const raw = withoutWrappers(decoded.includes('\\') ? decoded.replace(PUNCTUATION_ESCAPE, '$1') : decoded);
  const heading = /^\s*(#{1,6})\s+(.*?)(?:\s+#+)?\s*$/.exec(raw);
  const body = heading ? heading[2]! : raw;
  const text = trimEndSpacesTabs(body.replace(/[\u00a0\u2007\u202f]/g, ' ')).replace(/^\s+/, '');
  return { text: text.includes('\t') ? text : collapseRuns(text), markdownLevel: heading ? heading[1]!.length : null };
}

/**
 * Exactly `text.replace(/[ \t]+$/g, '')`: a walk back from the end. The regular expression tries
 * every space of the line as a start (it is not anchored there), which made it one of the costliest
 * patterns of a worker thread.
 */
function trimEndSpacesTabs(text: string): string {
  let end = text.length;
  while (end > 0 && (text.charCodeAt(end - 1) === 32 || text.charCodeAt(end - 1) === 9)) end--;
  return end === text.length ? text : text.slice(0, end);
}

/** The leading white space's width once tabs are four spaces, as the old replace-then-match measured it, without copying the line. */
function indentOf(line: string): number {
  const lead = /^\s*/.exec(line)![0];
  let tabs = 0;
  for (let k = 0; k < lead.length; k++) if (lead.charCodeAt(k) === 9) tabs++;
  return lead.length + 3 * tabs;
}

/**
 * Marks table-of-contents lines: from a line "Inhoud(sopgave)" on, every line that ends in a page
 * number, and one trailing entry without it (converters drop the last page number when it sat in an
 * empty tab stop). Such lines would otherwise be read as the headings they list.
 */
function tocLines(lines: string[]): Set<number> {
  const toc = new Set<number>();
  for (let i = 0; i < lines.length; i++) {
    if (!TOC_TITLE.test(lines[i]!.trim().replace(/^#+\s*/, ''))) continue;
    toc.add(i);
    let j = i + 1;
    let entries = 0;
    for (; j < lines.length; j++) {
      const line = lines[j]!.trim();
      if (line === '') continue;
      if (!TOC_ENTRY.test(line) && !/\t$/.test(lines[j]!)) break;
      toc.add(j);
      entries++;
    }
    // The entry converters leave without its page number: only an appendix line, the TOC's usual end.
    if (entries > 0 && j < lines.length && /^bijlage\b/i.test(lines[j]!.trim())) toc.add(j);
  }
  return toc;
}

/** Indices of the lines from each "<table" to its "</table>" (raw HTML tables in a text file). */
function htmlTableLines(raw: string[]): Set<number> {
  const lines = new Set<number>();
  let depth = 0;
  raw.forEach((line, index) => {
    if (!line.includes('table')) {
      if (depth > 0) lines.add(index);
      return;
    }
    const opened = line.match(/<table\b/gi)?.length ?? 0;
    const closed = line.match(/<\/table\s*>/gi)?.length ?? 0;
    if (depth > 0 || opened > 0) lines.add(index);
    depth = Math.max(0, depth + opened - closed);
  });
  return lines;
}

export function textBlocks(text: string, isHeading: (text: string) => boolean): Block[] {
  const raw = text.split('\n');
  const toc = tocLines(raw);
  const nonBlank = raw.filter((l) => l.trim() !== '');
  // Hard-wrapped text: blank lines between paragraphs and no prose line much longer than a terminal.
  // Tables are no prose: rows with runs of spaces or tabs (lynx draws tables at full width), pipe rows,
  // and raw HTML tables, whose many lines without blanks between them (pandoc's gfm) would otherwise
  // outweigh the blank lines between the paragraphs.
  const inHtmlTable = htmlTableLines(raw);
  const prose = raw.filter((l, index) => l.trim() !== '' && !inHtmlTable.has(index) && !/\t| {3,}\S/.test(l.trim()) && !TABLE_LINE.test(l.trim()));
  const blankSeparated = prose.length > 20 && raw.length - nonBlank.length > prose.length / 8;
  const wrapped = blankSeparated && prose.filter((l) => l.length > 100).length <= prose.length / 50;
  const blocks: Block[] = [];
  let afterBlank = true;
  // A list marker on a line of its own (org's "- " above the "#+begin_quote" block a Word list item
  // holding an indented paragraph becomes): the next paragraph is that item.
  let markerAlone = false;
  for (let i = 0; i < raw.length; i++) {
    if (toc.has(i) || FRAMING_LINE.test(raw[i]!)) {
      afterBlank = true;
      continue;
    }
    const cleaned = cleanLine(raw[i]!);
    const { markdownLevel } = cleaned;
    let line = cleaned.text;
    if (line.trim() === '') {
      afterBlank = true;
      continue;
    }
    if (LONE_LIST_MARKER.test(line)) {
      markerAlone = true;
      afterBlank = true;
      continue;
    }
    const itemOfMarker = markerAlone && markdownLevel === null && !TABLE_LINE.test(line) && !LIST_ITEM.test(line);
    if (itemOfMarker) line = `- ${line}`;
    markerAlone = false;
    const previous = blocks.at(-1);
    const indent = indentOf(raw[i]!);
    const hanging = !afterBlank && previous?.hang !== undefined && indent >= previous.hang;
    // Inside a list item's hanging indent, a wrapped line that starts with a dash of the text ("– zicht
    // te krijgen…", pandoc's markdown wrapping a sentence at its dash) goes on in the item: "–" and "·"
    // are no markdown list markers, so they start no item there.
    const dashInItem = hanging && /^[–·]\s/u.test(line);
    const standsAlone = markdownLevel !== null || (LIST_ITEM.test(line) && !dashInItem) || TABLE_LINE.test(line) || isHeading(line);
    const previousOpen = previous !== undefined && previous.markdownLevel === null && !TABLE_LINE.test(previous.text) && !(previous.single && isHeading(previous.text));
    const continues =
      previousOpen &&
      !standsAlone &&
      ((STARTS_LOWER.test(line) && !SENTENCE_END.test(previous!.text)) || (!afterBlank && wrapped) || hanging ||
        // Paragraphs set apart by blank lines but wrapped wider (lynx): a line goes on while no sentence has ended.
        (!afterBlank && blankSeparated && !SENTENCE_END.test(previous!.text)));
    if (continues) {
      previous!.text = joinLines(previous!.text, line);
      previous!.lineEnd = i + 1;
      previous!.single = false;
    } else {
      const marker = LIST_ITEM.test(line) ? /^\s*(?:[-*•·–]|\d{1,2}[.)]|[a-z][.)])\s+/u.exec(raw[i]!.replace(/\t/g, '    ')) : null;
      // An item whose marker stood alone above it hangs at its own first line's indent (Muse's quote
      // inside a list item, hard-wrapped three spaces in).
      const hang = itemOfMarker ? indent : marker ? marker[0].length : 0;
      blocks.push({ text: line, lineStart: i + 1, lineEnd: i + 1, markdownLevel, single: true, ...(hang > 2 ? { hang } : {}) });
    }
    afterBlank = false;
  }
  return blocks;
}

function joinLines(a: string, b: string): string {
  // A word broken at a hyphen over a line end is joined; a dash between words keeps its space.
  if (/\p{L}-$/u.test(a) && /^\p{Ll}/u.test(b)) return a.slice(0, -1) + b;
  return `${a} ${b}`;
}
