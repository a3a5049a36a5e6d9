/**
 * The CBS municipal classification 1990-2025 the project ships: names → CBS codes valid in a
 * given year. Reports from 2012-2015 name municipalities that have since merged away, so a name
 * is resolved against the classification of the report's year, not today's.
 */
import { readFileSync } from 'node:fs';
import { parse } from 'csv-parse/sync';
import { z } from 'zod';
import { referenceFilePath } from '../reference/locate.js';

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
  /** Name as printed in running text (official name without a "(NH.)"-style qualifier, or an alias) → rows. */
  byPrintedName: Map<string, MunicipalityRow[]>;
}

let cached: MunicipalityIndex | null = null;

export function loadMunicipalities(): MunicipalityIndex {
  if (cached) return cached;
  const records = parse(readFileSync(referenceFilePath('cbs-gemeenten-1990-2025.csv'), 'utf8'), { columns: true, skip_empty_lines: true });
  const rows = z.array(rowSchema).parse(records);
  const byPrintedName = new Map<string, MunicipalityRow[]>();
  const add = (name: string, row: MunicipalityRow) => byPrintedName.set(name, [...(byPrintedName.get(name) ?? []), row]);
  for (const row of rows) add(printedName(row.name), row);
  const aliases = z
    .object({ aliases: z.record(z.string(), z.string()) })
    .parse(JSON.parse(readFileSync(referenceFilePath('municipality-aliases.json'), 'utf8'))).aliases;
  for (const [alias, official] of Object.entries(aliases)) {
    for (const row of rows.filter((r) => r.name === official)) add(alias, row);
  }
  cached = { rows, byPrintedName };
  return cached;
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
