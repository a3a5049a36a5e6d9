/**
 * Report-level facts read from the text: title, approach (aanpak), date, year assessed,
 * inspection body, network partners and number of families. Each comes from a statement the
 * report makes; what it does not state stays empty.
 */
import type { ExtractionWarning, SourceLocation } from '../model.js';
import { lineLocation } from '../tables/document-table.js';
import { collapseWhitespace, plainMarkup } from '../tables/cell-markup.js';
import { aanpakSpelling, anySpacingPattern } from './aanpak-spelling.js';

type Warning = Omit<ExtractionWarning, 'findingIndex'>;

const LETTERHEAD = /^(samenwerkend toezicht jeugd|ministerie van|welzijn en sport|inspectie\b)/i;
/** The same letterhead with its words cut apart by a PDF writer's glyph spacing ("Minis terie van"): spaces anywhere inside. */
const CUT_LETTERHEAD = new RegExp(`^(?:${['samenwerkend toezicht jeugd', 'ministerie van', 'welzijn en sport'].map(anySpacingPattern).join('|')})`, 'i');
const MONTHS = ['januari', 'februari', 'maart', 'april', 'mei', 'juni', 'juli', 'augustus', 'september', 'oktober', 'november', 'december'];
/** Month names and the abbreviations Dutch documents use ("sept.", "mrt"), each → month number. */
const MONTH_WORDS = new Map<string, number>([
  ...MONTHS.map((m, i) => [m, i + 1] as const),
  ...['jan', 'feb', 'mrt', 'apr', 'mei', 'jun', 'jul', 'aug', 'sep', 'okt', 'nov', 'dec'].map((m, i) => [m, i + 1] as const),
  ['sept', 9],
  ['febr', 2],
]);
const WEEKDAY = '(?:maandag|dinsdag|woensdag|donderdag|vrijdag|zaterdag|zondag)\\s+';
const DATE_LABEL = '(?:(?:publicatie)?datum(?:\\s+(?:van\\s+)?(?:publicatie|uitgave|vaststelling))?|uitgave|verschenen|vastgesteld(?:\\s+op)?|gepubliceerd(?:\\s+op)?)';
const PLACE_OR_LABEL = `(?:[\\p{L}' .-]+,\\s*|${DATE_LABEL}\\s*:?\\s*)?`;
/** A labelled date line anywhere (a colofon at the end): "Datum publicatie: oktober 2013". */
const LABELLED_DATE = new RegExp(`^${DATE_LABEL}\\s*:?\\s*\\S`, 'iu');
/** A line that is only a date: "Utrecht, september 2014", "20 november 2014", "Juni 2015", "sept. 2014". */
const WORD_DATE_LINE = new RegExp(`^${PLACE_OR_LABEL}(?:${WEEKDAY})?(?:(\\d{1,2})\\s+)?(\\p{L}+)\\.?\\s+((?:19|20)\\d\\d)$`, 'iu');
/** Numeric: "2014-09", "2014-09-20", "20-09-2014", "20/9/2014", "20.09.2014". */
const ISO_DATE_LINE = new RegExp(`^${PLACE_OR_LABEL}((?:19|20)\\d\\d)-(\\d{1,2})(?:-(\\d{1,2}))?$`, 'iu');
const DMY_DATE_LINE = new RegExp(`^${PLACE_OR_LABEL}(\\d{1,2})[-/.](\\d{1,2})[-/.]((?:19|20)\\d\\d)$`, 'iu');
/** Lines that carry no words: markdown rules, setext underlines, table separators. */
const NO_WORDS = /^[^\p{L}\p{N}]*$/u;
const SENTENCE_END = /[.:;!?]$/;

export interface TextLine {
  text: string;
  line: number;
}

/** Non-empty lines with markdown heading/emphasis/italics markers taken off; lines without words dropped. */
export function plainLines(text: string, firstLine = 1): TextLine[] {
  const lines: TextLine[] = [];
  const raw = text.split('\n');
  for (let index = 0; index < raw.length; index++) {
    const first = index;
    let line = raw[index]!;
    // An HTML paragraph or heading a converter wrapped over lines (pandoc's html4: "<h2>Aanpak: Reset" /
    // "Thuisbegeleiding</h2>") is one line of the report, as a browser shows it.
    const open = line.includes('<') ? OPEN_BLOCK.exec(line) : null;
    if (open && !line.toLowerCase().includes(`</${open[1]!.toLowerCase()}`)) {
      const close = `</${open[1]!.toLowerCase()}`;
      for (let next = index + 1; next < raw.length && next <= index + MAX_WRAPPED_LINES; next++) {
        if (!raw[next]!.toLowerCase().includes(close)) continue;
        line = raw.slice(index, next + 1).join(' ');
        index = next;
        break;
      }
    }
    const plain = collapseWhitespace(plainMarkup(line));
    if (plain.length > 0 && !NO_WORDS.test(plain)) lines.push({ text: plain, line: first + firstLine });
  }
  return lines;
}

