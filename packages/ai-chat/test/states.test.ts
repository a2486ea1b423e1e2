// One state at a time, focus after every action, Enter that says why, and axe in every state,
// light and dark: through the real worker protocol (a scripted engine in the worker).
import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import type { AiChat } from '../src/ai-chat.js';
import { $, SCRIPTED_WORKER, ScriptedEngine, waitForStatus, expectEveryWorkerEnded } from './helpers.js';

const MODEL = 'Llama-3.2-1B-Instruct-q4f16_1-MLC';

async function chat(query = '', theme?: 'light' | 'dark') {
  const el = await fixture<AiChat>(
    html`<ai-chat
      model=${MODEL}
      worker-url=${`${SCRIPTED_WORKER}${query}`}
      theme=${theme ?? 'light'}
    ></ai-chat>`,
  );
  await waitUntil(() => (el.modelInfo && el.status === 'idle') || el.status === 'error', 'the preflight');
  await el.updateComplete;
  return el;
}

const focused = (el: AiChat) => el.shadowRoot!.activeElement as HTMLElement | null;
const panels = (el: AiChat) =>
  ['consent', 'progress', 'error']
    .filter((part) => $(el, `[part="${part}"]`))
    .concat($(el, '.log-wrap:not([hidden])') ? ['log'] : []);

async function pressEnterWith(el: AiChat, text: string) {
  $<HTMLTextAreaElement>(el, 'textarea')!.focus();
  await sendKeys({ type: text });
  await sendKeys({ press: 'Enter' });
  await el.updateComplete;
}

