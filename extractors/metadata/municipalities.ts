/**
 * The CBS municipal classification 1990-2025 the project ships: names → CBS codes valid in a
 * given year. Reports from 2012-2015 name municipalities that have since merged away, so a name
 * is resolved against the classification of the report's year, not today's.
 */
import { readFileSync } from 'node:fs';
import { z } from 'zod';
import { referenceFilePath } from '../reference/locate.js';
import { readCsvRecords, type CsvRecord } from '../reference/read-csv.js';

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

export function loadMunicipalities(): MunicipalityIndex {
  if (cached) return cached;
  const records = readCsvRecords(readFileSync(referenceFilePath('cbs-gemeenten-1990-2025.csv'), 'utf8'));
  const rows = records.every(isPlainRow) ? records.map(plainRow) : z.array(rowSchema).parse(records);
  const byPrintedName = new Map<string, MunicipalityRow[]>();
  const add = (name: string, row: MunicipalityRow) => {
    const known = byPrintedName.get(name) ?? [];
    if (!known.includes(row)) byPrintedName.set(name, [...known, row]);
  };
  for (const row of rows) {
    add(printedName(row.name), row);
    add(row.name, row);
  }
  const aliases = z
    .object({ aliases: z.record(z.string(), z.string()) })
    .parse(JSON.parse(readFileSync(referenceFilePath('municipality-aliases.json'), 'utf8'))).aliases;
  for (const [alias, official] of Object.entries(aliases)) {
    const targets = rows.filter((r) => r.name === official);
    if (targets.length === 0) throw new Error(`municipality-aliases.json: "${official}" is not a CBS municipality name`);
    for (const row of targets) add(alias, row);
  }
  for (const [name, named] of [...byPrintedName.entries()]) {
    const folded = foldAccents(name);
    if (folded !== name && !byPrintedName.has(folded)) byPrintedName.set(folded, named);
  }
  cached = { rows, byPrintedName };
  return cached;
}

/**
 * A record rowSchema accepts, checked by hand: the schema's first parse in a thread (compiling its
 * fast path, then running it cold over ~800 rows) was about 30 ms of every worker thread's start-up.
 * Exactly as strict as the schema (coerce: Number(text); int: a safe integer); a record that fails
 * goes through the schema itself, which throws as it always did.
 */
const GM_CODE = /^GM\d{4}$/;
function isPlainRow(record: CsvRecord): boolean {
  const { cbs_code, name, province, valid_from, valid_until, first_listed_year, last_listed_year } = record as Partial<CsvRecord>;
  return (
    typeof cbs_code === 'string' && GM_CODE.test(cbs_code) && typeof name === 'string' && name.length >= 1 &&
    typeof province === 'string' && typeof valid_from === 'string' && typeof valid_until === 'string' &&
    Number.isSafeInteger(Number(first_listed_year)) && Number.isSafeInteger(Number(last_listed_year))
  );
}

/** rowSchema's output for a record isPlainRow accepts: its keys in the schema's order, the years as numbers. */
function plainRow(record: CsvRecord): MunicipalityRow {
  return {
    cbs_code: record.cbs_code!,
    name: record.name!,
    province: record.province!,
    valid_from: record.valid_from!,
    valid_until: record.valid_until!,
    first_listed_year: Number(record.first_listed_year),
    last_listed_year: Number(record.last_listed_year),
  };
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
