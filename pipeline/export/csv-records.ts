/**
 * RFC 4180 records of a CSV file, a chunk at a time, for the read-back of tables written without JSONL
 * (the matrix). What csv-parse gives for what csv-stringify writes (fields quoted when they hold a
 * delimiter, quote or line break; '""' for a quote; '\n' or '\r\n' between records; a BOM accepted), at
 * a fraction of its cost: at 10,000 reports csv-parse took about 0.4 s for matrix.csv, read twice.
 * Anything else (a stray quote, an unclosed quote, lone '\r' line ends) is an error, not a guess.
 */
import { createReadStream } from 'node:fs';

const QUOTE = 34;
const LF = 10;
const CR = 13;
const CHUNK_BYTES = 64 * 1024;

/** Batches of records, each an array of its fields' text; the header is the first record. */
export async function* readCsvRecords(filePath: string, delimiter = ','): AsyncGenerator<string[][]> {
  if (delimiter.length !== 1) throw new Error(`a CSV delimiter is one character, not ${JSON.stringify(delimiter)}`);
  const separator = delimiter.charCodeAt(0);
  const state: LineEnds = { crlf: null };
  let carry = '';
  let first = true;
  for await (const chunk of createReadStream(filePath, { encoding: 'utf8', highWaterMark: CHUNK_BYTES })) {
    let text = carry + (chunk as string);
    if (first && text.length > 0) {
      if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
      first = false;
    }
    const records: string[][] = [];
    carry = text.slice(parseRecords(text, separator, records, false, state, filePath));
    if (records.length > 0) yield records;
  }
  const records: string[][] = [];
  parseRecords(first && carry.charCodeAt(0) === 0xfeff ? carry.slice(1) : carry, separator, records, true, state, filePath);
  if (records.length > 0) yield records;
}

/**
 * How records end, decided as csv-parse decides it, at the first line end: '\r\n' there means every
 * record ends so (and a lone '\n' in a field is text); '\n' means a '\r' in a field is text.
 */
interface LineEnds {
  crlf: boolean | null;
}

/**
 * Appends the complete records of `text` to `records`; returns where the first incomplete one begins
 * (text.length when none is), to be parsed again with the next chunk. `final`: no chunk follows.
 */
function parseRecords(text: string, separator: number, records: string[][], final: boolean, state: LineEnds, filePath: string): number {
  const n = text.length;
  let pos = 0;
  const malformed = (what: string) => new Error(`${filePath}: not valid CSV (${what}) near ${JSON.stringify(text.slice(Math.max(0, pos - 20), pos + 20))}`);
  while (pos < n) {
    const recordStart = pos;
    const fields: string[] = [];
    for (;;) {
      if (text.charCodeAt(pos) === QUOTE) {
        let value = '';
        let from = pos + 1;
        for (;;) {
          const quote = text.indexOf('"', from);
          // The closing quote, or whether it is a doubled one, may be in the next chunk.
          if (quote === -1 || (quote + 1 === n && !final)) {
            if (!final) return recordStart;
            throw malformed('a quote is not closed');
          }
          if (text.charCodeAt(quote + 1) === QUOTE) {
            value += text.slice(from, quote + 1);
            from = quote + 2;
          } else {
            value += text.slice(from, quote);
            pos = quote + 1;
            break;
          }
        }
        fields.push(value);
        if (pos === n) {
          if (!final) return recordStart;
          records.push(fields);
          return n;
        }
        const c = text.charCodeAt(pos);
        if (c === separator) {
          pos++;
          continue;
        }
        if (c === LF && state.crlf !== true) {
          state.crlf = false;
          pos++;
          break;
        }
        if (c === CR && state.crlf !== false) {
          if (pos + 1 === n && !final) return recordStart;
          if (text.charCodeAt(pos + 1) === LF) {
            state.crlf = true;
            pos += 2;
            break;
          }
        }
        throw malformed('a quoted field does not end at a delimiter or a line end');
      }
      let end = pos;
      for (; end < n; end++) {
        const c = text.charCodeAt(end);
        if (c === separator) break;
        if (c === LF && (state.crlf !== true || (end > pos && text.charCodeAt(end - 1) === CR))) break;
        if (c === QUOTE) {
          pos = end;
          throw malformed('a quote inside an unquoted field');
        }
      }
      if (end === n) {
        if (!final) return recordStart;
        fields.push(text.slice(pos, end));
        records.push(fields);
        return n;
      }
      if (text.charCodeAt(end) === separator) {
        fields.push(text.slice(pos, end));
        pos = end + 1;
        continue;
      }
      // A line end: the record's.
      state.crlf ??= end > pos && text.charCodeAt(end - 1) === CR;
      fields.push(text.slice(pos, state.crlf ? end - 1 : end));
      pos = end + 1;
      break;
    }
    records.push(fields);
  }
  return n;
}
