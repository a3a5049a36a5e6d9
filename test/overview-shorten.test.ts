/** The overview's evidence shortening (pipeline/export/overview-data.ts): the prefix shortcut gives what flattening the whole text gives. */
import { describe, expect, it } from 'vitest';
import { shorten } from '../pipeline/export/overview-data.js';

/** The definition: flatten the whole text, then cut. */
function reference(text: unknown, max: number): string {
  if (typeof text !== 'string') return '';
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length > max ? `${flat.slice(0, Math.max(0, max - 1))}…` : flat;
}

describe('shorten', () => {
  it('flattens whitespace, trims and cuts with an ellipsis', () => {
    expect(shorten('  een \n\t twee  ', 20)).toBe('een twee');
    expect(shorten('een twee drie', 8)).toBe('een twe…');
    expect(shorten(`${' '.repeat(100)}abc${'\n'.repeat(100)}`, 5)).toBe('abc');
    expect(shorten(`a${' \u00a0\u2003'.repeat(50)}b`.repeat(3), 4)).toBe('a b…');
    expect(shorten('abcdef'.repeat(20), 10)).toBe('abcdefabc…');
    expect(shorten('x'.repeat(50), 0)).toBe('…');
    expect(shorten(null, 10)).toBe('');
    expect(shorten(42, 10)).toBe('');
  });

  it('agrees with flattening the whole text, on texts of every shape', () => {
    const pieces = ['a', 'bc', ' ', '  ', '\n', '\r\n', '\t', '\u00a0', '\u2028', 'é', '😀', 'woord ', '   \n   '];
    let seed = 2013;
    const random = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
    for (let i = 0; i < 5000; i++) {
      const length = Math.floor(random() * 120);
      let text = '';
      // Some texts mostly whitespace, some mostly words.
      const spaceBias = random();
      for (let k = 0; k < length; k++) text += random() < spaceBias ? pieces[2 + Math.floor(random() * 6)] : pieces[Math.floor(random() * pieces.length)];
      for (const max of [0, 1, 2, 5, 10, 37, 200]) expect(shorten(text, max), JSON.stringify([text, max])).toBe(reference(text, max));
    }
  });
});
