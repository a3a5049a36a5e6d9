/**
 * Bundles of reports in one file, as legacy archives hold them (issue 7, bundles): seeds 000, 002
 * and 004 one after another, printed by Chromium from the committed HTML renderings
 * (fixtures/rendered/html/ruled, made by scripts/render-fixtures.ts), each report starting on a new
 * page as an appendix of factsheets does; and the same with seed 002 printed twice (a report
 * repeated inside a file). The text bundles are built in the tests from the text fixtures.
 *   npx tsx scripts/render-bundles.ts      (needs Debian's chromium; the PDFs are committed)
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

const ROOT = resolve(import.meta.dirname, '..');
const HTML = join(ROOT, 'fixtures/rendered/html/ruled');
const OUT = join(ROOT, 'fixtures/bundles');
const CHROMIUM_FLAGS = ['--headless', '--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-pdf-header-footer'];

const BUNDLES: Record<string, string[]> = {
  'seeds-000-002-004': ['000_318a4c095323d6df', '002_1b897dc814a8f4e7', '004_e10162d225c65291'],
  'seeds-000-002-002-004': ['000_318a4c095323d6df', '002_1b897dc814a8f4e7', '002_1b897dc814a8f4e7', '004_e10162d225c65291'],
};

function part(name: string): { style: string; body: string } {
  const html = readFileSync(join(HTML, `${name}.html`), 'utf8');
  const style = /<style>([\s\S]*?)<\/style>/.exec(html)?.[1] ?? '';
  const body = /<body>([\s\S]*?)<\/body>/.exec(html)?.[1];
  if (body === undefined) throw new Error(`${name}.html has no body`);
  return { style, body };
}

const work = mkdtempSync(join(tmpdir(), 'stj-bundles-'));
try {
  mkdirSync(OUT, { recursive: true });
  for (const [bundle, names] of Object.entries(BUNDLES)) {
    const parts = names.map(part);
    const html = [
      '<!DOCTYPE html><html lang="nl"><head><meta charset="utf-8">',
      `<title>${bundle}</title><style>${parts[0]!.style} section + section { break-before: page; }</style></head><body>`,
      ...parts.map((p) => `<section>${p.body}</section>`),
      '</body></html>',
    ].join('\n');
    const htmlFile = join(work, `${bundle}.html`);
    writeFileSync(htmlFile, html);
    execFileSync('chromium', [...CHROMIUM_FLAGS, `--user-data-dir=${join(work, 'chromium')}`, `--print-to-pdf=${join(OUT, `${bundle}.pdf`)}`, `file://${htmlFile}`], { stdio: ['ignore', 'ignore', 'inherit'] });
    console.log(`fixtures/bundles/${bundle}.pdf`);
  }
} finally {
  rmSync(work, { recursive: true, force: true });
}
