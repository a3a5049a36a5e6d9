/** Framework matching: normalisation before natural's Dutch tokenizer, stemming, scores, catalogue integrity. */
import { describe, expect, it } from 'vitest';
import { buildCatalogue, loadCatalogue } from '../extractors/framework/catalogue.js';
import { CatalogueMatcher, MATCH_THRESHOLD } from '../extractors/framework/match.js';
import { foldText, stemTokens } from '../extractors/framework/normalise.js';
import { splitIndicators } from '../extractors/findings/split-indicators.js';
import dutchStemmer from 'natural/lib/natural/stemmers/porter_stemmer_nl.js';
import DutchTokenizer from 'natural/lib/natural/tokenizers/aggressive_tokenizer_nl.js';

const catalogue = loadCatalogue();
const matcher = new CatalogueMatcher(catalogue);

describe('catalogue data file', () => {
  it('holds 5 themes, 13 policy criteria with 30 indicators and 12 case criteria with 33 indicators', () => {
    expect(catalogue.themes.map((t) => t.name)).toEqual(['Toeleiding', 'Gezin centraal', 'Aanpak', 'Samenwerking', 'Continu']);
    const count = (level: string) => [catalogue.criteria.filter((c) => c.level === level).length, catalogue.indicators.filter((i) => i.level === level).length];
    expect(count('beleid')).toEqual([13, 30]);
    expect(count('casus')).toEqual([12, 33]);
  });

  it('rejects a catalogue with a duplicate id', () => {
    const raw = structuredClone(JSON.parse(JSON.stringify({ id: 'x', version: '1', description: '', themes: catalogue.themes.map(({ id, name, variants }) => ({ id, name, variants })), levels: { beleid: { criteria: [] }, casus: { criteria: [] } } })));
    const criterion = { id: 'C1', theme: 'toeleiding', name: 'c', variants: [], indicators: [{ id: 'C1', text: 't', variants: [] }] };
    raw.levels.beleid.criteria.push(criterion);
    expect(() => buildCatalogue(raw)).toThrow(/duplicate id C1/);
  });
});

describe('normalisation', () => {
  it('folds accents before tokenising, so natural does not split "coördinatie"', () => {
    expect(foldText('Coördinatie, één — cliënt!')).toBe('coordinatie een client');
    expect(stemTokens('coördinatie')).toHaveLength(1);
  });

  it('stems Dutch inflections alike', () => {
    expect(stemTokens('afspraken')).toEqual(stemTokens('afspraak'));
    expect(stemTokens('partijen')).toEqual(stemTokens('partij'));
    expect(stemTokens('netwerkpartners')).toEqual(stemTokens('netwerkpartner'));
  });

  it('gives the stems natural gives, also for the words it remembers', () => {
    const text = 'Het plan is haalbaar en betaalbaar; de zichtbare afspraken zijn zichtbaar voor ouders, kinderen en partijen.';
    const natural = () => new DutchTokenizer().tokenize(foldText(text)).map((token) => dutchStemmer.stem(token));
    const first = stemTokens(text);
    expect(stemTokens(text)).toEqual(first);
    expect(first).toEqual(natural());
  });
});

