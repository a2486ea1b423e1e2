import { expect, fixture, html } from '@open-wc/testing';
import type { AiChat } from '../src/ai-chat.js';
import type { AiChatErrorEvent } from '../src/events.js';
import { markdownReady } from '../src/render/markdown-directive.js';
import { $, $$, record, scriptedChat, ScriptedEngine } from './helpers.js';

describe('<ai-chat> languages', () => {
  afterEach(() => document.documentElement.removeAttribute('lang'));
  const sendLabel = (el: AiChat) => $(el, '[part="send-button"]')!.textContent!.trim();

  it('lang on the element, an ancestor or the page picks Traditional Chinese; others get English', async () => {
    const table: Array<[string, string]> = [
      ['zh-TW', '傳送'],
      ['zh-Hant', '傳送'],
      ['zh-HK', '傳送'],
      ['zh-Hant-TW', '傳送'],
      ['zh-CN', 'Send'],
      ['fr', 'Send'],
      ['', 'Send'],
    ];
    for (const [lang, label] of table) {
      const el = await fixture<AiChat>(
        html`<ai-chat lang=${lang} .engine=${new ScriptedEngine()}></ai-chat>`,
      );
      expect(sendLabel(el), lang).to.equal(label);
    }
    const wrapper = await fixture<HTMLElement>(
      html`<div lang="zh-HK"><ai-chat .engine=${new ScriptedEngine()}></ai-chat></div>`,
    );
    const inner = wrapper.querySelector('ai-chat')!;
    await inner.updateComplete;
    expect(sendLabel(inner)).to.equal('傳送');
    expect($(inner, 'textarea')!.getAttribute('placeholder')).to.equal('問點什麼…');
    document.documentElement.lang = 'zh-Hant';
    const page = await fixture<AiChat>(html`<ai-chat .engine=${new ScriptedEngine()}></ai-chat>`);
    expect(sendLabel(page)).to.equal('傳送');
  });

  it('changing lang on the element re-renders, and strings overrides win', async () => {
    const { el } = await scriptedChat();
    el.lang = 'zh-TW';
    await el.updateComplete;
    expect(sendLabel(el)).to.equal('傳送');
    el.strings = { send: 'Envoyer' };
    await el.updateComplete;
    expect(sendLabel(el)).to.equal('Envoyer');
    expect($(el, '.empty .greeting')!.textContent!.trim()).to.equal('有什麼可以幫忙的嗎？');
    expect($(el, '.empty .greeting + p')!.textContent!.trim()).to.equal('提出問題即可開始對話。');
  });

  it("scripted engine: errors show in the element's language; the event keeps the English words", async () => {
    const engine = new ScriptedEngine({ loadError: { name: 'DeviceLostError', message: 'Device was lost' } });
    const el = await fixture<AiChat>(html`<ai-chat lang="zh-TW" .engine=${engine}></ai-chat>`);
    const errors = record<AiChatErrorEvent>(el, 'ai-chat-error');
    await el.load().catch(() => undefined);
    await el.updateComplete;
    expect(errors[0]!.code).to.equal('device-lost');
    expect(errors[0]!.message).to.equal('The GPU device was lost: DeviceLostError: Device was lost');
    expect($(el, '[part="error"] p')!.textContent).to.equal(
      '顯示晶片停止運作了。請再試一次；關閉其他分頁可能有幫助。',
    );
    el.strings = { errorDeviceLost: 'GPU perdu.' };
    await el.updateComplete;
    expect($(el, '[part="error"] p')!.textContent).to.equal('GPU perdu.');
  });

  it('scripted engine: right-to-left text (Arabic, Hebrew) runs right to left in messages and the input', async () => {
    await markdownReady();
    const arabic = 'مرحبا، كيف حالك؟';
    const hebrew = 'שלום, מה שלומך?';
    const { el } = await scriptedChat({ replies: [{ text: `${hebrew}\n\nEnglish paragraph.` }] });
    await el.send(arabic);
    await el.updateComplete;
    const [user, assistant] = $$(el, '[part~="message"] .content');
    expect(getComputedStyle(user!).direction).to.equal('rtl');
    expect(getComputedStyle(assistant!).direction).to.equal('rtl');
    const paragraphs = [...assistant!.querySelectorAll('p')];
    expect(paragraphs.map((p) => getComputedStyle(p).unicodeBidi)).to.deep.equal(['plaintext', 'plaintext']);
    const textarea = $<HTMLTextAreaElement>(el, 'textarea')!;
    textarea.value = hebrew;
    expect(textarea.matches(':dir(rtl)')).to.equal(true);
    textarea.value = 'hello';
    expect(textarea.matches(':dir(ltr)')).to.equal(true);
  });
});
