/**
 * Which municipality (or municipalities) a report assesses, from what the report itself says
 * about whom it assesses, never guessed. In order of weight:
 *   1. the assessed party: "De gemeente(n) X[, Y en Z] heeft/hebben de vragenlijst … ingevuld";
 *   2. the report's own title naming one municipality;
 *   3. "gemeente X" in the body, the name said most often;
 *   4. the only place the body names ("189 gezinnen in Dordrecht"), with an info warning.
 * Lines before the report's own title (a council's cover line "Gemeente Zwijndrecht -
 * raadsinformatiebrief bijlage 3"), and the partner list ("GGD Zuid-Holland Zuid"), are not the
 * report speaking about itself: they never decide, and when they name another municipality that is
 * said in a municipality_conflict warning. A title that the body consistently contradicts gives way
 * to the body, also with municipality_conflict naming both. Several municipalities as the assessed
 * party make a regional report (scope 'regio'). Nothing → empty, with a warning.
 */
import type { AssessedMunicipality, AttributionEvidence, ExtractionWarning, SourceLocation } from '../model.js';
import { lineLocation } from '../tables/document-table.js';
import { scanNames } from './mention-scan.js';
import { loadMunicipalities, printedName, qualifiedName, resolveMunicipality, type MunicipalityIndex } from './municipalities.js';

export interface MunicipalityFinding {
  /** The single assessed municipality; null for a regional report or none. */
  municipality: string | null;
  code: string | null;
  scope: 'gemeente' | 'regio' | null;
  municipalities: AssessedMunicipality[];
  evidence: AttributionEvidence | null;
  warnings: Omit<ExtractionWarning, 'findingIndex'>[];
}

export interface AttributionOptions {
  /** Lines that are not the report speaking of whom it assesses (the partner list). */
  ignoreLines?: ReadonlySet<number>;
  /** The file line the text starts at (a report inside a bundle). */
  firstLine?: number;
}

interface Mention {
  /** A key of the index: the printed name, or the official name when a qualifier picked one ("Bergen (NH.)"). */
  name: string;
  line: number;
  start: number;
  end: number;
  context: 'gemeente' | 'locative' | 'other';
}

/** "(NH)", "(N.H.)", "(Noord-Holland)", "(L.)" right after a name. */
const QUALIFIER = /^\s?\(([^()\n]{1,30})\)/;
/** What joins the names of a list: "Breda, Etten-Leur en Zundert". */
const LIST_JOIN = /^\s*(?:\([^()\n]{1,30}\))?\s*(?:,|en|&|,\s*en)\s*$/;
/** After the assessed party: it answered the inspection's questionnaire, or was assessed. */
const ASSESSED_AFTER = /^\s*(?:\([^()\n]{1,30}\)\s*)?(?:heeft|hebben)\s+(?:de|een)\s+(?:[\p{L}-]+\s+){0,2}vragenlijst|^\s*(?:\([^()\n]{1,30}\)\s*)?(?:is|zijn|werd|werden)\s+(?:door\s+\S+\s+)?(?:getoetst|onderzocht|beoordeeld)/iu;

