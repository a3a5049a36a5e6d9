/**
 * The fast paths of the extraction hot spots (issue 9) must give exactly what the plain formulas
 * they replace gave, or datasets would change under a speed-up. Each is checked against its
 * reference formula on hand-picked edge cases and on many seeded random strings drawn from an
 * alphabet of the characters that matter (ASCII, accents precomposed and combining, every kind of
 * white space, line breaks, surrogate pairs, case-changing letters).
 */
import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { Rng } from '../bench/prng.js';
import { contentKeyOf } from '../extractors/content-key.js';
import { foldText, stripMarks } from '../extractors/framework/normalise.js';
import { cellToText, collapseBlocks, collapseWhitespace, decodeEntities } from '../extractors/tables/cell-markup.js';
import { classifyHeader, YEAR_PATTERN } from '../extractors/tables/header-row.js';

const referenceStrip = (text: string) => text.normalize('NFD').replace(/\p{M}/gu, '');
const referenceFold = (text: string) => referenceStrip(text).toLowerCase().replace(/[^a-z0-9]+/g, ' ').trim();
const referenceCollapse = (text: string) => text.replace(/[\s\u00a0]+/g, ' ').trim();
const referenceBlocks = (text: string) => text.split('\n').map(referenceCollapse).filter((block) => block.length > 0).join('\n');
/**
 * cellToText as it was before the one-pass rewrite, with the hard line breaks ("\\\\ ") read since, and
 * a block set whole in one-sign emphasis ("*x*", "_x_") unwrapped.
 */
