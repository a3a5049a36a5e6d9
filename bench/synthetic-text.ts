/**
 * Words, names and encodings for the synthetic corpus. Everything here is chosen so that the
 * generated prose cannot be mistaken for structure: no sentence opens with a lone "X", no word
 * is "ü"/"û", "LET OP" never occurs by chance, and no approach or partner name contains a
 * municipality (the extractor would rightly read it as the report's place).
 */
import { readFileSync } from 'node:fs';
import { parse } from 'csv-parse/sync';
import { referenceFilePath } from '../extractors/reference/locate.js';
import type { Rng } from './prng.js';

const OPENERS = [
  'De gemeente', 'Alle ondervraagden', 'Een van de netwerkpartners', 'De netwerkpartners', 'Het wijkteam',
  'De regisseur', 'De coördinator', 'Twee netwerkpartners', 'Volgens de gemeente', 'In de praktijk',
  'Uit de documenten blijkt dat', 'Bij de start', 'Binnen de aanpak', 'Gemeente en netwerkpartners', 'Er',
  'Het procesplan', 'Zowel de gemeente als de partners', 'De professionals', 'Het gezinsplan', 'Daarnaast',
];

const WORDS = [
  'gezin', 'gezinnen', 'aanpak', 'netwerkpartners', 'afspraken', 'zorg', 'ondersteuning', 'gemeente', 'regisseur',
  'plan', 'doelen', 'evaluatie', 'coördinatie', 'informatie', 'wijkteam', 'hulpverlening', 'continuïteit', 'drang',
  'dwang', 'leefgebieden', 'schulden', 'huisvesting', 'onderwijs', 'politie', 'maatschappelijk', 'werk', 'jeugdzorg',
  'vastgelegd', 'geregeld', 'besproken', 'gemaakt', 'niet', 'wel', 'nog', 'altijd', 'soms', 'vaak', 'duidelijk',
  'voldoende', 'onvoldoende', 'tijdig', 'samen', 'met', 'het', 'de', 'een', 'van', 'in', 'op', 'voor', 'over', 'bij',
  'door', 'en', 'of', 'maar', 'dat', 'is', 'zijn', 'wordt', 'worden', 'heeft', 'hebben', 'geeft', 'aan', 'volgens',
  'blijkt', 'uit', 'documenten', 'casussen', 'gesprekken', 'één', 'geëvalueerd', 'cliënt', 'financiële', 'variëren',
  'geïnformeerd', 'outreachend', 'opschaling', 'doorzettingsmacht', 'caseload', 'nazorg', 'wachtlijst', 'overdracht',
  'jaarverslag', 'visie', 'beleid', 'resultaten', 'eensgezind', 'verschillend', 'structureel', 'formeel', 'incidenteel',
  'betrokken', 'bekend', 'onbekend', 'aangemeld', 'gesignaleerd', 'ingezet', 'afgesloten', 'opgepakt', 'gedeeld',
];

/** One Dutch-looking sentence: a capitalised opener, 4-12 lower-case words, a full stop. */
export function sentence(rng: Rng): string {
  const words = [rng.pick(OPENERS)];
  const count = rng.int(4, 12);
  for (let i = 0; i < count; i++) {
    let word = rng.pick(WORDS);
    if (i === Math.floor(count / 2) && rng.chance(0.1)) word = `‘${word}’`;
    words.push(word);
  }
  if (rng.chance(0.15)) words[rng.int(1, words.length - 2)] += ',';
  return `${words.join(' ')}.`;
}

export function sentences(rng: Rng, min: number, max: number): string {
  return Array.from({ length: rng.int(min, max) }, () => sentence(rng)).join(' ');
}

const APPROACH_CORES = [
  'Reset Thuisbegeleiding', 'Bemoeizorg', 'Gezinscoaching', 'Eropaf', 'Versterkt Verder', 'Multiprobleemgezinnen',
  'Intensieve Gezinsbegeleiding', 'Krachtig Gezin', 'Samen Sterk', 'Korte Lijnen', 'Huis op Orde', 'Wijkaanpak Jeugd',
  'Zorgnetwerk', 'Multisysteem Hulp', 'Thuis Plus', 'Gezinsmanagement', 'Doorbraak', 'Vangnet Jeugd', 'Eigen Kracht',
  'Stevig Thuis', 'Kansrijk Opgroeien', 'Gezinnen Eerst', 'Samen Doen', 'Krachtwerk', 'Bijzondere Doelgroepen',
  '1 Gezin 1 Plan', 'Wijkteams en Gezinsbegeleiders', 'Sociaal Team', 'Front Lijn', 'Gezin Op Koers',
];
const APPROACH_AFFIXES = ['', '', '', ' Jeugd', ' Plus', ' Gezinnen', ' Nieuw', ' Integraal'];

export function approachName(rng: Rng): string {
  return `${rng.pick(APPROACH_CORES)}${rng.pick(APPROACH_AFFIXES)}`.replace(/(\b\w+\b) \1$/, '$1');
}

