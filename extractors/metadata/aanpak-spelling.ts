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
import { MIN_CUT_WORDS } from '../input/pdf-cut-words.js';
import type { TextLine } from './report-metadata.js';

type Warning = Omit<ExtractionWarning, 'findingIndex'>;

const WHITESPACE = /\s+/g;

function spaces(text: string): number {
  return text.split(WHITESPACE).length - 1;
}

/** A pattern for the text's characters with any whitespace, or none, between them ("Minis terie van"). */
export function anySpacingPattern(text: string): string {
  return [...text.replace(WHITESPACE, '')].map((char) => char.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('\\s*');
}

/** Matches the name with any whitespace, or none, between its characters, as a whole word; any case. */
function anySpacing(name: string): RegExp {
  return new RegExp(`(?<![\\p{L}\\p{N}])${anySpacingPattern(name)}(?![\\p{L}\\p{N}])`, 'giu');
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
 * For text read off a PDF's glyphs that cuts words apart (wordsCutApart, counted by the reader): the
 * aanpak with the fewest spaces among the document's spellings of the same characters, when that has
 * fewer spaces than the stated one (info aanpak_respaced); otherwise the stated one with a warning
 * that a space in it may be such a cut (aanpak_spacing_uncertain). Null for other text, a document
 * whose words are whole, or a name without a space.
 */
export function aanpakSpelling(aanpak: string, statedLine: number, lines: readonly TextLine[], wordsCutApart: number): { aanpak: string; warning: Warning } | null {
  // Only a PDF whose reader found the habit (input/pdf-cut-words.ts): elsewhere the search would cost
  // every report of the text path ~50 µs (text converted from such a PDF keeps its cuts: see the README).
  if (wordsCutApart < MIN_CUT_WORDS || spaces(aanpak) === 0) return null;
  const name = anySpacing(aanpak);
  let best: { spelling: string; line: number } | null = null;
  for (const { text, line } of lines) {
    for (const match of text.matchAll(name)) {
      const spelling = match[0].replace(WHITESPACE, ' ');
      if (spaces(spelling) < (best ? spaces(best.spelling) : spaces(aanpak))) best = { spelling, line };
    }
  }
  const seen = `${wordsCutApart} words stand both whole and cut apart`;
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