/** An HTML block that holds one paragraph's text, opened on a line. */
const OPEN_BLOCK = /<(p|h[1-6]|li|dt|dd|caption|title)(?:\s[^<>]*)?>/i;
/** Lines an HTML paragraph wrapped over is joined across at most (a converter wraps at 72 columns). */
const MAX_WRAPPED_LINES = 12;


/**
 * A line a council or archive put above the report (its own cover, not the report's title):
 * "Gemeente Zwijndrecht - raadsinformatiebrief bijlage 3", "Bijlage 2 bij raadsvoorstel 14/123".
 */
const COVER_LINE = /\b(?:raadsinformatiebrief|raadsvoorstel|raadsbrief|collegebrief|collegevoorstel|informatiebrief|agendapunt|raadsvergadering|commissievergadering)\b|^bijlage\b|^gemeente\s+\S.*\s[-–—|:]\s/iu;

export const isCoverLine = (text: string) => COVER_LINE.test(text);

/**
 * A file's name or id that a converter put above the text: an HTML <title> pandoc writes as the
 * document's title ("001_c669e5a01401b566"), a PDF's "Microsoft Word - rapport 2013.doc". One token
 * holding a digit or an underscore, or a name ending in a document extension; a title has words.
 */
const FILE_NAME_LINE = /^(?=\S*[\d_])[\p{L}\p{N}_.\-]+$|^(?:Microsoft Word\s*-\s*)?.{0,120}\.(?:docx?|odt|rtf|pdf|html?|txt)$/iu;

/**
 * What a converter writes above the text about the conversion: unrtf's "###  Translation from RTF
 * performed by UnRTF", "### font table contains 11 fonts total", "### creation date:", "TITLE: <file>"
 * and the rule under them.
 */
const CONVERTER_NOTE = /^(?:#{3}\s+)?(?:translation from \S+ performed by|font table contains|creation date:|revision date:|last printed:)|^(?:TITLE|AUTHOR|SUBJECT|KEYWORDS):\s|^-{5,}$/i;

const mayOpenTitle = (l: TextLine) =>
  !LETTERHEAD.test(l.text) && !CUT_LETTERHEAD.test(l.text) && !COVER_LINE.test(l.text) && !FILE_NAME_LINE.test(l.text) && !CONVERTER_NOTE.test(l.text) && !l.text.includes('\t') && !l.text.startsWith('|');

/**
 * The first line past the letterhead. A title that a converter broke over lines ("Nota van
 * Bevindingen" / "Zwolle Aanpak X", or two heading lines) continues on the lines directly below it
 * while they are short, no sentence has ended, and they are not a date, a label or a list item.
 */
export function findTitle(lines: TextLine[]): TextLine | null {
  const start = lines.findIndex(mayOpenTitle);
  if (start < 0) return null;
  const first = lines[start]!;
  let text = first.text;
  for (let i = start + 1; i < lines.length; i++) {
    const next = lines[i]!;
    const adjacent = next.line === lines[i - 1]!.line + 1;
    if (!adjacent || SENTENCE_END.test(text) || !mayOpenTitle(next) || !continuesTitle(next.text) || text.length + next.text.length > 160) break;
    text = `${text} ${next.text}`;
  }
  return { text, line: first.line };
}

function continuesTitle(text: string): boolean {
  return (
    text.length <= 80 &&
    !SENTENCE_END.test(text) &&
    !/^(?:[-*•·–]|\d+[.)])\s/.test(text) &&
    !/^[\p{L} ]{2,20}:/u.test(text) &&
    parseDateLine(text) === null &&
    isTitleCased(text)
  );
}

/**
 * Title lines name things ("Zwolle Aanpak Bijzondere Doelgroepen"); a subtitle directly below
 * describes ("Toezichtonderzoek op casusniveau naar de verantwoorde zorg"). Particles (van, de,
 * op, en) are left out of the count, as they are lower case in names too.
 */
