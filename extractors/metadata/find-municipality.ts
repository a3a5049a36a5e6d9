/**
 * Which municipality a report is about, from what the text itself says, never guessed:
 * a name in the title wins; then "gemeente <naam>"; then, when the text mentions exactly one
 * municipality as a place ("in Dordrecht"), that one, with a warning saying how it was found.
 * Nothing → empty, with a warning.
 */
import type { ExtractionWarning, SourceLocation } from '../model.js';
import { lineLocation } from '../tables/document-table.js';
import { loadMunicipalities, printedName, resolveMunicipality, type MunicipalityIndex } from './municipalities.js';

export interface MunicipalityFinding {
  municipality: string | null;
  code: string | null;
  warnings: Omit<ExtractionWarning, 'findingIndex'>[];
}

interface Mention {
  name: string;
  line: number;
  context: 'gemeente' | 'locative' | 'other';
}

let mentionPattern: RegExp | null = null;

function buildMentionPattern(index: MunicipalityIndex): RegExp {
  const names = [...index.byPrintedName.keys()].sort((a, b) => b.length - a.length).map((n) => n.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'));
  return new RegExp(`(?<![\\p{L}\\p{N}'’-])(${names.join('|')})(?![\\p{L}\\p{N}-])`, 'gu');
}

function findMentions(text: string, index: MunicipalityIndex): Mention[] {
  mentionPattern ??= buildMentionPattern(index);
  const mentions: Mention[] = [];
  const lineStarts = [0];
  for (let i = 0; i < text.length; i++) if (text[i] === '\n') lineStarts.push(i + 1);
  for (const match of text.matchAll(mentionPattern)) {
    const before = text.slice(Math.max(0, match.index - 20), match.index);
    const context = /\bgemeente\s+$/i.test(before) ? 'gemeente' : /\b(in|te|binnen|uit)\s+$/.test(before) ? 'locative' : 'other';
    let line = lineStarts.findIndex((start) => start > match.index);
    line = line === -1 ? lineStarts.length : line;
    mentions.push({ name: match[1]!, line, context });
  }
  return mentions;
}

function tally(mentions: Mention[]): [string, Mention[]][] {
  const byName = new Map<string, Mention[]>();
  for (const m of mentions) byName.set(m.name, [...(byName.get(m.name) ?? []), m]);
  return [...byName.entries()].sort((a, b) => b[1].length - a[1].length || a[0].localeCompare(b[0]));
}

export function findMunicipality(text: string, title: { text: string; line: number } | null, year: number | null): MunicipalityFinding {
  const index = loadMunicipalities();
  const warnings: MunicipalityFinding['warnings'] = [];
  const warn = (code: string, severity: ExtractionWarning['severity'], message: string, location: SourceLocation | null) =>
    warnings.push({ code, severity, message, location });

  const mentions = findMentions(text, index);
  const inTitle = title ? tally(findMentions(title.text, index)) : [];
  const viaGemeente = tally(mentions.filter((m) => m.context === 'gemeente'));
  const locative = tally(mentions.filter((m) => m.context === 'locative'));

  let chosen: { name: string; location: SourceLocation } | null = null;
  if (inTitle.length === 1) {
    chosen = { name: inTitle[0]![0], location: lineLocation(title!.line) };
  } else if (viaGemeente.length > 0) {
    const [top, second] = viaGemeente;
    if (second && second[1].length === top![1].length) {
      warn('municipality_ambiguous', 'warning', `the report speaks of "gemeente ${top![0]}" and "gemeente ${second[0]}" equally often; municipality left empty`, null);
    } else {
      chosen = { name: top![0], location: lineLocation(top![1][0]!.line) };
    }
  } else if (locative.length === 1) {
    const [name, where] = locative[0]!;
    chosen = { name, location: lineLocation(where[0]!.line) };
    warn('municipality_from_mention', 'info', `municipality taken from the only place named in the text ("in ${name}", ${where.length}×); the report does not state it as "gemeente ${name}"`, chosen.location);
  } else if (locative.length > 1) {
    warn('municipality_ambiguous', 'warning', `the report names several places (${locative.map(([n]) => n).join(', ')}) and states no municipality; left empty`, null);
  }

  if (!chosen) {
    if (warnings.length === 0) warn('municipality_not_stated', 'warning', 'the report never names its municipality; municipality left empty (not guessed)', null);
    return { municipality: null, code: null, warnings };
  }
  if (viaGemeente.length > 0 && viaGemeente[0]![0] !== chosen.name) {
    warn('municipality_conflict', 'warning', `title names ${chosen.name} but the text speaks of "gemeente ${viaGemeente[0]![0]}"`, chosen.location);
  }

  const resolution = resolveMunicipality(index, chosen.name, year);
  if (resolution.kind === 'resolved') return { municipality: resolution.row.name, code: resolution.row.cbs_code, warnings };
  if (resolution.kind === 'ambiguous') {
    warn('municipality_code_ambiguous', 'warning', `"${chosen.name}" fits several CBS municipalities (${resolution.rows.map((r) => `${r.cbs_code} ${r.name}`).join(', ')}); code left empty`, chosen.location);
  } else {
    warn('municipality_code_unknown', 'warning', `"${chosen.name}" is not in the CBS classification for ${year ?? 'the study years'}; code left empty`, chosen.location);
  }
  return { municipality: printedName(chosen.name), code: null, warnings };
}
