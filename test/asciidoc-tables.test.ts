/**
 * AsciiDoc tables (extractors/tables/asciidoc-tables.ts), as pandoc's asciidoc writer leaves them. Whole
 * converted reports are in test/converted-variants.test.ts (fixtures/converted/pandoc-asciidoc).
 */
import { describe, expect, it } from 'vitest';
import { findTextTables } from '../extractors/tables/text-tables.js';
import { FACTSHEET_HEADER, codes, extractText } from './helpers/mini-report.js';

describe('AsciiDoc tables', () => {
  it('reads cells over lines, a theme row across the table, " +" breaks, a cell of paragraphs and bold marks', async () => {
    const text = [
      '[cols=",,",options="header",]',
      '|===',
      '3+|Toeleiding',
      '|Criteria |Indicatoren |Bevindingen',
      '|GGSR zijn in beeld |Alle netwerkpartners hanteren dezelfde omschrijving',
      'van GGSR +',
      'De gemeente heeft zicht op de populatie GGSR a|',
      '✓ De ondervraagden beschrijven de',
      'doelgroep.',
      '',
      '*X* De gemeente heeft geen zicht.',
      '',
      '*LET OP: dit is',
      'een noot.*',
      '|===',
    ].join('\n');
    const { tables } = findTextTables(text);
    expect(tables.map((t) => [t.title?.text, t.header.cells, t.rows.map((r) => [r.cells, r.location.lineStart, r.location.lineEnd])])).toEqual([
      [
        'Toeleiding',
        ['Criteria', 'Indicatoren', 'Bevindingen'],
        [[['GGSR zijn in beeld', 'Alle netwerkpartners hanteren dezelfde omschrijving van GGSR\nDe gemeente heeft zicht op de populatie GGSR', '✓ De ondervraagden beschrijven de doelgroep.\nX De gemeente heeft geen zicht.\nLET OP: dit is een noot.'], 5, 14]],
      ],
    ]);
    const report = await extractText(`${FACTSHEET_HEADER}\n${text}\n`);
    expect(report.findings.map((f) => [f.indicatorId, f.verdict, f.evidence, f.letOp])).toEqual([
      ['BEL-T1.1', 'voldoet', 'De ondervraagden beschrijven de doelgroep.', null],
      ['BEL-T1.2', 'verbeterpunt', 'De gemeente heeft geen zicht.', 'dit is een noot.'],
    ]);
  });

  it('places a criterion spanning rows (".2+|") and leaves its cell empty in the rows below', async () => {
    const text = [
      '*Toeleiding*',
      '',
      '[cols=",,",options="header",]',
      '|===',
      '|Criteria |Indicatoren |Bevindingen',
      '.2+|GGSR zijn in beeld |Alle netwerkpartners hanteren dezelfde omschrijving van GGSR |✓ Ja.',
      '|De gemeente heeft zicht op de populatie GGSR |✓ Ja.',
      '|===',
    ].join('\n');
    expect(findTextTables(text).tables[0]!.rows.map((r) => r.cells[0])).toEqual(['GGSR zijn in beeld', '']);
    const report = await extractText(`${FACTSHEET_HEADER}\n${text}\n`);
    expect(report.findings.map((f) => [f.indicatorId, f.verdict, f.evidence])).toEqual([
      ['BEL-T1.1', 'voldoet', 'Ja.'],
      ['BEL-T1.2', 'voldoet', 'Ja.'],
    ]);
    expect(codes(report)).toEqual([]);
  });
});
