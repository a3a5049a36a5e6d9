/**
 * What the narrative stage (extractors/narrative/) costs, for `npm run bench`: on each case-level
 * fixture (seed 001 as text, HTML and DOCX), the whole extraction (extractReport on the bytes)
 * beside the narrative stage alone on the same document's text, alternating the two call by call
 * so that load on a shared machine falls on both; median of the rounds. The line gives the stage's
 * share of the extraction time, a ratio that means the same on a fast and a slow machine.
 * Run alone: node dist/bench/narrative-bench.js (or npx tsx bench/narrative-bench.ts).
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { extractReport } from '../extractors/extract-report.js';
import { loadCatalogue } from '../extractors/framework/catalogue.js';
import { CatalogueMatcher } from '../extractors/framework/match.js';
import { detectFormat } from '../extractors/input/detect-format.js';
import { readerFor } from '../extractors/input/readers.js';
import { extractNarrative } from '../extractors/narrative/extract-narrative.js';

const FILES = ['fixtures/reports/001_c669e5a01401b566.txt', 'fixtures/rendered/html/ruled/001_c669e5a01401b566.html', 'fixtures/rendered/docx/word/001_c669e5a01401b566.docx'];

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

export async function benchNarrative(root = process.cwd(), rounds = 15): Promise<string[]> {
  const files = FILES.map((file) => path.join(root, file));
  const matcher = new CatalogueMatcher(loadCatalogue());
  const loaded = await Promise.all(
    files.map(async (file) => {
      const bytes = readFileSync(file);
      const document = await readerFor(detectFormat(bytes, file))!(bytes, file);
      return { file, bytes, document };
    }),
  );
  const whole: number[] = [];
  const stage: number[] = [];
  let rows = 0;
  for (let round = 0; round < rounds + 2; round++) {
    let w = 0;
    let s = 0;
    for (const { file, bytes, document } of loaded) {
      let t = performance.now();
      await extractReport(bytes, file);
      w += performance.now() - t;
      t = performance.now();
      const result = extractNarrative(document, 'casus', matcher);
      s += performance.now() - t;
      const n = result.narrative!;
      rows = n.sections.length + n.recommendations.length + n.quotes.length;
    }
    // The first two rounds warm up the JIT and the matcher's caches.
    if (round >= 2) {
      whole.push(w);
      stage.push(s);
    }
  }
  const perReport = median(stage) / loaded.length;
  return [`narrative  ${loaded.length} case-level notas (text, HTML, DOCX), ${rows} rows each: ${perReport.toFixed(1)} ms per nota, ${((100 * median(stage)) / median(whole)).toFixed(1)}% of the whole extraction (median of ${rounds} rounds)`];
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  for (const line of await benchNarrative()) console.log(line);
}
