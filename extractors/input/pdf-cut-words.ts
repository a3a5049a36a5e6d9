/**
 * Words a PDF writer's glyph spacing cut apart, rejoined where the document prints them whole.
 * Some writers (cairo, rewriting justified A5 pages) place glyph runs with offsets that pdf.js reads
 * as word spaces inside one text item: "Indic atoren", "Doelg roepen", "toezichton derzoek". A header
 * cut so is no header any more, an indicator so cut matches the catalogue worse, and the evidence reads
 * oddly. The document itself says how its words are spelled: the same words stand whole elsewhere.
 *
 * Only inside one text item (pdf.js put the space, not a gap between items), only between letters,
 * only to a word of at least MIN_JOINED_LETTERS the document prints whole (or the framework's wordings
 * hold), and only in a document that shows the habit by its own words: MIN_CUT_WORDS distinct words
 * printed both whole and cut. A writer's own variation ("regie groepen" beside "regiegroepen") stays
 * below that; a clean PDF is left exactly as read. A line-end hyphen item with pdf.js's space before it
 * (" ‐") loses the space, so the line joiner settles it as a soft hyphen.
 */
import { loadCatalogue } from '../framework/catalogue.js';
import type { PdfPage } from './pdf-lines.js';

/**
 * Distinct words printed both whole and cut in two before a document counts as cut by its glyph
 * spacing: the fixtures' clean PDFs print up to 3 (a writer's variation), cairo's cut A5 text 19 to 28.
 */
export const MIN_CUT_WORDS = 8;
/** A rejoined word this long at least: short pairs ("er in" / "erin") are ordinary Dutch either way. */
export const MIN_JOINED_LETTERS = 8;
/** Parts of one word joined at most: "verst andel ijke" is three. */
const MAX_PARTS = 3;

const LETTERS = /^\p{L}+$/u;
const LEADING_LETTERS = /^\p{L}+/u;
const TRAILING_LETTERS = /\p{L}+$/u;

export interface RejoinedWords {
  /** Places rejoined. */
  places: number;
  /** Distinct words the document prints both whole and cut in two (0 when not counted past the check). */
  cutWords: number;
  /** Set when the framework's words, not the document's, showed the habit (catalogueEvidence). */
  byCatalogue?: boolean;
  /** The first few, as read and as rejoined: for the warning. */
  examples: { read: string; joined: string }[];
}

const NON_ASCII_LETTER = /\p{L}/u;
/** An item that is only a soft hyphen or U+2010 after blanks. */
const SPACED_LINE_HYPHEN = /^\s+[\u00AD\u2010]$/;

function isLetter(code: number): boolean {
  if (code < 0x80) return (code | 0x20) >= 0x61 && (code | 0x20) <= 0x7a;
  return NON_ASCII_LETTER.test(String.fromCharCode(code));
}

/**
 * In one pass over every item's characters (this runs on every PDF, so char codes, not a regular
 * expression per token): the lower-cased letter runs of MIN_JOINED_LETTERS or more the document prints
 * whole, and every pair of letter runs one space apart inside an item whose letters reach that length
 * together, joined: the possible cuts.
 */
function scanWords(pages: readonly PdfPage[]): { whole: Set<string>; pairs: string[] } {
  const whole = new Set<string>();
  const pairs: string[] = [];
  for (const page of pages) {
    for (const item of page.items) {
      const str = item.str;
      let previousStart = -1;
      let previousEnd = -1;
      let start = -1;
      for (let i = 0; i <= str.length; i++) {
        const letter = i < str.length && isLetter(str.charCodeAt(i));
        if (letter) {
          if (start < 0) start = i;
          continue;
        }
        if (start < 0) continue;
        if (i - start >= MIN_JOINED_LETTERS) whole.add(str.slice(start, i).toLowerCase());
        if (previousEnd === start - 1 && str.charCodeAt(previousEnd) === 0x20 && i - start + previousEnd - previousStart >= MIN_JOINED_LETTERS) {
          pairs.push((str.slice(previousStart, previousEnd) + str.slice(start, i)).toLowerCase());
        }
        previousStart = start;
        previousEnd = i;
        start = -1;
      }
    }
  }
  return { whole, pairs };
}

/**
 * One item's text with its cut words rejoined: at each token, the longest run of up to MAX_PARTS
 * tokens that together spell a word the document prints whole. Tokens between the first and the last
 * must be letters only; the first must end in letters, the last begin with them (punctuation outside
 * stays: "(thuis)begel eiding," keeps its comma).
 */