function isTitleCased(text: string): boolean {
  const words = text.split(' ').filter((word) => /\p{L}{4,}/u.test(word));
  if (words.length === 0) return true;
  const capitalised = words.filter((word) => /^[^\p{L}]*[\p{Lu}\d]/u.test(word)).length;
  return capitalised * 2 >= words.length;
}

/**
 * The date the report gives itself: a date line in its title block (the first 40 lines), a date
 * closing its title ("Uitkomsten toezichtonderzoek Zwolle, oktober 2013"), or a labelled date or
 * date line in its colofon. Dates inside sentences are other documents' ("…, oktober 2013)").
 */
export function findReportDate(lines: TextLine[], title: TextLine | null = null): { value: string; line: number } | null {
  for (const l of lines.slice(0, 40)) {
    const value = parseDateLine(l.text);
    if (value) return { value, line: l.line };
  }
  const inTitle = title ? /,\s*((?:\d{1,2}\s+)?\p{L}+\.?\s+(?:19|20)\d\d)$/u.exec(title.text) : null;
  const titleDate = inTitle ? parseDateLine(inTitle[1]!) : null;
  if (titleDate) return { value: titleDate, line: title!.line };
  const colofon = lines.findIndex((l) => /^colofon$/i.test(l.text));
  for (const l of colofon < 0 ? [] : lines.slice(colofon + 1, colofon + 30)) {
    const value = parseDateLine(l.text);
    if (value) return { value, line: l.line };
  }
  for (const l of lines) {
    if (!LABELLED_DATE.test(l.text)) continue;
    const value = parseDateLine(l.text);
    if (value) return { value, line: l.line };
  }
  return null;
}

/** `YYYY-MM` from a line that is only a date; null for anything else or an impossible month/day. */
export function parseDateLine(text: string): string | null {
  // All three patterns end in a digit at the very end ($ without the m flag, \d ASCII only): most
  // lines tried (every line of the title block, long sentences) end otherwise and skip them.
  const last = text.charCodeAt(text.length - 1);
  if (!(last >= 48 && last <= 57)) return null;
  const iso = ISO_DATE_LINE.exec(text);
  const dmy = iso ? null : DMY_DATE_LINE.exec(text);
  const words = iso || dmy ? null : WORD_DATE_LINE.exec(text);
  let year: string;
  let month: number | undefined;
  let day: number | null;
  if (iso) [year, month, day] = [iso[1]!, Number(iso[2]), iso[3] ? Number(iso[3]) : null];
  else if (dmy) [year, month, day] = [dmy[3]!, Number(dmy[2]), Number(dmy[1])];
  else if (words) [year, month, day] = [words[3]!, MONTH_WORDS.get(words[2]!.toLowerCase()), words[1] ? Number(words[1]) : null];
  else return null;
  if (month === undefined || month < 1 || month > 12 || (day !== null && (day < 1 || day > 31))) return null;
  return `${year}-${String(month).padStart(2, '0')}`;
}

/**
 * The year whose situation the report assesses, where it says so: "de stand van zaken in 2013",
 * "heeft STJ (van het najaar) 2013 … toezichtonderzoek gedaan", a title "Toezichtonderzoek 2013".
 */
export function findAssessedYear(text: string, title: TextLine | null = null): number | null {
  const state = /stand van zaken (?:in|van) ((?:19|20)\d\d)/i.exec(text);
  if (state) return Number(state[1]);
  const inspected = /\bheeft\s+(?:STJ|Samenwerkend Toezicht Jeugd|de inspectie)\s+(?:in|van|tijdens)\s+(?:het\s+|de\s+)?(?:(?:voorjaar|zomer|najaar|winter|begin|eind|periode)\s+(?:van\s+)?)?((?:19|20)\d\d)\b[^.]{0,120}?\b(?:toezichtonderzoek|onderzocht|getoetst|onderzoek)\b/i.exec(text);
  if (inspected) return Number(inspected[1]);
  const titled = title ? /\btoezichtonderzoek\s+((?:19|20)\d\d)\b/i.exec(title.text) : null;
  return titled ? Number(titled[1]) : null;
}

export function findInspectionBody(text: string): string | null {
  if (/Samenwerkend Toezicht Jeugd|\bSTJ\b/.test(text)) return 'Samenwerkend Toezicht Jeugd';
  const inspectorate = /\b(Inspectie (?:voor|van) [\p{Lu}][\p{L} ]+|Inspectie Jeugdzorg)/u.exec(text);
  return inspectorate ? collapseWhitespace(inspectorate[1]!) : null;
}