describe('<ai-chat> states and focus (worker protocol)', () => {
  afterEach(async () => {
    // A worker that outlives its test fails it.
    await expectEveryWorkerEnded();
  });

  for (const theme of ['light', 'dark'] as const)
    it(`worker protocol: consent, then downloading: one card at a time, focus follows, Enter says why, axe passes (${theme})`, async () => {
      const el = await chat('?stall=download', theme);
      expect(panels(el)).to.deep.equal(['consent']);
      expect($(el, '[part="consent"] .model-name')!.textContent!.trim()).to.equal('Llama 3.2 · 1B');
      await expect(el).to.be.accessible();
      await pressEnterWith(el, 'hello');
      expect($(el, '.notice')!.textContent).to.contain('Start the chat above first');
      expect($<HTMLTextAreaElement>(el, 'textarea')!.value, 'the text is kept').to.equal('hello');
      $(el, '[data-focus="consent"]')!.click();
      await waitForStatus(el, 'downloading');
      await el.updateComplete;
      expect(panels(el)).to.deep.equal(['progress']);
      expect(focused(el), 'focus in the input after consent').to.equal($(el, 'textarea'));
      await expect(el).to.be.accessible();
      await sendKeys({ press: 'Enter' });
      await el.updateComplete;
      expect($(el, '.notice')!.textContent).to.contain('still starting');
      // Cancel: back to the consent card, focus on its button, which now says what is left.
      $(el, '[data-focus="cancel"]')!.click();
      await waitForStatus(el, 'idle');
      await waitUntil(() => focused(el) === $(el, '[data-focus="consent"]'), 'focus on the consent button');
      expect(panels(el)).to.deep.equal(['consent']);
      expect($(el, '[part="consent"]')!.textContent).to.match(/left to download \(of 3 MB\)/);
    });

  for (const theme of ['light', 'dark'] as const)
    it(`worker protocol: the check before consent keeps the consent card; checking after consent offers no Cancel; checking and starting pass axe (${theme})`, async () => {
      const el = await fixture<AiChat>(
        html`<ai-chat
          model=${MODEL}
          theme=${theme}
          worker-url=${`${SCRIPTED_WORKER}?stall=preflight`}
        ></ai-chat>`,
      );
      await waitForStatus(el, 'checking');
      await el.updateComplete;
      // Before consent, the check only fills in the consent card: no progress card flashes by.
      expect(panels(el)).to.deep.equal(['consent']);
      el.load().catch(() => undefined);
      await el.updateComplete;
      expect(panels(el)).to.deep.equal(['progress']);
      expect($(el, '[part="progress"] button')).to.equal(null);
      await expect(el).to.be.accessible();
      await el.unload();
      const loading = await chat('?stall=load', theme);
      loading.load().catch(() => undefined);
      await waitForStatus(loading, 'loading');
      await loading.updateComplete;
      expect(panels(loading)).to.deep.equal(['progress']);
      // After a download, the start fills the last tenth of the bar: it never goes back.
      expect($<HTMLProgressElement>(loading, 'progress')!.value).to.be.at.least(0.9);
      await expect(loading).to.be.accessible();
      await loading.unload();
    });

  for (const theme of ['light', 'dark'] as const)
    it(`worker protocol: a failed load shows the error card alone; Try again moves focus on, Dismiss goes back to the consent button (${theme})`, async () => {
      const el = await chat('?loadError=NetworkError&loadErrorMessage=Failed%20to%20fetch', theme);
      await el.load().catch(() => undefined);
      await el.updateComplete;
      expect(panels(el)).to.deep.equal(['error']);
      expect($(el, '[part="error"]')!.textContent).to.contain('Check your connection and try again');
      await expect(el).to.be.accessible();
      await pressEnterWith(el, 'hi');
      expect($(el, '.notice')!.textContent).to.contain('cannot send right now');
      $(el, '[data-focus="retry"]')!.click();
      await waitUntil(() => el.status === 'error' && $(el, '[part="error"]'), 'fails again');
      await el.updateComplete;
      $(el, '[part="error"] button.link')!.click();
      await waitForStatus(el, 'idle');
      await waitUntil(
        () => focused(el) === $(el, '[data-focus="consent"]'),
        'focus on the consent button after Dismiss',
      );
      expect(panels(el)).to.deep.equal(['consent']);
      await el.unload();
    });

  it('worker protocol: an error that needs another device offers no Dismiss and no way back to a download that cannot work', async () => {
    const el = await chat(
      '?loadError=WebGPUNotAvailableError&loadErrorMessage=WebGPU%20is%20not%20supported',
    );
    await el.load().catch(() => undefined);
    await el.updateComplete;
    expect(el.status).to.equal('error');
    expect(panels(el)).to.deep.equal(['error']);
    const card = $(el, '[part="error"]')!;
    expect(card.textContent).to.contain('it needs WebGPU');
    expect(card.querySelectorAll('button').length).to.equal(0);
    expect($(el, '[part="consent"]')).to.equal(null);
    await el.unload();
  });

  for (const theme of ['light', 'dark'] as const)
    it(`scripted engine: ready, then generating with the typing indicator: the chat alone, Stop puts focus back in the input; axe passes (${theme})`, async () => {
      const engine = new ScriptedEngine({
        replies: [
          { text: 'Sure: **one** and `two`.' },
          { text: 'w '.repeat(100), firstTokenDelayMs: 300, tokenDelayMs: 30 },
        ],
      });
      const el = await fixture<AiChat>(html`<ai-chat show-stats theme=${theme} .engine=${engine}></ai-chat>`);
      expect(panels(el)).to.deep.equal(['log']);
      await el.send('hello');
      await el.updateComplete;
      await expect(el).to.be.accessible();
      const reply = el.send('more');
      await waitUntil(() => $(el, '.typing'), 'typing indicator');
      await expect(el).to.be.accessible();
      await waitUntil(() => $(el, '[data-streaming] .content'), 'streaming');
      $(el, '[part="stop-button"]')!.click();
      await reply;
      await waitUntil(() => focused(el) === $(el, 'textarea'), 'focus in the input after Stop');
      expect(panels(el)).to.deep.equal(['log']);
    });
});
