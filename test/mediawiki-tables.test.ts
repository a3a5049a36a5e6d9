/**
 * MediaWiki tables (extractors/tables/mediawiki-tables.ts), as pandoc's mediawiki writer and wiki exports
 * leave them. Whole converted reports are in test/converted-variants.test.ts (fixtures/converted/pandoc-mediawiki).
 */
import { describe, expect, it } from 'vitest';
import { findTextTables } from '../extractors/tables/text-tables.js';
import { FACTSHEET_HEADER, codes, extractText } from './helpers/mini-report.js';

describe('MediaWiki tables', () => {
  it('reads a theme header row, cells one per line and several on a line, spans, a cell going on over lines, bold and links', async () => {
    const text = [
      '{| class="wikitable"',
      '! colspan="3" | Toeleiding',
      '|-',
      '! Criteria !! Indicatoren !! Bevindingen',
      '|-',
      '| rowspan="2" | GGSR zijn in beeld',
      '| Alle netwerkpartners hanteren dezelfde omschrijving van [[GGSR]]',
      "| '''✓''' De ondervraagden beschrijven de<br />",
      "doelgroep als in [[Nota 2012|de nota]] van 2012''.",
      '|-',
      '| De gemeente heeft zicht op de populatie GGSR || X De gemeente heeft geen zicht.<br />',
      "'''LET OP: dit is een noot.'''",
      '|}',
    ].join('\n');
    const { tables } = findTextTables(text);
    expect(tables.map((t) => [t.title?.text, t.header.cells, t.rows.map((r) => [r.cells, r.location.lineStart, r.location.lineEnd])])).toEqual([
      [
        'Toeleiding',
        ['Criteria', 'Indicatoren', 'Bevindingen'],
        [
          [['GGSR zijn in beeld', 'Alle netwerkpartners hanteren dezelfde omschrijving van GGSR', "✓ De ondervraagden beschrijven de\ndoelgroep als in de nota van 2012''."], 5, 9],
          [['', 'De gemeente heeft zicht op de populatie GGSR', 'X De gemeente heeft geen zicht.\nLET OP: dit is een noot.'], 10, 12],
        ],
      ],
    ]);
    const report = await extractText(`${FACTSHEET_HEADER}\n${text}\n`);
    expect(report.findings.map((f) => [f.indicatorId, f.verdict, f.letOp])).toEqual([
      ['BEL-T1.1', 'voldoet', null],
      ['BEL-T1.2', 'verbeterpunt', 'dit is een noot.'],
    ]);
    expect(codes(report)).not.toContain('verdict_unaccounted');
  });

  it('leaves a table holding another table to the text readers, whose net reports its marks', async () => {
    const text = ['{|', '! Criteria !! Indicatoren !! Bevindingen', '|-', '| GGSR zijn in beeld', '|', '{|', '| ✓ Binnen.', '|}', '|}'].join('\n');
    expect(findTextTables(text).tables).toEqual([]);
    const report = await extractText(`${FACTSHEET_HEADER}\n| Criteria | Indicatoren | Bevindingen |\n|---|---|---|\n| GGSR zijn in beeld | Alle netwerkpartners hanteren dezelfde omschrijving van GGSR | ✓ Ja. |\n\n${text}\n`);
    expect(codes(report)).toContain('verdict_unaccounted');
  });
});
