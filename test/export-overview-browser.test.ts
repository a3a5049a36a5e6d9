/**
 * overview.html in a real browser: Playwright (playwright-core) driving Debian's Chromium
 * (/usr/bin/chromium, installed by .ci/run; STJ_CHROMIUM overrides the path). The page must render from
 * the folder without network and without console errors, draw one heatmap cell per panel row, and show a
 * cell's evidence and source when it is clicked. A screenshot is saved to output/overview-test.png.
 */
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { chromium, type Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FindingRow, PanelRow } from '../pipeline/dataset-schema.js';
import { FORMULA, buildExportFolder } from './helpers/export-folder.js';

const CHROMIUM = process.env.STJ_CHROMIUM ?? '/usr/bin/chromium';

let tmp: string;
let dir: string;
let panel: PanelRow[];
let browser: Browser;
beforeAll(async () => {
  if (!existsSync(CHROMIUM)) throw new Error(`no Chromium at ${CHROMIUM}: apt-get install chromium (.ci/run does), or set STJ_CHROMIUM`);
  tmp = await mkdtemp(path.join(tmpdir(), 'stj-overview-'));
  dir = path.join(tmp, 'dataset');
  panel = await buildExportFolder(dir);
  browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--no-sandbox'] });
});
afterAll(async () => {
  await browser?.close();
  if (tmp) await rm(tmp, { recursive: true, force: true });
});

describe('overview.html in Chromium', () => {
  it('renders without network or console errors, one heatmap cell per panel row, and shows evidence on click', async () => {
    const page = await browser.newPage({ viewport: { width: 1280, height: 1000 } });
    const problems: string[] = [];
    const requests: string[] = [];
    page.on('console', (message) => message.type() === 'error' && problems.push(message.text()));
    page.on('pageerror', (error) => problems.push(error.message));
    page.on('request', (request) => requests.push(request.url()));
    const url = pathToFileURL(path.join(dir, 'overview.html')).href;
    await page.goto(url);

    const cells = page.locator('td[data-finding-id]');
    expect(await cells.count()).toBe(panel.length);
    // Every panel row is a cell with its own finding id and verdict.
    const drawn = await cells.evaluateAll((tds) => tds.map((td) => `${td.getAttribute('data-finding-id')} ${td.getAttribute('data-verdict')}`));
    expect(drawn.sort()).toEqual(panel.map((p) => `${p.finding_id} ${p.verdict ?? 'none'}`).sort());

    const findings = (await readFile(path.join(dir, 'findings.jsonl'), 'utf8')).split('\n').filter(Boolean).map((l) => JSON.parse(l) as FindingRow);
    const target = findings.find((f) => f.evidence === FORMULA)!;
    await page.locator(`td[data-finding-id="${target.finding_id}"]`).click();
    const detail = page.locator('#detail');
    await expect.poll(() => detail.textContent()).toContain(FORMULA);
    expect(await detail.textContent()).toContain(`${target.source_file}, lines ${target.source_lines}`);
    expect(await detail.textContent()).toContain(target.indicator_id!);
    expect(await page.locator('#detail .verdict').textContent()).toBe('voldoet');

    // Counts, themes, warnings and the failed input are on the page.
    expect(await page.locator('#themes tr').count()).toBe(6);
    expect(await page.locator('#failed').textContent()).toContain('kapot.bin');
    expect(await page.locator('#failed').textContent()).toContain('binary file, not a report');
    expect(await page.locator('#warnings').textContent()).toContain('unreadable_file');

    expect(problems).toEqual([]);
    expect(requests.filter((r) => !r.startsWith('file:'))).toEqual([]);
    await mkdir('output', { recursive: true });
    await page.screenshot({ path: path.join('output', 'overview-test.png'), fullPage: true });
    await page.close();
  });
});
