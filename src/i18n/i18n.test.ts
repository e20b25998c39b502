import { catalogSets } from './catalog.js';
import { localeFromAcceptLanguage, normalizeLocale, translator } from './i18n.js';

describe('i18n', () => {
  it('has every key in fi, sv and en, and no empty strings', () => {
    for (const set of catalogSets) {
      const keys = Object.keys(set.en).sort();
      expect(Object.keys(set.fi).sort()).toEqual(keys);
      expect(Object.keys(set.sv).sort()).toEqual(keys);
      for (const l of ['fi', 'sv', 'en'] as const) for (const k of keys) expect((set[l] as Record<string, string>)[k]!.trim()).not.toBe('');
    }
  });

  it.each([
    ['fi-FI', 'fi'],
    ['fi', 'fi'],
    ['sv_FI', 'sv'],
    ['SV-se', 'sv'],
    ['en-GB', 'en'],
    ['de', undefined],
    ['', undefined],
    [undefined, undefined],
  ])('normalizes %s to %s', (tag, expected) => {
    expect(normalizeLocale(tag)).toBe(expected);
  });

  it.each([
    ['en-US,en;q=0.9', 'en'],
    ['de;q=1, sv;q=0.8, fi;q=0.9', 'fi'],
    ['fi;q=0, sv', 'sv'],
    ['*', undefined],
  ])('reads Accept-Language %s', (header, expected) => {
    expect(localeFromAcceptLanguage(header)).toBe(expected);
  });

  it('translates by locale', () => {
    expect(translator('fi')('nav.skip')).toBe('Siirry pääsisältöön');
    expect(translator('sv')('nav.skip')).toBe('Hoppa till huvudinnehållet');
    expect(translator('en')('nav.skip')).toBe('Skip to main content');
  });
});
