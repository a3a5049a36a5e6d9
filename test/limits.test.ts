/** Resource limits per input: the readers' caps (extractors/input/limits.ts) and the embedded pool's time budget and thread memory. */
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { decodeText } from '../extractors/input/decode-text.js';
import { DEFAULT_LIMITS, setInputLimits } from '../extractors/input/limits.js';
import { readerFor } from '../extractors/input/readers.js';
import { zipEntrySizes } from '../extractors/input/zip-size.js';
import { extractReport } from '../extractors/extract-report.js';
import { runEmbedded } from '../pipeline/run-embedded.js';
import type { CollectedInput } from '../pipeline/stages.js';
import { deepHtml, inflatingDocx, makeDocx, makeZip, paragraphsDocx } from '../bench/hostile-corpus.js';

afterEach(() => setInputLimits({}));

const failureOf = async (bytes: Uint8Array, name: string) => {
  const result = await extractReport(bytes, name);
  return result.ok ? null : result.failure;
};

describe('reader limits', () => {
  it('refuses HTML nested deeper than the limit as too_deep, and reads one nested just within it', async () => {
    expect(await failureOf(Buffer.from(deepHtml(100_000)), 'deep.html')).toMatchObject({ code: 'too_deep', message: expect.stringContaining('nested more than 512 deep') });
    // Within the limit the document is read (and fails only for having no findings table).
    expect(await failureOf(Buffer.from(deepHtml(400)), 'fine.html')).toMatchObject({ code: 'no_findings_tables' });
  });

  it('turns a stack overflow anywhere in a reader into too_deep', async () => {
    setInputLimits({ maxDepth: 1_000_000 });
    expect(await failureOf(Buffer.from(deepHtml(100_000)), 'deep.html')).toMatchObject({ code: 'too_deep' });
  });

  it('refuses a Word document whose text parts inflate past the limit, from its directory alone', async () => {
    expect(await failureOf(inflatingDocx(100), 'bomb.docx')).toEqual({ code: 'too_large', message: 'Word document inflates too far: its parts unpack to 100 MB, over the limit of 64 MB (--max-inflate-mb)' });
    setInputLimits({ maxInflateBytes: 1024 * 1024 });
    expect((await failureOf(inflatingDocx(2), 'small-bomb.docx'))?.code).toBe('too_large');
    setInputLimits({ maxInflateBytes: 3 * 1024 * 1024 });
    expect((await failureOf(inflatingDocx(2), 'small-bomb.docx'))?.code).toBe('no_findings_tables');
  });

  it('reads sizes and ZIP64 markers from the central directory, and skips images', () => {
    const zip = makeZip([
      { name: 'word/document.xml', data: Buffer.from('<x/>') },
      { name: 'word/media/photo.png', data: Buffer.alloc(10), claimed: 4_000_000_000 },
    ]);
    expect(zipEntrySizes(zip)?.map((e) => [e.name, e.uncompressed])).toEqual([['word/document.xml', 4], ['word/media/photo.png', 4_000_000_000]]);
    expect(zipEntrySizes(Buffer.from('not a zip at all, just text'))).toBeNull();
  });

  it('refuses a Word document of more paragraphs than a report has', async () => {
    expect(await failureOf(paragraphsDocx(100_000), 'many.docx')).toMatchObject({ code: 'too_large', message: expect.stringContaining('more than 50000 paragraphs') });
    expect((await failureOf(makeDocx('<w:p><w:pPr/><w:r><w:t>kort</w:t></w:r></w:p>'.repeat(10)), 'few.docx'))?.code).toBe('no_findings_tables');
  });

  it('refuses files over --max-file-mb and text over --max-text-mb before parsing', async () => {
    setInputLimits({ maxFileBytes: 1024 });
    expect(await failureOf(Buffer.from('%PDF-1.4\n' + 'x'.repeat(2000)), 'big.pdf')).toMatchObject({ code: 'too_large', message: expect.stringContaining('(--max-file-mb)') });
    setInputLimits({ maxTextBytes: 1024 });
    expect(await failureOf(Buffer.from('woord '.repeat(400)), 'line.txt')).toMatchObject({ code: 'too_large', message: expect.stringContaining('(--max-text-mb)') });
    expect(DEFAULT_LIMITS).toMatchObject({ maxFileBytes: 128 * 1024 * 1024, maxTextBytes: 16 * 1024 * 1024, maxInflateBytes: 64 * 1024 * 1024 });
    expect(readerFor('zip')).toBeNull();
  });
});

describe('lost verdict marks are counted in linear time, as before', () => {
  // The former expression: a match was tried at every tab of a run and rescanned the rest of it.
  const OLD = /(?:^|[|\t]|<p>|<br\s*\/?>)[ \t]*\?(?=[ \t]+[\p{L}(])/gmu;
  const lostCount = (text: string) => {
    const warning = decodeText(Buffer.from(text)).warnings.find((w) => w.code === 'verdict_marks_lost');
    return warning ? Number(/^(\d+)/.exec(warning.message)![1]) : 0;
  };

  it('counts the same "?" as the former expression on random mixes of cells, blanks and marks', () => {
    const pieces = [' ', '\t', '\t', '|', '?', '?', 'a', 'Ja', '(', '\n', '<p>', '<br>', '<br/>', 'x'];
    let seed = 12345;
    const random = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
    for (let round = 0; round < 400; round++) {
      let text = 'Rapport\n';
      const length = 5 + Math.floor(random() * 60);
      for (let i = 0; i < length; i++) text += pieces[Math.floor(random() * pieces.length)];
      expect(lostCount(text), JSON.stringify(text)).toBe(text.match(OLD)?.length ?? 0);
    }
  });

  it('reads a line of 200k tabs (14 s for 100k before) and still finds marks after it', () => {
    const text = `Rapport\n${'\t'.repeat(200_000)}\n|\t? Ja de indicator\n`;
    expect(lostCount(text)).toBe(1);
  });
});

describe('the embedded pool under a file that hangs or eats memory', () => {
  const script = new URL('./helpers/hostile-worker.mjs', import.meta.url);
  const input = (name: string): CollectedInput => ({ absolutePath: path.join('/nonexistent', name), relativePath: name, sizeBytes: 0 });

  it('stops a thread past the time budget, fails that file as timeout, and finishes the batch with a new thread', async () => {
    const inputs = [input('a.txt'), input('hang.txt'), input('b.txt'), input('c.txt')];
    const outcomes = await runEmbedded(inputs, { threads: 1, workerScript: script, fileTimeoutMs: 3_000 });
    expect(outcomes.map((o) => [o.input.relativePath, o.result.ok ? 'ok' : o.result.failure.code])).toEqual([
      ['a.txt', 'empty'],
      ['hang.txt', 'timeout'],
      ['b.txt', 'empty'],
      ['c.txt', 'empty'],
    ]);
    expect(outcomes[1]!.result).toMatchObject({ failure: { message: 'extraction took longer than 3 s (--file-timeout) and was stopped' } });
  }, 60_000);

  it('fails a file that exhausts the thread heap as too_large; the process and the batch go on', async () => {
    const inputs = [input('a.txt'), input('oom.txt'), input('b.txt')];
    const outcomes = await runEmbedded(inputs, { threads: 2, workerScript: script, threadMemoryMb: 32 });
    expect(outcomes.map((o) => (o.result.ok ? 'ok' : o.result.failure.code))).toEqual(['empty', 'too_large', 'empty']);
    expect(outcomes[1]!.result).toMatchObject({ failure: { message: expect.stringContaining('more than the 32 MB a worker thread may use (--max-thread-mb)') } });
  }, 60_000);
});
