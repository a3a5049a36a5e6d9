/**
 * Report-level facts read from the text: title, approach (aanpak), date, year assessed,
 * inspection body, network partners and number of families. Each comes from a statement the
 * report makes; what it does not state stays empty.
 */
import type { ExtractionWarning, SourceLocation } from '../model.js';
import { lineLocation } from '../tables/document-table.js';
import { collapseWhitespace } from '../tables/cell-markup.js';

type Warning = Omit<ExtractionWarning, 'findingIndex'>;

const LETTERHEAD = /^(samenwerkend toezicht jeugd|ministerie van|welzijn en sport|inspectie\b)/i;
const MONTHS = ['januari', 'februari', 'maart', 'april', 'mei', 'juni', 'juli', 'augustus', 'september', 'oktober', 'november', 'december'];
const DATE_LINE = new RegExp(`^(?:[\\p{L}' .-]+,\\s*)?(?:\\d{1,2}\\s+)?(${MONTHS.join('|')})\\s+((?:19|20)\\d\\d)$`, 'iu');

export interface TextLine {
  text: string;
  line: number;
}

/** Non-empty lines with markdown heading/emphasis/italics markers taken off. */
export function plainLines(text: string): TextLine[] {
  return text
    .split('\n')
    .map((raw, index) => ({ text: collapseWhitespace(raw.replace(/^#+\s*/, '').replace(/\*\*|__/g, '').replace(/^\*(.*)\*$/, '$1')), line: index + 1 }))
    .filter((l) => l.text.length > 0);
}

export function findTitle(lines: TextLine[]): TextLine | null {
  return lines.find((l) => !LETTERHEAD.test(l.text) && !l.text.includes('\t') && !l.text.startsWith('|')) ?? null;
}

export function findReportDate(lines: TextLine[]): { value: string; line: number } | null {
  for (const l of lines.slice(0, 40)) {
    const match = DATE_LINE.exec(l.text);
    if (match) return { value: `${match[2]}-${String(MONTHS.indexOf(match[1]!.toLowerCase()) + 1).padStart(2, '0')}`, line: l.line };
  }
  return null;
}

export function findAssessedYear(text: string): number | null {
  const match = /stand van zaken (?:in|van) ((?:19|20)\d\d)/i.exec(text);
  return match ? Number(match[1]) : null;
}

export function findInspectionBody(text: string): string | null {
  if (/Samenwerkend Toezicht Jeugd|\bSTJ\b/.test(text)) return 'Samenwerkend Toezicht Jeugd';
  const inspectorate = /\b(Inspectie (?:voor|van) [\p{Lu}][\p{L} ]+|Inspectie Jeugdzorg)/u.exec(text);
  return inspectorate ? collapseWhitespace(inspectorate[1]!) : null;
}

/** The bullet list after "… ingevuld door:" (the network partners that answered the questionnaire). */
export function findPartners(lines: TextLine[]): string[] {
  const start = lines.findIndex((l) => /\bdoor:\s*$/i.test(l.text));
  if (start < 0) return [];
  const partners: string[] = [];
  for (const l of lines.slice(start + 1)) {
    const bullet = /^(?:[-*•·–]|\d+[.)])\s+(.+)$/.exec(l.text);
    if (!bullet) break;
    partners.push(bullet[1]!.replace(/[;,.]$/, '').trim());
  }
  return partners;
}

export function findFamiliesCount(text: string): { value: number; location: SourceLocation } | null {
  const lines = text.split('\n');
  for (let index = 0; index < lines.length; index++) {
    for (const sentence of lines[index]!.split(/(?<=[.!?])\s+/)) {
      const match = /(?<![\d-])(\d{1,3}(?:\.\d{3})*|\d+)\s+gezinnen\b/.exec(sentence);
      if (match && /\b(krijgen|kregen|ontvangen|ontvingen|ondersteuning|zorg|bereikt|begeleid)\b/.test(sentence)) {
        return { value: Number(match[1]!.replace(/\./g, '')), location: lineLocation(index + 1) };
      }
    }
  }
  return null;
}

/** The approach: "Aanpak: X" or a title "… Aanpak X" first; "heeft 'X' getoetst" as a cross-check. */
export function findAanpak(lines: TextLine[], title: TextLine | null): { aanpak: string | null; warnings: Warning[] } {
  const warnings: Warning[] = [];
  const labelled = lines.find((l) => /^aanpak\s*:\s*\S/i.test(l.text));
  const fromTitle = title ? /\baanpak\s+(?!:)(.+)$/i.exec(title.text) : null;
  const stated = labelled ? { text: labelled.text.replace(/^aanpak\s*:\s*/i, ''), line: labelled.line } : fromTitle ? { text: fromTitle[1]!, line: title!.line } : null;
  const tested = lines
    .map((l) => ({ match: /heeft (?:de aanpak )?['‘’"“]([^'’"”]+)['’"”] getoetst/i.exec(l.text), line: l.line }))
    .filter((t) => t.match);
  if (!stated) {
    const first = tested[0];
    return { aanpak: first ? first.match![1]!.trim() : null, warnings };
  }
  const aanpak = stated.text.trim();
  for (const t of tested) {
    const named = t.match![1]!.trim();
    if (named.toLowerCase() !== aanpak.toLowerCase()) {
      warnings.push({
        code: 'aanpak_conflict',
        severity: 'warning',
        message: `the report is about aanpak "${aanpak}" (line ${stated.line}) but says it tested "${named}"; "${aanpak}" kept`,
        location: lineLocation(t.line),
      });
    }
  }
  return { aanpak, warnings };
}

/** What the report says of its own level, from the sentence that introduces the findings tables. */
export function statedLevel(text: string): 'beleid' | 'casus' | null {
  const intro = /beoordeelt of op (beleids|casus)niveau/i.exec(text) ?? /toezichtonderzoek op (beleids|casus)niveau/i.exec(text);
  if (!intro) return null;
  return intro[1]!.toLowerCase() === 'casus' ? 'casus' : 'beleid';
}
