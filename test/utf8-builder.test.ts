/**
 * Utf8Builder (pipeline/export/utf8-builder.ts) writes the row files' bytes line by line: whatever the
 * lines hold and however often the buffer grows, the bytes must be those of the concatenated text.
 */
import { describe, expect, it } from 'vitest';
import { Utf8Builder } from '../pipeline/export/utf8-builder.js';

function built(lines: string[], initialBytes: number): Buffer {
  const builder = new Utf8Builder(initialBytes);
  for (const line of lines) builder.add(line);
  return Buffer.from(builder.take());
}

describe('Utf8Builder', () => {
  const lines = [
    'plain ascii,1,2\n',
    '"✓ voldoet","✗ verbeterpunt",coördinatie\n',
    '“quotes” – dash\n',
    'astral 𝒳 and emoji 🙂 (surrogate pairs)\n',
    '',
    'é'.repeat(5000) + '\n',
  ];

  it('gives the bytes of the concatenation, growing past a tiny initial buffer', () => {
    const expected = Buffer.from(lines.join(''), 'utf8');
    const bytes = built(lines, 8);
    expect(bytes.length).toBe(expected.length);
    expect(bytes.equals(expected)).toBe(true);
  });

  it('empties on take and reports the byte length of what was added', () => {
    const builder = new Utf8Builder(4);
    builder.add('✓');
    expect(builder.byteLength).toBe(3);
    expect(Array.from(builder.take())).toEqual([0xe2, 0x9c, 0x93]);
    expect(builder.byteLength).toBe(0);
    builder.add('ab');
    expect(Buffer.from(builder.take()).toString('utf8')).toBe('ab');
  });

  it('hands out bytes in an ArrayBuffer of their own, untouched by later adds', () => {
    const builder = new Utf8Builder(64);
    builder.add('first');
    const first = builder.take();
    builder.add('SECOND');
    expect(first.byteOffset).toBe(0);
    expect(first.buffer.byteLength).toBe(first.length);
    expect(Buffer.from(first).toString('utf8')).toBe('first');
  });

  it('writes a lone surrogate as U+FFFD, as Buffer.from does', () => {
    const text = 'a\uD800b';
    expect(built([text], 2).equals(Buffer.from(text, 'utf8'))).toBe(true);
  });
});
