/**
 * Attribution with evidence (issue 7 items 1-2): the municipality comes from what the report says
 * about whom it assesses, not from a council's cover line, page furniture or partners' names; a
 * report naming several municipalities as the assessed party is regional.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { findMunicipality } from '../extractors/metadata/find-municipality.js';
import { scanNames } from '../extractors/metadata/mention-scan.js';
import { loadMunicipalities } from '../extractors/metadata/municipalities.js';
import { extractText } from './helpers/mini-report.js';

const DORDRECHT = readFileSync('fixtures/reports/000_318a4c095323d6df.txt', 'utf8');
const BEMOEIZORG = readFileSync('fixtures/reports/004_e10162d225c65291.txt', 'utf8');
const ALMERE = readFileSync('fixtures/reports/003_0ef4a6012a6cd2d4.txt', 'utf8');
const codes = (warnings: { code: string }[]) => warnings.map((w) => w.code);

describe('cover lines of another municipality', () => {
  it('attributes the Dordrecht factsheet under a Zwijndrecht council cover line to Dordrecht, with a conflict warning', async () => {
    const report = await extractText(`Gemeente Zwijndrecht - raadsinformatiebrief bijlage 3\n\n${DORDRECHT}`, 'zwijndrecht-bijlage.txt');
    expect(report.metadata).toMatchObject({
      title: 'Aanpak: Reset Thuisbegeleiding',
      municipality: 'Dordrecht',
      municipalityCode: 'GM0505',
      scope: 'gemeente',
      municipalities: [{ name: 'Dordrecht', code: 'GM0505' }],
      municipalityEvidence: { phrase: '189 gezinnen in Dordrecht', location: { lineStart: 23 } },
    });
    const conflict = report.warnings.find((w) => w.code === 'municipality_conflict');
    expect(conflict?.message).toContain('Zwijndrecht');
    expect(conflict?.message).toContain('Dordrecht');
    expect(conflict?.location?.lineStart).toBe(1);
    expect(report.findings).toHaveLength(30);
  });

  it('takes nothing from a cover line when the report itself names no municipality', async () => {
    const report = await extractText(`Gemeente Breda | raadsvoorstel 2013/41\n\n${BEMOEIZORG}`);
    expect(report.metadata).toMatchObject({ title: 'Aanpak: Bemoeizorg', municipality: null, scope: null, municipalities: [], municipalityEvidence: null });
    expect(codes(report.warnings)).toEqual(expect.arrayContaining(['municipality_conflict', 'municipality_not_stated']));
  });

  it('lets a title give way to a body that consistently says "gemeente Y", naming both', () => {
    const text = 'Uitkomsten toezichtonderzoek Lelystad\n\nDe gemeente Almere werkt mee. Volgens de gemeente Almere is er een plan.';
    const result = findMunicipality(text, { text: 'Uitkomsten toezichtonderzoek Lelystad', line: 1 }, 2014);
    expect(result).toMatchObject({ municipality: 'Almere', code: 'GM0034', scope: 'gemeente' });
    expect(result.evidence).toEqual({ phrase: 'De gemeente Almere', location: { lineStart: 3, lineEnd: 3, page: null, locator: null } });
    expect(result.warnings.map((w) => [w.code, w.message.includes('Lelystad') && w.message.includes('Almere')])).toEqual([['municipality_conflict', true]]);
  });

  it('never takes a partner named after a city, even as "gemeente X" inside the partner list', () => {
    const text = 'Aanpak: X\n\nEen vragenlijst is ingevuld door:\n\n- GGD Zuid-Holland Zuid\n- Jeugdteam gemeente Utrecht\n\nDe gemeente werkt mee.';
    const ignored = findMunicipality(text, { text: 'Aanpak: X', line: 1 }, 2014, { ignoreLines: new Set([5, 6]) });
    expect(ignored).toMatchObject({ municipality: null, scope: null });
    expect(codes(ignored.warnings)).toEqual(['municipality_not_stated']);
    // Without the partner lines set aside, "gemeente Utrecht" would have decided: the option matters.
    expect(findMunicipality(text, { text: 'Aanpak: X', line: 1 }, 2014).municipality).toBe('Utrecht');
  });

  it('keeps the partner list out end to end (extractReport)', async () => {
    const report = await extractText(BEMOEIZORG.replace('- Surplus', '- Jeugdteam gemeente Roosendaal\n- Surplus'));
    expect(report.metadata).toMatchObject({ municipality: null, partners: ['GGD West-Brabant', 'Jeugdteam gemeente Roosendaal', 'Surplus', 'Thebe Jeugdgezondheidszorg'] });
  });

  it('gives the assessed-party statement as evidence for the Almere follow-up', async () => {
    const report = await extractText(ALMERE);
    expect(report.metadata.municipalityEvidence?.phrase).toMatch(/Almere/);
    expect(report.metadata.municipalityEvidence?.location?.lineStart).toBeGreaterThan(0);
  });
});

describe('regional reports', () => {
  const REGIONAL = BEMOEIZORG.replace(
    'De gemeente heeft de vragenlijst betreffende deze aanpak ingevuld',
    'De gemeenten Breda, Etten-Leur en Zundert hebben de vragenlijst betreffende deze aanpak ingevuld',
  );

  it('reads "De gemeenten Breda, Etten-Leur en Zundert hebben de vragenlijst … ingevuld" as a regional report', async () => {
    const report = await extractText(REGIONAL);
    expect(report.metadata).toMatchObject({
      municipality: null,
      municipalityCode: null,
      scope: 'regio',
      municipalities: [
        { name: 'Breda', code: 'GM0758' },
        { name: 'Etten-Leur', code: 'GM0777' },
        { name: 'Zundert', code: 'GM0879' },
      ],
      municipalityEvidence: { phrase: 'De gemeenten Breda, Etten-Leur en Zundert hebben de vragenlijst', location: { lineStart: 5 } },
    });
    expect(codes(report.warnings)).not.toContain('municipality_not_stated');
    expect(report.findings).toHaveLength(30);
  });

  it('is not misled by a cover line naming one of them', async () => {
    const report = await extractText(`Gemeente Breda - raadsinformatiebrief\n\n${REGIONAL}`);
    expect(report.metadata.scope).toBe('regio');
    expect(report.metadata.municipalities.map((m) => m.name)).toEqual(['Breda', 'Etten-Leur', 'Zundert']);
  });

  it('keeps two regions apart in the skeleton key (near-duplicate detection), a region of one as before', async () => {
    const other = await extractText(REGIONAL.replace('Breda, Etten-Leur en Zundert', 'Roosendaal en Halderberge'));
    const regional = await extractText(REGIONAL);
    expect(other.metadata.municipalities.map((m) => m.name)).toEqual(['Roosendaal', 'Halderberge']);
    expect(other.skeletonKey).not.toBe(regional.skeletonKey);
  });

  it('reads a single assessed party as scope gemeente with a list of one', () => {
    const result = findMunicipality('Aanpak: X\n\nDe gemeente Zundert heeft de vragenlijst ingevuld.', { text: 'Aanpak: X', line: 1 }, 2013);
    expect(result).toMatchObject({ municipality: 'Zundert', code: 'GM0879', scope: 'gemeente', municipalities: [{ name: 'Zundert', code: 'GM0879' }] });
    expect(result.evidence?.phrase).toBe('De gemeente Zundert heeft de vragenlijst');
  });

  it('uses the codes of the report year for every municipality of the region (Haaren, merged 2021)', () => {
    const text = 'Aanpak: X\n\nDe gemeenten Haaren en Boxtel hebben de vragenlijst ingevuld.';
    expect(findMunicipality(text, null, 2014).municipalities).toEqual([
      { name: 'Haaren', code: 'GM0788' },
      { name: 'Boxtel', code: 'GM0757' },
    ]);
    const later = findMunicipality(text, null, 2022);
    expect(later.municipalities).toEqual([
      { name: 'Haaren', code: null },
      { name: 'Boxtel', code: 'GM0757' },
    ]);
    expect(codes(later.warnings)).toEqual(['municipality_code_unknown']);
  });
});

/** The alternation the map lookup replaced, kept here to prove both find the same names. */
function oldScan(text: string): string[] {
  const index = loadMunicipalities();
  const APOSTROPHES = "'’‘`´";
  const HYPHENS = '\\-‐‑';
  const names = [...index.byPrintedName.keys()]
    .sort((a, b) => b.length - a.length)
    .map((name) => name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&').replace(/'/g, `[${APOSTROPHES}]`).replace(/-/g, `(?:[${HYPHENS}]|\\s+)`).replace(/ /g, '\\s+'));
  const pattern = new RegExp(`(?<![\\p{L}\\p{N}${APOSTROPHES}${HYPHENS}])(${names.join('|')})(?![\\p{L}\\p{N}${HYPHENS}])`, 'gu');
  return [...text.matchAll(pattern)].map((m) => `${m.index}:${m[1]}`);
}

