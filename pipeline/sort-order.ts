/** Plain UTF-16 code-unit order: unlike localeCompare it is the same on every machine and ICU version. */
export function compareCodeUnits(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