function findMentions(text: string, index: MunicipalityIndex, firstLine = 1): Mention[] {
  const mentions: Mention[] = [];
  const lineStarts = [0];
  for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) lineStarts.push(i + 1);
  for (const match of scanNames(text, index)) {
    const before = text.slice(Math.max(0, match.start - 20), match.start);
    const previous = mentions.at(-1);
    const inList = previous?.context === 'gemeente' && LIST_JOIN.test(text.slice(previous.end, match.start));
    const context = inList || /\bgemeenten?\s+$/i.test(before) ? 'gemeente' : /\b(in|te|binnen|uit)\s+$/.test(before) ? 'locative' : 'other';
    let name = match.key;
    const qualifier = QUALIFIER.exec(text.slice(match.end, match.end + 34));
    if (qualifier && (index.byPrintedName.get(name)?.length ?? 0) > 1) name = qualifiedName(index, name, qualifier[1]!) ?? name;
    mentions.push({ name, line: lineOf(lineStarts, match.start) + firstLine - 1, start: match.start, end: match.end, context });
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

/** Distinct municipalities among names, in order of first mention. */
function distinct(index: MunicipalityIndex, names: string[]): string[] {
  const out: string[] = [];
  for (const name of names) if (!out.some((n) => sameMunicipality(index, n, name))) out.push(name);
  return out;
}

/** The words of the line around a mention: the phrase shown as evidence. */
function phraseAt(text: string, start: number, end: number): string {
  const lineStart = text.lastIndexOf('\n', start - 1) + 1;
  const before = text.slice(lineStart, start).split(/\s+/).filter(Boolean).slice(-3).join(' ');
  return `${before} ${text.slice(start, end)}`.replace(/\s+/g, ' ').replace(/^[*_#|\s]+/, '').trim();
}

/** An assessed party: a list of names in "gemeente(n)" context followed by what it did for the inspection. */
interface AssessedParty {
  names: string[];
  line: number;
  phrase: string;
}

function assessedParties(text: string, mentions: Mention[]): AssessedParty[] {
  const parties: AssessedParty[] = [];
  for (let i = 0; i < mentions.length; i++) {
    if (mentions[i]!.context !== 'gemeente') continue;
    let j = i;
    while (j + 1 < mentions.length && mentions[j + 1]!.context === 'gemeente' && LIST_JOIN.test(text.slice(mentions[j]!.end, mentions[j + 1]!.start))) j++;
    const after = text.slice(mentions[j]!.end, mentions[j]!.end + 120);
    const said = ASSESSED_AFTER.exec(after);
    if (said) {
      const openAt = text.slice(Math.max(0, mentions[i]!.start - 20), mentions[i]!.start).search(/\b[Dd]e\s+gemeenten?\s+$|\b[Gg]emeenten?\s+$/);
      const from = openAt < 0 ? mentions[i]!.start : Math.max(0, mentions[i]!.start - 20) + openAt;
      const phrase = text.slice(from, mentions[j]!.end + said.index + said[0].length).replace(/\s+/g, ' ').trim();
      parties.push({ names: mentions.slice(i, j + 1).map((m) => m.name), line: mentions[i]!.line, phrase });
    }
    i = j;
  }
  return parties;
}

type Warn = (code: string, severity: ExtractionWarning['severity'], message: string, location: SourceLocation | null) => void;

interface Choice {
  names: string[];
  evidence: AttributionEvidence;
  via: 'assessed' | 'title' | 'gemeente' | 'locative';
}

export function findMunicipality(
  text: string,
  title: { text: string; line: number } | null,
  year: number | null,
  options: AttributionOptions = {},
): MunicipalityFinding {
  const index = loadMunicipalities();
  const warnings: MunicipalityFinding['warnings'] = [];
  const warn: Warn = (code, severity, message, location) => warnings.push({ code, severity, message, location });

  const all = findMentions(text, index, options.firstLine ?? 1);
  const bodyStart = title?.line ?? options.firstLine ?? 1;
  const ignored = options.ignoreLines ?? new Set<number>();
  const body = all.filter((m) => m.line >= bodyStart && !ignored.has(m.line));
  const beforeTitle = all.filter((m) => m.line < bodyStart && m.context === 'gemeente');
  const inTitle = title ? distinct(index, findMentions(title.text, index).map((m) => m.name)) : [];
  const viaGemeente = tally(body.filter((m) => m.context === 'gemeente'));
  const locative = tally(body.filter((m) => m.context === 'locative'));
  const party = assessedParties(text, body)[0];

  let chosen: Choice | null = null;
  if (party) {
    chosen = { names: distinct(index, party.names), evidence: { phrase: party.phrase, location: lineLocation(party.line) }, via: 'assessed' };
  } else if (inTitle.length === 1) {
    chosen = { names: inTitle, evidence: { phrase: title!.text, location: lineLocation(title!.line) }, via: 'title' };
  } else if (viaGemeente.length > 0) {
    const [top, second] = viaGemeente;
    if (second && second[1].length === top![1].length && !sameMunicipality(index, top![0], second[0])) {
      warn('municipality_ambiguous', 'warning', `the report speaks of "gemeente ${top![0]}" and "gemeente ${second[0]}" equally often; municipality left empty`, null);
    } else {
      chosen = { names: [top![0]], evidence: evidenceOf(text, top![1][0]!), via: 'gemeente' };
    }
  } else if (locative.length === 1) {
    const [name, where] = locative[0]!;
    chosen = { names: [name], evidence: evidenceOf(text, where[0]!), via: 'locative' };
    warn('municipality_from_mention', 'info', `municipality taken from the only place named in the text ("${chosen.evidence.phrase}", ${where.length}×); the report does not state it as "gemeente ${name}"`, chosen.evidence.location);
  } else if (locative.length > 1) {
    warn('municipality_ambiguous', 'warning', `the report names several places (${locative.map(([n]) => n).join(', ')}) and states no municipality; left empty`, null);
  }

  if (chosen) chosen = settleConflicts(index, chosen, { text, inTitle, viaGemeente, title }, warn);
  for (const cover of distinct(index, beforeTitle.map((m) => m.name))) {
    if (chosen?.names.some((n) => sameMunicipality(index, n, cover))) continue;
    const where = beforeTitle.find((m) => m.name === cover)!;
    const assessed = chosen ? `the report assesses ${chosen.names.join(', ')} ("${chosen.evidence.phrase}")` : 'the report itself names no municipality';
    warn('municipality_conflict', 'warning', `line ${where.line}, before the report's own title, names gemeente ${cover}, but ${assessed}; ${cover} not taken`, lineLocation(where.line));
  }

  if (!chosen) {
    if (!warnings.some((w) => w.code === 'municipality_ambiguous')) warn('municipality_not_stated', 'warning', 'the report never names its municipality; municipality left empty (not guessed)', null);
    return { municipality: null, code: null, scope: null, municipalities: [], evidence: null, warnings };
  }

  const resolved = chosen.names.map((name) => resolveOne(index, settleQualifier(all, name), year, chosen!.evidence.location, warn));
  if (resolved.length > 1) return { municipality: null, code: null, scope: 'regio', municipalities: resolved, evidence: chosen.evidence, warnings };
  return { municipality: resolved[0]!.name, code: resolved[0]!.code, scope: 'gemeente', municipalities: resolved, evidence: chosen.evidence, warnings };
}

function evidenceOf(text: string, mention: Mention): AttributionEvidence {
  return { phrase: phraseAt(text, mention.start, mention.end), location: lineLocation(mention.line) };
}

/**
 * The title against the body. The body's consistent statements win: a title name that the body
 * never uses as "gemeente X", while it says "gemeente Y" at least twice and of no other, gives way
 * to Y. Any other disagreement keeps the stronger source and says so.
 */
function settleConflicts(
  index: MunicipalityIndex,
  chosen: Choice,
  sources: { text: string; inTitle: string[]; viaGemeente: [string, Mention[]][]; title: { text: string; line: number } | null },
  warn: Warn,
): Choice {
  const { text, inTitle, viaGemeente, title } = sources;
  const isChosen = (name: string) => chosen.names.some((n) => sameMunicipality(index, n, name));
  if (chosen.via === 'assessed') {
    const other = inTitle.find((name) => !isChosen(name));
    if (other && inTitle.length === 1) warn('municipality_conflict', 'warning', `the title names ${other} but the report says "${chosen.evidence.phrase}"; ${chosen.names.join(', ')} taken`, lineLocation(title!.line));
    return chosen;
  }
  if (chosen.via === 'title' && viaGemeente.length > 0 && !viaGemeente.some(([name]) => isChosen(name))) {
    const [top, second] = viaGemeente;
    if (!second && top![1].length >= 2) {
      warn('municipality_conflict', 'warning', `the title names ${chosen.names[0]} but the body speaks only of "gemeente ${top![0]}" (${top![1].length}×, first line ${top![1][0]!.line}); ${top![0]} taken`, lineLocation(title!.line));
      return { names: [top![0]], evidence: evidenceOf(text, top![1][0]!), via: 'gemeente' };
    }
  }
  if (viaGemeente.length > 0 && !isChosen(viaGemeente[0]![0])) {
    warn('municipality_conflict', 'warning', `${chosen.via === 'title' ? 'title' : 'the report'} names ${chosen.names[0]} but the text speaks of "gemeente ${viaGemeente[0]![0]}"`, chosen.evidence.location);
  }
  return chosen;
}

/** A bare "Bergen" is settled by a qualified "Bergen (NH)" elsewhere, when all such agree. */
function settleQualifier(mentions: Mention[], chosen: string): string {
  const qualified = new Set(mentions.map((m) => m.name).filter((name) => name !== chosen && printedName(name) === chosen));
  return qualified.size === 1 ? [...qualified][0]! : chosen;
}

function resolveOne(index: MunicipalityIndex, name: string, year: number | null, location: SourceLocation | null, warn: Warn): AssessedMunicipality {
  const resolution = resolveMunicipality(index, name, year);
  if (resolution.kind === 'resolved') return { name: resolution.row.name, code: resolution.row.cbs_code };
  if (resolution.kind === 'ambiguous') {
    warn('municipality_code_ambiguous', 'warning', `"${name}" fits several CBS municipalities (${resolution.rows.map((r) => `${r.cbs_code} ${r.name}`).join(', ')}); code left empty`, location);
  } else {
    warn('municipality_code_unknown', 'warning', `"${name}" is not in the CBS classification for ${year ?? 'the study years'}; code left empty`, location);
  }
  return { name: printedName(name), code: null };
}
