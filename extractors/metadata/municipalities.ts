/**
 * The CBS municipal classification 1990-2025 the project ships: names → CBS codes valid in a
 * given year. Reports from 2012-2015 name municipalities that have since merged away, so a name
 * is resolved against the classification of the report's year, not today's.
 */
import { readFileSync } from 'node:fs';
import { parse } from 'csv-parse/sync';
import { z } from 'zod';
import { referenceFilePath } from '../reference/locate.js';
import { prevalidated } from '../reference/prevalidated.js';

const rowSchema = z.object({
  cbs_code: z.string().regex(/^GM\d{4}$/),
  name: z.string().min(1),
  province: z.string(),
  valid_from: z.string(),
  valid_until: z.string(),
  first_listed_year: z.coerce.number().int(),
  last_listed_year: z.coerce.number().int(),
});
export type MunicipalityRow = z.infer<typeof rowSchema>;

/** The years the STJ GGSR inspections ran; used when a report states no year of its own. */
export const STUDY_YEARS = { first: 2012, last: 2015 } as const;

export interface MunicipalityIndex {
  rows: MunicipalityRow[];
  /**
   * Name as printed in running text → rows: the official name without a "(NH.)"-style qualifier,
   * the official name with it, an alias, or the name with its accents dropped (converters that
   * transliterate write "Sudwest-Fryslan"), the latter only when no other municipality has it.
   */
  byPrintedName: Map<string, MunicipalityRow[]>;
}

let cached: MunicipalityIndex | null = null;

const CSV_FILE = 'cbs-gemeenten-1990-2025.csv';
const ALIASES_FILE = 'municipality-aliases.json';

/** The reference files, parsed and checked: the classification's rows and the aliases (printed name → official name). */
export interface MunicipalitySources {
  rows: MunicipalityRow[];
  aliases: Record<string, string>;
}

export function parseMunicipalitySources(csvText: string, aliasesText: string): MunicipalitySources {
  const records = parse(csvText, { columns: true, skip_empty_lines: true });
  const rows = z.array(rowSchema).parse(records);
  const aliases = z.object({ aliases: z.record(z.string(), z.string()) }).parse(JSON.parse(aliasesText)).aliases;
  return { rows, aliases };
}

/** The texts of the reference files, in the order parseMunicipalitySources takes them. */
export function municipalitySourceTexts(): [csvText: string, aliasesText: string] {
  return [readFileSync(referenceFilePath(CSV_FILE), 'utf8'), readFileSync(referenceFilePath(ALIASES_FILE), 'utf8')];
}

export function loadMunicipalities(): MunicipalityIndex {
  if (cached) return cached;
  const texts = municipalitySourceTexts();
  // Checked at build time when the files are still those the build saw (extractors/reference/prevalidated.ts).
  const sources = prevalidated<MunicipalitySources>('municipalities', texts) ?? parseMunicipalitySources(...texts);
  cached = indexMunicipalities(sources);
  return cached;
}

function indexMunicipalities({ rows, aliases }: MunicipalitySources): MunicipalityIndex {
  const byPrintedName = new Map<string, MunicipalityRow[]>();
  const add = (name: string, row: MunicipalityRow) => {
    const known = byPrintedName.get(name) ?? [];
    if (!known.includes(row)) byPrintedName.set(name, [...known, row]);
  };
  for (const row of rows) {
    add(printedName(row.name), row);
    add(row.name, row);
  }
  for (const [alias, official] of Object.entries(aliases)) {
    const targets = rows.filter((r) => r.name === official);
    if (targets.length === 0) throw new Error(`${ALIASES_FILE}: "${official}" is not a CBS municipality name`);
    for (const row of targets) add(alias, row);
  }
  for (const [name, named] of [...byPrintedName.entries()]) {
    const folded = foldAccents(name);
    if (folded !== name && !byPrintedName.has(folded)) byPrintedName.set(folded, named);
  }
  return { rows, byPrintedName };
}

const foldAccents = (name: string) => name.normalize('NFD').replace(/\p{M}/gu, '').normalize('NFC');

/**
 * The row a qualifier printed after an ambiguous name picks out ("Bergen (NH)", "Bergen (N.H.)",
 * "Bergen (Noord-Holland)", "Bergen (L.)"): matched against the official qualifier and the province.
 */
export function qualifiedName(index: MunicipalityIndex, printed: string, qualifier: string): string | null {
  const key = (text: string) => text.toLowerCase().replace(/[^\p{L}]/gu, '');
  const wanted = key(qualifier);
  if (wanted.length === 0) return null;
  const rows = (index.byPrintedName.get(printed) ?? []).filter((row) => {
    const official = /\(([^)]*)\)\s*$/.exec(row.name)?.[1];
    return (official !== undefined && key(official) === wanted) || key(row.province) === wanted;
  });
  const names = new Set(rows.map((row) => row.name));
  return names.size === 1 ? [...names][0]! : null;
}

export function printedName(officialName: string): string {
  return officialName.replace(/\s*\([^)]*\)\s*$/, '');
}

const listedIn = (row: MunicipalityRow, first: number, last: number) => row.first_listed_year <= last && row.last_listed_year >= first;

export type Resolution =
  | { kind: 'resolved'; row: MunicipalityRow }
  | { kind: 'ambiguous'; rows: MunicipalityRow[] }
  | { kind: 'unknown' };

/** Resolves a printed name to the municipality listed in `year` (or, without a year, during the study years). */
export function resolveMunicipality(index: MunicipalityIndex, printed: string, year: number | null): Resolution {
  const rows = index.byPrintedName.get(printed) ?? [];
  const [first, last] = year === null ? [STUDY_YEARS.first, STUDY_YEARS.last] : [year, year];
  const candidates = rows.filter((row) => listedIn(row, first, last));
  const codes = new Set(candidates.map((row) => row.cbs_code));
  if (codes.size === 1) return { kind: 'resolved', row: candidates[0]! };
  if (codes.size > 1) return { kind: 'ambiguous', rows: candidates };
  return { kind: 'unknown' };
}