function referenceCell(raw: string): string {
  const withBreaks = raw.replace(/<\s*(\/?)\s*(p|br|li|ul|ol|div|tr|h[1-6])\b[^>]*>/gi, '\n').replace(/<\/?[a-z][^>]*>/gi, '').replace(/\\\\(?=\s|$)/g, '\n');
  const unescaped = decodeEntities(withBreaks.replace(/\\([!"#$%&'()*+,\-./:;<=>?@[\]^_`{|}~\\])/g, '$1'))
    .replace(/\*\*(.+?)\*\*/g, '$1')
    .replace(/__(.+?)__/g, '$1');
  return referenceBlocks(unescaped)
    .split('\n')
    .map((block) => /^([*_])([^\s*_](?:[^*_]*[^\s*_])?)\1$/.exec(block)?.[2] ?? block)
    .join('\n');
}

/** classifyHeader as it was before cells with three ASCII words were rejected unfolded. */
function referenceHeader(cells: string[]): string | null {
  const fold = (cell: string) => referenceStrip(cell).toLowerCase().replace(/[^a-z0-9 ]+/g, ' ').trim();
  const indicator = cells.findIndex((c) => /^indicator(en)?( \w+)?$/.test(fold(c)));
  if (indicator < 0) return null;
  const findings = cells.findIndex((c) => /^(bevinding(en)?|oordeel|beoordeling)( \w+)?$/.test(fold(c)));
  if (findings > indicator) {
    const criterion = cells.findIndex((c) => /^(criteria|criterium)( \w+)?$/.test(fold(c)));
    return JSON.stringify({ kind: 'criteria', criterionColumn: criterion >= 0 && criterion < indicator ? criterion : null, indicatorColumn: indicator, findingsColumn: findings });
  }
  const assessed = cells.flatMap((c, i) => (i > indicator && YEAR_PATTERN.test(c) ? [i] : []));
  return assessed.length > 0 ? JSON.stringify({ kind: 'followup', indicatorColumn: indicator, assessedColumns: assessed }) : null;
}

const ALPHABET = [
  'a', 'Z', 'e', '7', ' ', ' ', '  ', '\t', '\n', '\r\n', '\u00a0', '\u2028', '\u3000', '\ufeff', '\v',
  'ë', 'é', 'Ï', 'ö', 'e\u0301', 'a\u0327\u0301', '\u0301', 'İ', 'Σ', 'ß', 'ﬁ', 'Å', 'ǅ', 'ĳ', '😀', '\ud835\udc00',
  '‘', '’', '–', '.', '|', '<br>', '<p>', '</p>', '<b>', '&amp;', '&euml;', '**', '__', '*', '_', '\\*', '\\\\', '&',
];

function randomStrings(seed: number, count: number, alphabet = ALPHABET, maxLength = 24): string[] {
  const rng = new Rng(seed);
  return Array.from({ length: count }, () => Array.from({ length: rng.int(0, maxLength) }, () => rng.pick(alphabet)).join(''));
}

const HEADER_ALPHABET = ['Indicatoren', 'indicator', 'Criteria', 'criterium', 'Bevindingen', 'Oordeel', 'STJ', '2013', 'a', 'Ï', 'é', 'ndicator', ' ', '  ', '-', ':', '*', '\t', '\u00a0', '\n', '|'];

const EDGE_CASES = [
  '', ' ', '\n', ' \n ', 'a\n\n b ', '\u00a0x\u00a0', 'Coördinatie, één — cliënt!', 'Indicatoren', 'e\u0301e', 'ΣΑΣ σ',
  'a <br/> b<p>c</p>', '  \r\n\t ', 'x\u2028y', 'İstanbul', 'a  b', 'a \n\n\n  b \n',
];

describe('hot-path fast paths equal their reference formulas', () => {
  const inputs = [...EDGE_CASES, ...randomStrings(9, 4000)];

  it('stripMarks and foldText (accent folding run by run of non-ASCII characters)', () => {
    for (const text of inputs) {
      expect(stripMarks(text), JSON.stringify(text)).toBe(referenceStrip(text));
      expect(foldText(text), JSON.stringify(text)).toBe(referenceFold(text));
    }
    expect(foldText('Coördinatie, één — cliënt!')).toBe('coordinatie een client');
  });

  it('collapseWhitespace and collapseBlocks (one pass instead of split, collapse, filter, join)', () => {
    for (const text of inputs) {
      expect(collapseWhitespace(text), JSON.stringify(text)).toBe(referenceCollapse(text));
      expect(collapseBlocks(text), JSON.stringify(text)).toBe(referenceBlocks(text));
    }
    expect(collapseBlocks(' a \n\n  b\u00a0 c \n')).toBe('a\nb c');
  });

  it('cellToText (steps skipped when their marker character is absent)', () => {
    for (const text of inputs) expect(cellToText(text), JSON.stringify(text)).toBe(referenceCell(text));
    expect(cellToText('**LET OP:** a<br>b &amp; c')).toBe('LET OP: a\nb & c');
    expect(cellToText('✓ Ja.\\\\ \\\\ ✗ Nee.\\\\')).toBe('✓ Ja.\n✗ Nee.');
  });

  it('classifyHeader (cells of three ASCII words rejected without folding)', () => {
    const cells = [...EDGE_CASES, 'Indicatoren', 'Bevindingen STJ', 'Criteria casusniveau', '**Indicator**', 'Indicator 2013', 'Indicatoren - x', ...randomStrings(11, 3000, HEADER_ALPHABET, 4)];
    const rng = new Rng(12);
    let headers = 0;
    for (let row = 0; row < 6000; row++) {
      const picked = Array.from({ length: rng.int(1, 4) }, () => rng.pick(cells));
      const expected = referenceHeader(picked);
      if (expected !== null) headers++;
      const actual = classifyHeader(picked);
      expect(actual === null ? null : JSON.stringify(actual), JSON.stringify(picked)).toBe(expected);
    }
    // The random rows must reach the header forms, or the comparison shows little.
    expect(headers).toBeGreaterThan(100);
  });

  it('content key letters (one replace instead of fold and drop spaces)', () => {
    for (const text of inputs) {
      const expected = createHash('sha256').update(`text\u0000${referenceFold(text).replace(/ /g, '')}`).digest('hex');
      expect(contentKeyOf(null, [], text), JSON.stringify(text)).toBe(expected);
    }
  });
});