describe('name scan by word lookup', () => {
  const index = loadMunicipalities();
  const newScan = (text: string) => scanNames(text, index).map((m) => `${m.start}:${text.slice(m.start, m.end)}`);

  it.each(readdirSafe())('finds the same names as the old alternation in %s', (name) => {
    const text = readFileSync(`fixtures/reports/${name}`, 'utf8');
    expect(newScan(text)).toEqual(oldScan(text));
  });

  it('handles apostrophes, hyphens as spaces, line breaks, qualifiers, punctuation around names and word boundaries', () => {
    const text = [
      "In ’s-Hertogenbosch en 's Hertogenbosch, (Dordrecht) en “Zwolle”.",
      'Súdwest Fryslân, Sudwest-Fryslan en Súdwest‑Fryslân; Bergen (NH) en Bergen op\nZoom.',
      'Zwolle-Zuid, Noord-Zwolle, Zwolles, Nuenen, Gerwen en Nederwetten, het Bildt. Den\nHelder!',
    ].join('\n');
    expect(newScan(text)).toEqual(oldScan(text));
    expect(newScan(text).length).toBeGreaterThan(8);
  });
});

function readdirSafe(): string[] {
  return ['000_318a4c095323d6df.txt', '001_c669e5a01401b566.txt', '002_1b897dc814a8f4e7.txt', '003_0ef4a6012a6cd2d4.txt', '004_e10162d225c65291.txt'];
}
