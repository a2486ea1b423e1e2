import { expect } from '@open-wc/testing';
import { en } from '../src/i18n/en.js';
import { languageOf, languageTags, loadStrings, stringsFor } from '../src/i18n/locale.js';
import { zhHant } from '../src/i18n/zh-hant.js';

describe('locale: which table a lang tag gets', () => {
  const tags: Array<[unknown, string | undefined]> = [
    ['zh-Hant', 'zh-hant'],
    ['zh-hant', 'zh-hant'],
    ['zh-TW', 'zh-hant'],
    ['zh_HK', 'zh-hant'],
    ['ZH-MO', 'zh-hant'],
    ['zh-Hant-HK', 'zh-hant'],
    ['zh-Hant-', 'zh-hant'],
    [' zh-TW ', 'zh-hant'],
    ['zh-TW-x-private', 'zh-hant'],
    ['zh', undefined],
    ['zh-CN', undefined],
    ['zh-Hans', undefined],
    ['zh-Hans-TW', undefined],
    ['zh-TWX', undefined],
    ['zh--Hant', undefined],
    ['hant', undefined],
    ['en', undefined],
    ['ar', undefined],
    ['', undefined],
    ['constructor', undefined],
    ['__proto__', undefined],
    [undefined, undefined],
    [null, undefined],
    [5, undefined],
  ];
  for (const [lang, language] of tags)
    it(`lang ${JSON.stringify(lang)} → ${language ?? 'English'}`, () =>
      expect(languageOf(lang)).to.equal(language));

  it('every language has a row, and English needs no load', () => {
    expect(languageTags).to.deep.equal(['zh-hant']);
    expect([loadStrings('en'), loadStrings(''), loadStrings('zh-CN')]).to.deep.equal([
      undefined,
      undefined,
      undefined,
    ]);
  });
});

describe('locale: every table against English', () => {
  for (const tag of languageTags)
    it(`${tag}: every English string has one, with the same placeholders`, async () => {
      await loadStrings(tag);
      const table = stringsFor(tag);
      expect(table).not.to.equal(en);
      expect(loadStrings(tag), 'loaded once').to.equal(undefined);
      const placeholders = (text: string) => (text.match(/\{\w+\}/g) ?? []).sort();
      expect(Object.keys(table).sort()).to.deep.equal(Object.keys(en).sort());
      for (const key of Object.keys(en) as Array<keyof typeof en>) {
        expect(table[key], key).to.be.a('string').and.not.equal('');
        expect(placeholders(table[key]), key).to.deep.equal(placeholders(en[key]));
      }
    });

  it('zh-hant is the Traditional Chinese table', async () => {
    await loadStrings('zh-Hant');
    expect(stringsFor('zh-TW')).to.equal(zhHant);
  });
});

describe('locale: the table an element gets, once loaded', () => {
  before(() => loadStrings('zh-Hant'));

  const langs: Array<[string, string]> = [
    ['zh-Hant', 'zh'],
    ['zh-TW', 'zh'],
    ['zh_HK', 'zh'],
    ['ZH-MO', 'zh'],
    ['zh-Hant-HK', 'zh'],
    ['zh', 'en'],
    ['zh-CN', 'en'],
    ['zh-Hans', 'en'],
    ['ar', 'en'],
    ['', 'en'],
  ];
  for (const [lang, table] of langs)
    it(`lang ${JSON.stringify(lang)} → ${table}`, () =>
      expect(stringsFor(lang)).to.equal(table === 'zh' ? zhHant : en));
});
