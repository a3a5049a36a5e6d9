/** The converter survey's classes (bench/converter-survey.ts) on a fixture and copies of it changed on purpose. */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { classify } from '../bench/converter-survey.js';
import { textSource } from './helpers/same-findings.js';

const NAME = '002_1b897dc814a8f4e7';
const text = readFileSync(`fixtures/reports/${NAME}.txt`, 'utf8');
const bytes = (t: string) => new TextEncoder().encode(t);

describe('converter survey classes', () => {
  it('exact for the source itself, text for a changed evidence word', async () => {
    const source = await textSource(NAME);
    expect((await classify(bytes(text), 'a.txt', source)).outcome).toBe('exact');
    const evidence = source.findings[0]!.evidence!.split(' ').slice(0, 3).join(' ');
    expect((await classify(bytes(text.replace(evidence, `${evidence} extra`)), 'a.txt', source)).outcome).toBe('text');
  });

  it('text for a printed criterion other than the source\'s (its id still comes from the indicator)', async () => {
    const source = await textSource(NAME);
    const changed = await classify(bytes(text.replace('GGSR zijn in beeld', 'GGSR zijn goed in beeld')), 'a.txt', source);
    expect(changed).toMatchObject({ outcome: 'text', note: expect.stringMatching(/^0 evidence, 0 column labels, [1-9]\d* criteria$/) });
  });

  it('wrong for a verdict turned over, flagged for a verdict lost with its warning', async () => {
    const source = await textSource(NAME);
    const firstMark = text.indexOf('✓ ');
    const turned = `${text.slice(0, firstMark)}X ${text.slice(firstMark + 2)}`;
    expect(await classify(bytes(turned), 'a.txt', source)).toMatchObject({ outcome: 'wrong' });
    const lost = `${text.slice(0, firstMark)}${text.slice(firstMark + 2)}`;
    expect(await classify(bytes(lost), 'a.txt', source)).toMatchObject({ outcome: 'flagged', note: expect.stringContaining('verdict_missing') });
  });

  it('flagged for a finding the source does not have, without a verdict and with its warning; the rest compared by indicator and column', async () => {
    const source = await textSource(NAME);
    const firstMark = text.indexOf('✓ ');
    const unmarked = `${text.slice(0, firstMark)}${text.slice(firstMark + 2)}`;
    // The source without that first finding: the read one is extra, and every later one would sit one place off.
    const fewer = { ...source, findings: source.findings.slice(1) };
    expect(await classify(bytes(unmarked), 'a.txt', fewer)).toEqual({ outcome: 'flagged', note: `1 finding(s) the source does not have (${source.findings[0]!.indicatorId}|${source.findings[0]!.columnIndex}); verdict_missing` });
  });

  it('wrong for another aanpak than the source\'s, with what was read', async () => {
    const source = await textSource(NAME);
    expect(await classify(bytes(text.replace('Aanpak: 1 Gezin 1 Plan Nieuw Den Helder', 'Aanpak: Wijkteams')), 'a.txt', source)).toEqual({ outcome: 'wrong', note: 'aanpak Wijkteams for 1 Gezin 1 Plan Nieuw Den Helder' });
  });

  it("silent for a nota whose narrative lost rows without a warning: the attendees' sentence gone", async () => {
    const nota = '001_c669e5a01401b566';
    const source = await textSource(nota);
    const notaText = readFileSync(`fixtures/reports/${nota}.txt`, 'utf8');
    const sentence = /Bij de bijeenkomst waren[^\n]*Groep\./.exec(notaText)![0];
    expect(await classify(bytes(notaText.replace(sentence, '')), 'a.txt', source)).toEqual({ outcome: 'silent', note: 'narrative: attendees 0 for 7; ' });
  });

  it('refused for a file that is no report', async () => {
    expect((await classify(bytes('Geen rapport.\n'), 'a.txt', await textSource(NAME))).outcome).toBe('refused');
  });
});
