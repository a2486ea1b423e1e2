import { expect } from '@open-wc/testing';
import { chatError, toChatError } from '../src/errors.js';
import { en } from '../src/i18n/en.js';
import { errorKey, errorText } from '../src/i18n/error-text.js';
import { zhHant } from '../src/i18n/zh-hant.js';

describe("pure: errors in the visitor's words", () => {
  const codes: Array<[Parameters<typeof chatError>[0], string, string]> = [
    ['network', 'models.example', 'errorNetwork'],
    ['device-lost', '', 'errorDeviceLost'],
    ['shader-f16-unsupported', '', 'errorShaderF16Unsupported'],
    ['engine', '', 'errorEngine'],
    ['model-too-large', '2 GB download', 'errorModelTooLarge'],
  ];
  for (const [code, detail, key] of codes)
    it(`${code} (detail ${JSON.stringify(detail)}) shows the visitor's words from strings.${key}, the detail stays in the event`, () => {
      const error = chatError(code, detail);
      expect(errorKey(code)).to.equal(key);
      expect(errorText(error, en)).to.equal(en[key as keyof typeof en]);
      expect(errorText(error, zhHant)).to.equal(zhHant[key as keyof typeof en]);
      if (detail) expect(errorText(error, en)).not.to.contain(detail);
      expect(errorText(error, en)).not.to.match(/\{detail\}/);
    });

  it("the visitor's error words give no advice only the page author can follow", () => {
    const errors = Object.entries(en).filter(([key]) => key.startsWith('error'));
    expect(errors.length).to.equal(14);
    for (const [key, text] of errors)
      expect(text, key).not.to.match(/pick|smaller model|model-url|model=|q4f|shader-f16|attribute|\.wasm/i);
  });

  it('an error with words of its own (a message too long for the model) shows them, in each language', () => {
    const error = chatError('context-window-exceeded', '', { words: 'errorMessageTooLong' });
    expect(errorText(error, en)).to.equal('This message is too long for this model: shorten it.');
    expect(errorText(error, zhHant)).to.equal(zhHant.errorMessageTooLong);
    expect(errorText(chatError('context-window-exceeded'), en)).to.equal(en.errorContextWindowExceeded);
  });

  it("a browser that cannot start the CPU runtime: engine, not recoverable, words of its own; a page policy that locks it out: the blocked page's words, not recoverable", () => {
    const browser = toChatError(
      Object.assign(new Error('this browser cannot run the CPU runtime: it lacks WebAssembly SIMD'), {
        name: 'BrowserUnsupportedError',
      }),
    );
    expect([browser.code, browser.recoverable]).to.deep.equal(['engine', false]);
    expect(browser.message).to.contain('it lacks WebAssembly SIMD');
    expect(errorText(browser, en)).to.equal(en.errorBrowserUnsupported);
    expect(errorText(browser, zhHant)).to.equal(zhHant.errorBrowserUnsupported);
    const policy = toChatError(Object.assign(new Error('blocked'), { name: 'ContentSecurityPolicyError' }));
    expect([policy.code, policy.recoverable, errorText(policy, en)]).to.deep.equal([
      'engine',
      false,
      en.errorBlocked,
    ]);
  });

  it('a message of its own (a bad attribute value, a storage failure) shows as it is', () => {
    const attribute = chatError('invalid-attribute', 'temperature="hot" is not valid.');
    expect(errorText(attribute, zhHant)).to.equal('temperature="hot" is not valid.');
  });
});