function rejoinItem(str: string, whole: ReadonlySet<string>, found: RejoinedWords): string {
  const tokens = str.split(' ');
  if (tokens.length < 2) return str;
  const out: string[] = [];
  let changed = false;
  for (let i = 0; i < tokens.length; i++) {
    let joinedParts = 0;
    const head = TRAILING_LETTERS.exec(tokens[i]!);
    if (head) {
      for (let parts = Math.min(MAX_PARTS, tokens.length - i); parts >= 2 && joinedParts === 0; parts--) {
        const middle = tokens.slice(i + 1, i + parts - 1);
        if (!middle.every((token) => LETTERS.test(token))) continue;
        const tail = LEADING_LETTERS.exec(tokens[i + parts - 1]!);
        if (!tail) continue;
        const word = (head[0] + middle.join('') + tail[0]).toLowerCase();
        if (word.length >= MIN_JOINED_LETTERS && whole.has(word)) joinedParts = parts;
      }
    }
    if (joinedParts === 0) {
      out[out.length] = tokens[i]!;
      continue;
    }
    const read = tokens.slice(i, i + joinedParts).join(' ');
    const joined = tokens.slice(i, i + joinedParts).join('');
    out[out.length] = joined;
    found.places++;
    if (found.examples.length < 3) found.examples.push({ read, joined });
    changed = true;
    i += joinedParts - 1;
  }
  return changed ? out.join(' ') : str;
}

let catalogueWordSet: Set<string> | null = null;

/** Lower-cased letter runs of MIN_JOINED_LETTERS or more in the catalogue's wordings (themes, criteria, indicators). */
export function catalogueWords(): Set<string> {
  if (catalogueWordSet) return catalogueWordSet;
  const catalogue = loadCatalogue();
  const texts = [
    ...catalogue.themes.flatMap((t) => [t.name, ...t.variants]),
    ...catalogue.criteria.flatMap((c) => [c.name, ...c.variants]),
    ...catalogue.indicators.flatMap((i) => [i.text, ...i.variants]),
  ];
  const { whole } = scanWords([{ number: 0, width: 0, height: 0, items: texts.map((str) => ({ str, x: 0, y: 0, width: 0, size: 0, font: '' })) }]);
  return (catalogueWordSet = whole);
}

/**
 * Rejoins the document's cut words in place (each item's str; positions and widths stay), when the
 * document shows the habit. Returns what was done, for the reader's warning.
 */
export function rejoinCutWords(pages: readonly PdfPage[], options: { catalogueEvidence?: boolean } = {}): RejoinedWords {
  const found: RejoinedWords = { places: 0, cutWords: 0, examples: [] };
  const { whole, pairs } = scanWords(pages);
  found.cutWords = new Set(pairs.filter((joined) => whole.has(joined))).size;
  if (found.cutWords < MIN_CUT_WORDS && options.catalogueEvidence) {
    const cut = catalogueWordsCut(pages);
    if (cut >= MIN_CUT_WORDS) Object.assign(found, { cutWords: cut, byCatalogue: true });
  }
  if (found.cutWords < MIN_CUT_WORDS) return found;
  // Whether the document cuts words is its own evidence alone; what a cut joins into may also be a word
  // of the framework's wordings ("Coörd inatie", a criterion the report may print nowhere whole).
  for (const word of catalogueWords()) whole.add(word);
  for (const page of pages) {
    for (const item of page.items) {
      if (!item.str.includes(' ')) continue;
      // A line-end hyphen set as an item of its own gets pdf.js's space too (" ‐"): without it, it is the
      // soft hyphen the line joiner settles against the document's words ("begel‐" + "eiding").
      item.str = SPACED_LINE_HYPHEN.test(item.str) ? item.str.trimStart() : rejoinItem(item.str, whole, found);
    }
  }
  return found;
}

/** Punctuation around a token ("(onderliggende)," → "onderliggende"). */
const EDGE_PUNCTUATION = /^[^\p{L}]+|[^\p{L}]+$/gu;

/**
 * Distinct words of the framework's wordings (MIN_JOINED_LETTERS or more) that the items print cut in
 * two or three pieces. A converter that re-spaces a PDF's glyphs itself (pdftohtml: "Toele iding",
 * "Gezin sbege leiders") may cut every long word, so none stands whole beside its cut: the report still
 * prints the framework's words, and its clean renderings cut none of them (0 of 60 against 16 to 31).
 */
function catalogueWordsCut(pages: readonly PdfPage[]): number {
  const framework = catalogueWords();
  const cut = new Set<string>();
  for (const page of pages) {
    for (const item of page.items) {
      if (!item.str.includes(' ')) continue;
      const tokens = item.str.split(' ').map((token) => token.replace(EDGE_PUNCTUATION, '').toLowerCase());
      for (let i = 0; i < tokens.length; i++) {
        for (let parts = 2; parts <= MAX_PARTS && i + parts <= tokens.length; parts++) {
          const pieces = tokens.slice(i, i + parts);
          if (!pieces.every((piece) => LETTERS.test(piece))) break;
          const word = pieces.join('');
          if (word.length >= MIN_JOINED_LETTERS && framework.has(word)) cut.add(word);
        }
      }
    }
  }
  return cut.size;
}
