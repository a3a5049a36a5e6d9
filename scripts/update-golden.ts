/**
 * Regenerates fixtures/expected/<report>.json from the current extractor. Run it only after a
 * deliberate change, then read the diff line by line before committing: the golden files are
 * hand-checked, and the diff is the review.
 *   npx tsx scripts/update-golden.ts
 */
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { extractReport } from '../extractors/extract-report.js';
import { goldenView } from '../test/helpers/golden-view.js';

const reportsDir = 'fixtures/reports';
const expectedDir = 'fixtures/expected';

for (const name of readdirSync(reportsDir).sort()) {
  const result = await extractReport(readFileSync(join(reportsDir, name)), name);
  if (!result.ok) throw new Error(`${name}: ${result.failure.message}`);
  const target = join(expectedDir, name.replace(/\.[^.]+$/, '.json'));
  // A fixture holds one report; a bundle among the fixtures would need a golden file per report.
  if (result.reports.length !== 1) throw new Error(`${name}: ${result.reports.length} reports where the golden fixtures hold one`);
  const [report] = result.reports;
  writeFileSync(target, `${JSON.stringify(goldenView(report!), null, 2)}\n`);
  console.log(`${target}: ${report!.findings.length} findings, ${report!.warnings.length} warnings`);
}

// The whole dataset of the fixture run, byte for byte (needs a build: npm run build).
const { execFileSync } = await import('node:child_process');
const { mkdirSync, rmSync } = await import('node:fs');
const datasetDir = join(expectedDir, 'dataset');
rmSync(datasetDir, { recursive: true, force: true });
mkdirSync(datasetDir, { recursive: true });
execFileSync(process.execPath, ['dist/pipeline/cli.js', 'import', reportsDir, '--out', datasetDir], { stdio: 'inherit' });