const PARTNER_KINDS = ['Bureau Jeugdzorg', 'GGD', 'MEE', 'GGZ', 'Maatschappelijk Werk', 'Stichting Welzijn', 'Jeugdgezondheidszorg'];
const REGIONS = ['Noord-Holland', 'Zuid-Holland Zuid', 'West-Brabant', 'Gelderland-Zuid', 'Hollands Midden', 'IJsselland', 'Flevoland', 'Limburg-Noord', 'Drenthe'];
const STANDALONE_PARTNERS = ['Leger des Heils', 'Veiligheidshuis', 'Careyn', 'Flexus Jeugdplein', 'Vivenz', 'Surplus', 'Stichting de Praktijk', 'Parlan Jeugd en opvoedhulp', 'Thebe Jeugdgezondheidszorg', 'Humanitas', 'Kwadraad'];

export function partnerNames(rng: Rng, count: number): string[] {
  const names = new Set<string>();
  while (names.size < count) {
    names.add(rng.chance(0.5) ? rng.pick(STANDALONE_PARTNERS) : `${rng.pick(PARTNER_KINDS)} ${rng.pick(REGIONS)}`);
  }
  return [...names];
}

export interface Municipality {
  name: string;
  code: string;
}

let eligible: Municipality[] | null = null;

/**
 * Municipalities a synthetic report may be about: listed in every year 2012-2015 (so any report
 * date resolves), printed without a qualifier such as "(NH.)", and the only municipality ever
 * printed under that name (so the truth is unambiguous).
 */
export function eligibleMunicipalities(): Municipality[] {
  if (eligible) return eligible;
  const rows = parse(readFileSync(referenceFilePath('cbs-gemeenten-1990-2025.csv'), 'utf8'), { columns: true }) as Record<string, string>[];
  const aliases = JSON.parse(readFileSync(referenceFilePath('municipality-aliases.json'), 'utf8')) as { aliases: Record<string, string> };
  const printed = (name: string) => name.replace(/\s*\([^)]*\)\s*$/, '');
  const count = new Map<string, number>();
  for (const row of rows) count.set(printed(row.name!), (count.get(printed(row.name!)) ?? 0) + 1);
  const aliased = new Set([...Object.keys(aliases.aliases), ...Object.values(aliases.aliases)]);
  eligible = rows
    .filter((row) => Number(row.first_listed_year) <= 2012 && Number(row.last_listed_year) >= 2015)
    .filter((row) => !row.name!.includes('(') && count.get(row.name!) === 1 && !aliased.has(row.name!))
    .filter((row) => /^[\p{L}' -]+$/u.test(row.name!))
    .map((row) => ({ name: row.name!, code: row.cbs_code! }));
  assertNoPlaceNames(eligible);
  return eligible;
}

/** Fails loudly if a fixed name in this file would be read as a municipality. */
function assertNoPlaceNames(places: Municipality[]): void {
  const escaped = places.map((p) => p.name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).sort((a, b) => b.length - a.length);
  const pattern = new RegExp(`(?<![\\p{L}\\p{N}'’-])(?:${escaped.join('|')})(?![\\p{L}\\p{N}-])`, 'u');
  const fixed = [...OPENERS, ...APPROACH_CORES, ...APPROACH_AFFIXES, ...PARTNER_KINDS, ...REGIONS, ...STANDALONE_PARTNERS];
  const clash = fixed.find((text) => pattern.test(text));
  if (clash) throw new Error(`synthetic vocabulary: "${clash}" contains a municipality name`);
}

/** Windows-1252 for the characters the generator writes; anything else is a generator bug. */
const CP1252_EXTRA: Record<string, number> = { '€': 0x80, '‚': 0x82, '„': 0x84, '…': 0x85, '‘': 0x91, '’': 0x92, '“': 0x93, '”': 0x94, '–': 0x96, '—': 0x97 };

export function encodeWindows1252(text: string): Uint8Array {
  const bytes = new Uint8Array(text.length);
  let length = 0;
  for (const char of text) {
    const code = char.codePointAt(0)!;
    const byte = code < 0x80 || (code >= 0xa0 && code <= 0xff) ? code : CP1252_EXTRA[char];
    if (byte === undefined) throw new Error(`synthetic corpus: "${char}" (U+${code.toString(16).toUpperCase()}) has no Windows-1252 byte`);
    bytes[length++] = byte;
  }
  return bytes.subarray(0, length);
}

export function encodeUtf8(text: string, bom: boolean): Uint8Array {
  const body = new TextEncoder().encode(text);
  if (!bom) return body;
  const bytes = new Uint8Array(body.length + 3);
  bytes.set([0xef, 0xbb, 0xbf]);
  bytes.set(body, 3);
  return bytes;
}

/** Dutch month names as reports print them in a date line ("Juni 2015"). */
export const MONTHS = ['januari', 'februari', 'maart', 'april', 'mei', 'juni', 'juli', 'augustus', 'september', 'oktober', 'november', 'december'];