/** The bullet list after "… ingevuld door:" (the network partners that answered the questionnaire). */
export function findPartners(lines: TextLine[]): string[] {
  return partnerLines(lines).map((p) => p.text);
}

/** The partner list's items with their lines: partners' names ("GGD Zuid-Holland Zuid") never say whom the report assesses. */
export function partnerLines(lines: TextLine[]): TextLine[] {
  const start = lines.findIndex((l) => /\bdoor:\s*$/i.test(l.text));
  if (start < 0) return [];
  const partners: TextLine[] = [];
  for (const l of lines.slice(start + 1)) {
    const bullet = /^(?:[-*•·–]|\d+[.)])\s+(.+)$/.exec(l.text);
    if (!bullet) break;
    partners.push({ text: bullet[1]!.replace(/[;,.]$/, '').trim(), line: l.line });
  }
  return partners;
}

export function findFamiliesCount(text: string, firstLine = 1): { value: number; location: SourceLocation } | null {
  const lines = text.split('\n');
  for (let index = 0; index < lines.length; index++) {
    for (const sentence of lines[index]!.split(/(?<=[.!?])\s+/)) {
      const match = /(?<![\d-])(\d{1,3}(?:\.\d{3})*|\d+)\s+gezinnen\b/.exec(sentence);
      if (match && /\b(krijgen|kregen|ontvangen|ontvingen|ondersteuning|zorg|bereikt|begeleid)\b/.test(sentence)) {
        return { value: Number(match[1]!.replace(/\./g, '')), location: lineLocation(index + firstLine) };
      }
    }
  }
  return null;
}

/**
 * The approach: "Aanpak: X" or a title "… Aanpak X" first; "heeft 'X' getoetst" as a cross-check.
 * wordsCutApart: words a PDF's text prints both whole and cut apart by glyph spacing (ReadDocument).
 */
export function findAanpak(lines: TextLine[], title: TextLine | null, wordsCutApart = 0): { aanpak: string | null; warnings: Warning[] } {
  const warnings: Warning[] = [];
  const labelled = lines.find((l) => /^aanpak\s*:\s*\S/i.test(l.text));
  const fromTitle = title ? /\baanpak\s+(?!:)(.+)$/i.exec(title.text) : null;
  const stated = labelled ? { text: labelled.text.replace(/^aanpak\s*:\s*/i, ''), line: labelled.line } : fromTitle ? { text: fromTitle[1]!, line: title!.line } : null;
  const tested = lines
    .map((l) => ({ match: /heeft (?:de aanpak )?['‘’"“]([^'’"”]+)['’"”] getoetst/i.exec(l.text), line: l.line }))
    .filter((t) => t.match);
  if (!stated) {
    const first = tested[0];
    if (!first) return { aanpak: null, warnings };
    return spelledBest(first.match![1]!.trim(), first.line, lines, wordsCutApart, warnings);
  }
  const aanpak = stated.text.trim();
  for (const t of tested) {
    const named = t.match![1]!.trim();
    // Spaces alone do not make another aanpak (a PDF writer's glyph spacing: aanpak-spelling.ts).
    if (named.replace(/\s+/g, '').toLowerCase() !== aanpak.replace(/\s+/g, '').toLowerCase()) {
      warnings.push({
        code: 'aanpak_conflict',
        severity: 'warning',
        message: `the report is about aanpak "${aanpak}" (line ${stated.line}) but says it tested "${named}"; "${aanpak}" kept`,
        location: lineLocation(t.line),
      });
    }
  }
  return spelledBest(aanpak, stated.line, lines, wordsCutApart, warnings);
}

function spelledBest(aanpak: string, line: number, lines: TextLine[], wordsCutApart: number, warnings: Warning[]): { aanpak: string; warnings: Warning[] } {
  const respaced = aanpakSpelling(aanpak, line, lines, wordsCutApart);
  return respaced ? { aanpak: respaced.aanpak, warnings: [...warnings, respaced.warning] } : { aanpak, warnings };
}

/** What the report says of its own level, from the sentence that introduces the findings tables. */
export function statedLevel(text: string): 'beleid' | 'casus' | null {
  const intro = /beoordeelt of op (beleids|casus)niveau/i.exec(text) ?? /toezichtonderzoek op (beleids|casus)niveau/i.exec(text);
  if (!intro) return null;
  return intro[1]!.toLowerCase() === 'casus' ? 'casus' : 'beleid';
}
