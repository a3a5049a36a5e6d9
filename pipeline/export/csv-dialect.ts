/**
 * `--csv-dialect excel`: the CSV files rewritten for spreadsheets after they were written in the default
 * dialect (RFC 4180, faithful text, for R and pandas): `;` between fields (Dutch Excel's list separator),
 * a UTF-8 byte order mark (else Excel reads Windows-1252), CRLF, and every cell a spreadsheet would
 * evaluate neutralised as OWASP's CSV-injection guidance says: a leading `=`, `+`, `-`, `@`, tab or
 * carriage return gets a `'` in front, so `=HYPERLINK(...)` or a `- bullet` stays text.
 * Streams file to file; the JSONL files keep the text as read.
 */
import { createReadStream, createWriteStream } from 'node:fs';
import { rename, rm } from 'node:fs/promises';
import { Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';

export const CSV_DIALECTS = ['rfc4180', 'excel'] as const;
export type CsvDialect = (typeof CSV_DIALECTS)[number];

/** Characters that make a spreadsheet read a cell as a formula (or, for tab and CR, hide one). */
const FORMULA_START = /^[=+\-@\t\r]/;
/** A plain number is safe as it is (Excel reads -3 or +3 as the number), and must stay a number. */
const PLAIN_NUMBER = /^[-+]?\d+(\.\d+)?$/;

export function neutraliseCell(text: string): string {
  return FORMULA_START.test(text) && !PLAIN_NUMBER.test(text) ? `'${text}` : text;
}

export const EXCEL_DIALECT = { delimiter: ';', lineTerminator: '\r\n', bom: true } as const;

/** Rewrites one RFC 4180 CSV file in place in the excel dialect (via a hidden temporary file). */
export async function rewriteCsvForExcel(filePath: string): Promise<void> {
  // Loaded here, not at the top: the command line imports this module for CSV_DIALECTS, and starts
  // sooner without the CSV libraries (the export has them loaded by now anyway).
  const [{ parse }, { stringify }] = await Promise.all([import('csv-parse'), import('csv-stringify')]);
  const temp = `${filePath}.${process.pid}.excel.tmp`;
  try {
    await pipeline(
      createReadStream(filePath),
      parse({ bom: true }),
      new Transform({
        objectMode: true,
        transform(record: string[], _encoding, done) {
          done(null, record.map(neutraliseCell));
        },
      }),
      stringify({ delimiter: EXCEL_DIALECT.delimiter, record_delimiter: EXCEL_DIALECT.lineTerminator, bom: EXCEL_DIALECT.bom, quote: '"', escape: '"' }),
      createWriteStream(temp),
    );
    await rename(temp, filePath);
  } catch (error) {
    await rm(temp, { force: true });
    throw error;
  }
}
