/**
 * Regenerates fixtures/expected/narrative/<report>.json (sections, recommendations, quotes and
 * learning-meeting attendees of every case-level fixture report) from the current extractor. Run
 * it only after a deliberate change to extractors/narrative/, then read the diff line by line.
 *   npx tsx scripts/update-narrative-golden.ts
 */
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { extractReport } from '../extractors/extract-report.js';

const reportsDir = 'fixtures/reports';
const targetDir = 'fixtures/expected/narrative';
mkdirSync(targetDir, { recursive: true });

for (const name of readdirSync(reportsDir).sort()) {
  const result = await extractReport(readFileSync(join(reportsDir, name)), name);
  if (!result.ok) throw new Error(`${name}: ${result.failure.message}`);
  const narrative = result.report.narrative;
  if (!narrative) continue;
  const target = join(targetDir, name.replace(/\.[^.]+$/, '.json'));
  writeFileSync(target, `${JSON.stringify(narrative, null, 2)}\n`);
  console.log(`${target}: ${narrative.sections.length} sections, ${narrative.recommendations.length} recommendations, ${narrative.quotes.length} quotes, ${narrative.attendees.length} attendees`);
}
