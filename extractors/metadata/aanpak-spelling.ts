/**
 * The aanpak as the document spells it best, when a PDF writer spaced the glyphs of its words apart.
 * Some writers (cairo among them) place each glyph run with its own offset, and pdf.js reads a wide
 * offset as a word space: "Aanpak: Reset Thuis begel eiding" for "Reset Thuisbegeleiding". The same
 * name then stands elsewhere in the text with other spaces, often with none inside its words. The
 * name is an identity (waves are linked by it, copies compared by it), so a split word would make the
 * report look like another aanpak.
 *
 * Only whitespace is ever changed, only to a spelling the document itself prints, only in text read
 * off a PDF's glyphs that shows the habit elsewhere: many words printed both whole and cut in two.
 * Where the document prints the name with no fewer spaces, it is kept with a warning that its spaces
 * are uncertain. A report whose words are whole keeps its name exactly as stated, silently.
 */
import type { ExtractionWarning } from '../model.js';
import { lineLocation } from '../tables/document-table.js';
import type { TextLine } from './report-metadata.js';

type Warning = Omit<ExtractionWarning, 'findingIndex'>;

/**
 * Distinct words printed both whole and cut in two before the document counts as spaced inside words.
 * Writers vary too ("regie groepen" beside "regiegroepen"): the fixtures' clean PDFs show up to 3 such
 * words, cairo's cut text of the same reports 19 and 28.
 */
const MIN_CUT_WORDS = 8;
/** A cut word this long at least: short pairs ("er in" / "erin") are ordinary Dutch either way. */
const MIN_CUT_WORD_LETTERS = 8;

const WHITESPACE = /\s+/g;
const WORD = /^\p{L}+$/u;

function spaces(text: string): number {
  return text.split(WHITESPACE).length - 1;
}

/** Matches the name with any whitespace, or none, between its characters; any case. */
function anySpacing(name: string): RegExp {
  const characters = [...name.replace(WHITESPACE, '')].map((char) => char.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'));
  return new RegExp(`(?<![\\p{L}\\p{N}])${characters.join('\\s*')}(?![\\p{L}\\p{N}])`, 'giu');
}

/** Long words the text prints both whole and cut in two by a space, in order of first cut. */
function cutWords(lines: readonly TextLine[]): string[] {
  const whole = new Set<string>();
  const joined: string[] = [];
  for (const { text } of lines) {
    const words = text.split(WHITESPACE);
    for (let i = 0; i < words.length; i++) {
      const word = words[i]!.replace(/^[^\p{L}]+|[^\p{L}]+$/gu, '').toLowerCase();
      if (!WORD.test(word)) continue;
      whole.add(word);
      const next = words[i + 1];
      // A cut runs from a bare word into the letters that open the next: "begel eiding".
      if (next !== undefined && WORD.test(words[i]!)) {
        const rest = /^\p{L}+/u.exec(next);
        if (rest && word.length + rest[0].length >= MIN_CUT_WORD_LETTERS) joined.push(word + rest[0].toLowerCase());
      }
    }
  }
  return [...new Set(joined.filter((word) => whole.has(word)))];
}

/** The characters of `stated` (its letters' case included) with the spaces of `spelling`. */
function spacedLike(stated: string, spelling: string): string {
  const characters = [...stated.replace(WHITESPACE, '')];
  if (characters.length !== [...spelling.replace(WHITESPACE, '')].length) return spelling;
  let next = 0;
  let out = '';
  for (const char of spelling) out += /\s/.test(char) ? ' ' : characters[next++]!;
  return out;
}

/**
 * For text read off a PDF's glyphs (glyphsPlaced: pdf.js put its spaces) that cuts words apart: the
 * aanpak with the fewest spaces among the document's spellings of the same characters, when that has
 * fewer spaces than the stated one (info aanpak_respaced); otherwise the stated one with a warning
 * that a space in it may be such a cut (aanpak_spacing_uncertain). Null for other text, a document
 * whose words are whole, or a name without a space.
 */
export function aanpakSpelling(aanpak: string, statedLine: number, lines: readonly TextLine[], glyphsPlaced: boolean): { aanpak: string; warning: Warning } | null {
  // Only a PDF's own text: elsewhere the search would cost every report of the text path ~50 µs for a
  // habit of glyph-placing writers (text converted from such a PDF keeps its cuts: see the README).
  if (!glyphsPlaced || spaces(aanpak) === 0) return null;
  const name = anySpacing(aanpak);
  let best: { spelling: string; line: number } | null = null;
  for (const { text, line } of lines) {
    for (const match of text.matchAll(name)) {
      const spelling = match[0].replace(WHITESPACE, ' ');
      if (spaces(spelling) < (best ? spaces(best.spelling) : spaces(aanpak))) best = { spelling, line };
    }
  }
  const cut = cutWords(lines);
  if (cut.length < MIN_CUT_WORDS) return null;
  const seen = `${cut.length} words stand both whole and cut apart, e.g. "${cut[0]}"`;
  if (!best) {
    return {
      aanpak,
      warning: {
        code: 'aanpak_spacing_uncertain',
        severity: 'warning',
        message: `the aanpak "${aanpak}" may hold a word cut apart by a space: the text cuts words apart (${seen}; glyph spacing a PDF writer left) and prints the name with no fewer spaces anywhere; its letters are right, its spaces uncertain`,
        location: lineLocation(statedLine),
      },
    };
  }
  const respaced = spacedLike(aanpak, best.spelling);
  return {
    aanpak: respaced,
    warning: {
      code: 'aanpak_respaced',
      severity: 'info',
      message: `the aanpak is stated as "${aanpak}" (line ${statedLine}) in a text that cuts words apart (${seen}; glyph spacing a PDF writer left); spaced as the document prints it here, "${respaced}"`,
      location: lineLocation(best.line),
    },
  };
}
