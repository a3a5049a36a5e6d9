/**
 * A reference CSV's records exactly as csv-parse's sync parse gives them with
 * { columns: true, skip_empty_lines: true }, read without loading it: loading csv-parse and running
 * it cold was about 55 ms of every worker thread's start-up, for one small file of plain records.
 *
 * Plain means: "\n" line ends (no carriage return), no byte-order mark, a header of distinct
 * non-empty names, fields either unquoted and free of quotes or quoted whole (a quote inside
 * doubled, no line break inside), and every record as wide as the header. That reads the same
 * whatever the parser; any text outside it is handed to csv-parse itself, so a file that is not
 * plain reads (or fails) exactly as before.
 */
import { createRequire } from 'node:module';

export type CsvRecord = Record<string, string>;

export function readCsvRecords(text: string): CsvRecord[] {
  return plainRecords(text) ?? csvParse(text);
}

function csvParse(text: string): CsvRecord[] {
  const { parse } = createRequire(import.meta.url)('csv-parse/sync') as typeof import('csv-parse/sync');
  return parse(text, { columns: true, skip_empty_lines: true }) as CsvRecord[];
}

/** The records of a plain CSV text, or null when the text is not plain (see above). */
export function plainRecords(text: string): CsvRecord[] | null {
  if (text.includes('\r') || text.charCodeAt(0) === 0xfeff) return null;
  const lines = text.split('\n');
  const header = fieldsOf(lines[0]!);
  if (header === null || header.some((name) => name.length === 0) || new Set(header).size !== header.length) return null;
  const records: CsvRecord[] = [];
  for (let i = 1; i < lines.length; i++) {
    const line = lines[i]!;
    if (line.length === 0) continue;
    const fields = fieldsOf(line);
    if (fields === null || fields.length !== header.length) return null;
    const record: CsvRecord = {};
    for (let k = 0; k < header.length; k++) record[header[k]!] = fields[k]!;
    records.push(record);
  }
  return records;
}

/** The fields of one line, or null when a quote stands anywhere but around a whole field. */
function fieldsOf(line: string): string[] | null {
  const fields: string[] = [];
  let at = 0;
  for (;;) {
    if (line.charCodeAt(at) === 34) {
      let value = '';
      let from = at + 1;
      for (;;) {
        const quote = line.indexOf('"', from);
        if (quote < 0) return null;
        if (line.charCodeAt(quote + 1) === 34) {
          value += line.slice(from, quote + 1);
          from = quote + 2;
          continue;
        }
        value += line.slice(from, quote);
        at = quote + 1;
        break;
      }
      fields.push(value);
      if (at === line.length) return fields;
      if (line.charCodeAt(at) !== 44) return null;
      at++;
      continue;
    }
    const comma = line.indexOf(',', at);
    const end = comma < 0 ? line.length : comma;
    const value = line.slice(at, end);
    if (value.includes('"')) return null;
    fields.push(value);
    if (comma < 0) return fields;
    at = comma + 1;
  }
}
