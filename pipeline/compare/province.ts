/** Province of a CBS municipality code, from the CBS classification the project ships (extractors/reference/). */
import { loadMunicipalities } from '../../extractors/metadata/municipalities.js';

let byCode: Map<string, { province: string; first: number; last: number }[]> | null = null;

/**
 * The province of the code in `year` when the classification lists the code that year, else the one
 * province every listing of the code agrees on; null when they disagree and no year decides it.
 */
export function provinceOf(code: string, year: number | null): string | null {
  if (byCode === null) {
    byCode = new Map();
    for (const row of loadMunicipalities().rows) {
      const list = byCode.get(row.cbs_code) ?? [];
      list.push({ province: row.province, first: row.first_listed_year, last: row.last_listed_year });
      byCode.set(row.cbs_code, list);
    }
  }
  const rows = byCode.get(code) ?? [];
  const pick = (list: typeof rows) => {
    const provinces = new Set(list.map((r) => r.province).filter((p) => p !== ''));
    return provinces.size === 1 ? [...provinces][0]! : null;
  };
  if (year !== null) {
    const listed = rows.filter((r) => r.first <= year && year <= r.last);
    if (listed.length > 0) return pick(listed);
  }
  return pick(rows);
}
