/** Hand-made extraction results for pipeline tests that must not depend on the real extractor. */
import { createHash } from 'node:crypto';
import type { ExtractedFinding, ExtractedReport, ExtractionResult, ExtractionWarning } from '../../extractors/model.js';
import type { AssemblyContext } from '../../pipeline/program-info.js';
import type { InputOutcome } from '../../pipeline/stages.js';

export const sha = (text: string) => createHash('sha256').update(text).digest('hex');

export function finding(overrides: Partial<ExtractedFinding> = {}): ExtractedFinding {
  return {
    themeId: 'toeleiding',
    theme: 'Toeleiding',
    themeRaw: 'Toeleiding',
    criterionId: 'BEL-T1',
    criterion: 'GGSR zijn in beeld',
    criterionRaw: null,
    indicatorId: 'BEL-T1.1',
    indicator: 'Alle netwerkpartners hanteren dezelfde omschrijving van GGSR',
    indicatorRaw: 'Alle netwerkpartners hanteren dezelfde omschrijving van GGSR',
    matchScore: 1,
    verdict: 'voldoet',
    sharedCell: false,
    evidence: 'Iedereen gebruikt dezelfde omschrijving.',
    letOp: null,
    aanpak: null,
    assessedYear: null,
    columnIndex: 0,
    columnLabel: null,
    location: { lineStart: 10, lineEnd: 10, page: null, locator: null },
    ordinal: 0,
    ...overrides,
  };
}

export function warning(overrides: Partial<ExtractionWarning> = {}): ExtractionWarning {
  return { code: 'shared_cell', severity: 'info', message: 'shared', location: null, findingIndex: null, ...overrides };
}

export function report(content: string, overrides: Partial<ExtractedReport> = {}): ExtractedReport {
  return {
    fileName: 'x.txt',
    format: 'text',
    encoding: 'utf-8',
    bytesSha256: sha(`bytes of ${content}`),
    contentKey: sha(content),
    skeletonKey: null,
    metadata: {
      title: `Aanpak: ${content}`,
      municipality: 'Dordrecht',
      municipalityCode: 'GM0505',
      scope: 'gemeente',
      municipalities: [{ name: 'Dordrecht', code: 'GM0505' }],
      municipalityEvidence: null,
      aanpak: 'Reset',
      level: 'beleid',
      reportDate: '2013-05',
      assessedYear: 2013,
      inspectionBody: 'Samenwerkend Toezicht Jeugd',
      partners: ['Careyn', 'Vivenz'],
      familiesCount: 12,
    },
    findings: [finding()],
    warnings: [],
    pageCount: null,
    ...overrides,
  };
}

export function ok(relativePath: string, rep: ExtractedReport, sizeBytes = 100): InputOutcome {
  return {
    input: { absolutePath: `/somewhere/${relativePath}`, relativePath, sizeBytes },
    result: { ok: true, reports: [{ ...rep, fileName: relativePath }] },
  };
}

export function failed(relativePath: string, code: Extract<ExtractionResult, { ok: false }>['failure']['code'], message: string): InputOutcome {
  return {
    input: { absolutePath: `/somewhere/${relativePath}`, relativePath, sizeBytes: 0 },
    result: { ok: false, fileName: relativePath, bytesSha256: sha(''), failure: { code, message } },
  };
}

/** A small catalogue slice with known orders, so sort tests do not depend on the shipped framework file. */
export function testContext(): AssemblyContext {
  const themes = [
    { id: 'toeleiding', name: 'Toeleiding', variants: [], order: 0 },
    { id: 'aanpak', name: 'Aanpak', variants: [], order: 2 },
  ];
  const criteria = [
    { id: 'BEL-T1', level: 'beleid' as const, themeId: 'toeleiding', name: 'GGSR zijn in beeld', variants: [], order: 0 },
    { id: 'BEL-T2', level: 'beleid' as const, themeId: 'toeleiding', name: 'Bereik', variants: [], order: 1 },
    { id: 'BEL-A1', level: 'beleid' as const, themeId: 'aanpak', name: 'Plan', variants: [], order: 5 },
  ];
  const indicators = [
    { id: 'BEL-T1.1', criterionId: 'BEL-T1', order: 0 },
    { id: 'BEL-T1.2', criterionId: 'BEL-T1', order: 1 },
    { id: 'BEL-T2.1', criterionId: 'BEL-T2', order: 2 },
    { id: 'BEL-A1.1', criterionId: 'BEL-A1', order: 9 },
  ].map((i) => ({ ...i, level: 'beleid' as const, themeId: '', text: i.id, variants: [] }));
  return {
    program: { name: 'stj-findings', version: '9.9.9' },
    catalogue: {
      id: 'test-catalogue',
      version: '0.0.1',
      themeById: new Map(themes.map((t) => [t.id, t])),
      criterionById: new Map(criteria.map((c) => [c.id, c])),
      indicatorById: new Map(indicators.map((i) => [i.id, i])),
    },
  };
}
