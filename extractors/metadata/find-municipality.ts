/**
 * Which municipality a report is about, from what the text itself says, never guessed:
 * a name in the title wins; then "gemeente <naam>"; then, when the text mentions exactly one
 * municipality as a place ("in Dordrecht"), that one, with a warning saying how it was found.
 * Nothing → empty, with a warning.
 */
import type { ExtractionWarning, SourceLocation } from '../model.js';
import { lineLocation } from '../tables/document-table.js';
import { loadMunicipalities, printedName, qualifiedName, resolveMunicipality, type MunicipalityIndex } from './municipalities.js';

export interface MunicipalityFinding {
  municipality: string | null;
  code: string | null;
  warnings: Omit<ExtractionWarning, 'findingIndex'>[];
}

interface Mention {
  /** A key of the index: the printed name, or the official name when a qualifier picked one ("Bergen (NH.)"). */
  name: string;
  line: number;
  context: 'gemeente' | 'locative' | 'other';
}

/**
 * Converters and writers vary the punctuation inside names: typographic apostrophes
 * ("’s-Hertogenbosch"), Unicode hyphens or a space for the hyphen ("Súdwest Fryslân"), spaces
 * broken over lines. The pattern accepts those; `keyOf` maps a match back to the index key.
 */
const APOSTROPHES = "'’‘`´";
const HYPHENS = '\\-‐‑';
const loose = (text: string) => text.replace(new RegExp(`[${APOSTROPHES}]`, 'g'), "'").replace(/[-‐‑\s]+/g, ' ');

let mentionPattern: RegExp | null = null;
let keysByLooseName: Map<string, string> | null = null;

function buildMentionPattern(index: MunicipalityIndex): RegExp {
  const names = [...index.byPrintedName.keys()]
    .sort((a, b) => b.length - a.length)
    .map((name) =>
      name
        .replace(/[.*+?^${}()|[\]\\]/g, '\\$&')
        .replace(/'/g, `[${APOSTROPHES}]`)
        .replace(/-/g, `(?:[${HYPHENS}]|\\s+)`)
        .replace(/ /g, '\\s+'),
    );
  return new RegExp(`(?<![\\p{L}\\p{N}${APOSTROPHES}${HYPHENS}])(${names.join('|')})(?![\\p{L}\\p{N}${HYPHENS}])`, 'gu');
}

function keyOf(index: MunicipalityIndex, matched: string): string {
  const exact = matched.replace(new RegExp(`[${APOSTROPHES}]`, 'g'), "'").replace(/[‐‑]/g, '-').replace(/\s+/g, ' ');
  if (index.byPrintedName.has(exact)) return exact;
  if (!keysByLooseName) {
    keysByLooseName = new Map();
    for (const key of index.byPrintedName.keys()) if (!keysByLooseName.has(loose(key))) keysByLooseName.set(loose(key), key);
  }
  return keysByLooseName.get(loose(matched)) ?? exact;
}

/** "(NH)", "(N.H.)", "(Noord-Holland)", "(L.)" right after a name. */
const QUALIFIER = /^\s?\(([^()\n]{1,30})\)/;

function findMentions(text: string, index: MunicipalityIndex): Mention[] {
  mentionPattern ??= buildMentionPattern(index);
  const mentions: Mention[] = [];
  const lineStarts = [0];
  for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) lineStarts.push(i + 1);
  for (const match of text.matchAll(mentionPattern)) {
    const before = text.slice(Math.max(0, match.index - 20), match.index);
    const context = /\bgemeente\s+$/i.test(before) ? 'gemeente' : /\b(in|te|binnen|uit)\s+$/.test(before) ? 'locative' : 'other';
    let name = keyOf(index, match[1]!);
    const qualifier = QUALIFIER.exec(text.slice(match.index + match[0].length, match.index + match[0].length + 34));
    if (qualifier && (index.byPrintedName.get(name)?.length ?? 0) > 1) name = qualifiedName(index, name, qualifier[1]!) ?? name;
    mentions.push({ name, line: lineOf(lineStarts, match.index), context });
  }
  return mentions;
}

/** 1-based line of an offset, by binary search over line starts. */
function lineOf(lineStarts: number[], offset: number): number {
  let low = 0;
  let high = lineStarts.length - 1;
  while (low < high) {
    const mid = (low + high + 1) >> 1;
    if (lineStarts[mid]! <= offset) low = mid;
    else high = mid - 1;
  }
  return low + 1;
}

function tally(mentions: Mention[]): [string, Mention[]][] {
  const byName = new Map<string, Mention[]>();
  for (const m of mentions) byName.set(m.name, [...(byName.get(m.name) ?? []), m]);
  return [...byName.entries()].sort((a, b) => b[1].length - a[1].length || a[0].localeCompare(b[0]));
}

/** Whether two printed names can denote the same municipality ("Den Bosch" and "'s-Hertogenbosch"). */
function sameMunicipality(index: MunicipalityIndex, a: string, b: string): boolean {
  if (a === b) return true;
  const codes = new Set((index.byPrintedName.get(a) ?? []).map((row) => row.cbs_code));
  return (index.byPrintedName.get(b) ?? []).some((row) => codes.has(row.cbs_code));
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
    if (second && second[1].length === top![1].length && !sameMunicipality(index, top![0], second[0])) {
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
  if (viaGemeente.length > 0 && !sameMunicipality(index, viaGemeente[0]![0], chosen.name)) {
    warn('municipality_conflict', 'warning', `title names ${chosen.name} but the text speaks of "gemeente ${viaGemeente[0]![0]}"`, chosen.location);
  }

  // A bare "Bergen" in the title is settled by a qualified "Bergen (NH)" elsewhere, when all such agree.
  const qualified = new Set(mentions.map((m) => m.name).filter((name) => name !== chosen.name && printedName(name) === chosen.name));
  const name = qualified.size === 1 ? [...qualified][0]! : chosen.name;
  const resolution = resolveMunicipality(index, name, year);
  if (resolution.kind === 'resolved') return { municipality: resolution.row.name, code: resolution.row.cbs_code, warnings };
  if (resolution.kind === 'ambiguous') {
    warn('municipality_code_ambiguous', 'warning', `"${name}" fits several CBS municipalities (${resolution.rows.map((r) => `${r.cbs_code} ${r.name}`).join(', ')}); code left empty`, chosen.location);
  } else {
    warn('municipality_code_unknown', 'warning', `"${name}" is not in the CBS classification for ${year ?? 'the study years'}; code left empty`, chosen.location);
  }
  return { municipality: printedName(name), code: null, warnings };
}