describe('indicator matching', () => {
  it('scores an exact wording 1 and a variant wording (typo, a word left out) above the threshold', () => {
    expect(matcher.matchIndicator('De gemeente evalueert de resultaten van de aanpak', 'beleid')).toMatchObject({ score: 1, indicator: { id: 'BEL-A1.5' } });
    const typo = matcher.matchIndicator('Uitgangspunt bij de aanpak is dat de netwerkpartners werken met en gezamelijk plan per gezin', 'beleid');
    expect(typo.indicator?.id).toBe('BEL-A3.1');
    expect(typo.score).toBeGreaterThan(MATCH_THRESHOLD);
    expect(typo.score).toBeLessThan(1);
  });

  it('tells apart indicators that differ by one word', () => {
    expect(matcher.matchIndicator('De netwerkpartners evalueren de resultaten van de aanpak', 'beleid').indicator?.id).toBe('BEL-A1.6');
    expect(matcher.matchIndicator('De gemeente evalueert de resultaten van de aanpak', 'beleid').indicator?.id).toBe('BEL-A1.5');
  });

  it('maps a wording whose words a PDF writer cut apart, letter for letter a known one, with score 1; one letter off stays unmapped', () => {
    const cut = matcher.matchIndicator('Alle netwe ‐ rkpartners hanteren dezelfde omsch rijving van GGSR', 'beleid');
    expect(cut).toMatchObject({ indicator: { id: 'BEL-T1.1' }, score: 1, runnerUp: null });
    // The stems of the cut words alone fall short of the threshold: it is the letters that map it.
    expect(new CatalogueMatcher(catalogue).matchIndicator('Alle netwe ‐ rkpartners hanteren dezelfde omsch rijving van GGSX', 'beleid').indicator).toBeNull();
  });

  it('does not pass two run-together indicators off as one', () => {
    const both = matcher.matchIndicator('De gemeente heeft beleid voor de groep GGSR De gemeente zorgt voor een gezamenlijke visie op de aanpak voor GGSR', 'beleid');
    expect(both.indicator).toBeNull();
  });

  it('splits indicators a converter glued together without a space (odt2txt drops a cell\'s line breaks), and prints an unsplit glued word as it was', () => {
    const pieces = splitIndicators(
      'De resultaten van de aanpak worden bijgehoudenDe gemeente evalueert de resultaten van de aanpakDe netwerkpartners evalueren de resultaten van de aanpakOp basis van de evaluatie wordt het beleid gecontinueerd dan wel bijgesteld',
      'beleid',
      matcher,
    );
    expect(pieces.map((p) => [p.match.indicator?.id, p.raw])).toEqual([
      ['BEL-A1.4', 'De resultaten van de aanpak worden bijgehouden'],
      ['BEL-A1.5', 'De gemeente evalueert de resultaten van de aanpak'],
      ['BEL-A1.6', 'De netwerkpartners evalueren de resultaten van de aanpak'],
      ['BEL-A1.7', 'Op basis van de evaluatie wordt het beleid gecontinueerd dan wel bijgesteld'],
    ]);
    expect(splitIndicators('De gemeente heeft beleid voor de groep GGSRDe gemeente zorgt voor een gezamenlijke visie op de aanpak voor GGSR', 'beleid', matcher).map((p) => p.raw)).toEqual([
      'De gemeente heeft beleid voor de groep GGSR',
      'De gemeente zorgt voor een gezamenlijke visie op de aanpak voor GGSR',
    ]);
    expect(splitIndicators('Het JeugdPlus team werkt samen', 'beleid', matcher).map((p) => p.raw)).toEqual(['Het JeugdPlus team werkt samen']);
  });

  it('keeps unknown wording whole rather than chopping it into pieces', () => {
    const pieces = splitIndicators('Het college vergadert op dinsdag In Zwolle regent het vaak', 'beleid', matcher);
    expect(pieces).toHaveLength(1);
    expect(pieces[0]!.match.indicator).toBeNull();
  });

  it('keeps a list inside one indicator together (case level, "toereikend om: - …")', () => {
    const pieces = splitIndicators('De beschikbare informatie over het gezin is toereikend om:\n- Een probleemanalyse te maken - Doelen te bepalen - De aanpak te bepalen', 'casus', matcher);
    expect(pieces.map((p) => p.match.indicator?.id)).toEqual(['CAS-S3.1']);
  });

  it('matches theme labels and their variants exactly', () => {
    expect(matcher.matchTheme('De aanpak')?.id).toBe('aanpak');
    expect(matcher.matchTheme('Gezin Centraal')?.id).toBe('gezin-centraal');
    expect(matcher.matchTheme('Continue')?.id).toBe('continu');
    expect(matcher.matchTheme('Vervolg bevindingen toezichtonderzoek')).toBeNull();
  });
});
