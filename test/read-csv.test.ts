import { readFileSync } from 'node:fs';
import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import { plainRecords, readCsvRecords } from '../extractors/reference/read-csv.js';
import { referenceFilePath } from '../extractors/reference/locate.js';

const csvParse = (text: string) => parse(text, { columns: true, skip_empty_lines: true }) as unknown;

describe('reference CSV reader', () => {
  it('reads the shipped municipality file itself, as csv-parse does', () => {
    const text = readFileSync(referenceFilePath('cbs-gemeenten-1990-2025.csv'), 'utf8');
    expect(plainRecords(text)).not.toBeNull();
    expect(readCsvRecords(text)).toEqual(csvParse(text));
  });

  it('gives csv-parse its records for plain texts and hands every other text to csv-parse', () => {
    const plain = ['a,b\n1,2\n', 'a,b\n"x,y",2\n\n3,""\n', 'a,b\n"x""y",\n', 'a,b\n1,2', 'a,b\n 1 , 2 \n', 'a,b\n,\n', 'a,b\n'];
    for (const text of plain) expect(plainRecords(text), text).toEqual(csvParse(text));
    const other = ['a,b\n"1"x,2\n', 'a,b\n1\n', 'a,a\n1,2\n', 'a,b\r\n1,2\r\n', '\ufeffa,b\n1,2\n', 'a,b\n"multi\nline",2\n', 'a,b\n1,2,\n', 'a,b\n  \n', 'a,b\nx"y,2\n'];
    for (const text of other) expect(plainRecords(text), text).toBeNull();
    expect(readCsvRecords('a,b\r\n1,2\r\n')).toEqual(csvParse('a,b\r\n1,2\r\n'));
    expect(() => readCsvRecords('a,b\n1\n')).toThrow();
  });
});
