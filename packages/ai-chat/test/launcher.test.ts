// `<ai-chat launcher>`: a round button in the page's corner; the chat opens as a panel anchored to
// it (the whole screen below 480 px). Nothing is checked or started before the visitor shows
// interest; Escape and the close button close it and give focus back to the button; the
// conversation stays between openings. Real Chromium, the scripted worker behind the real protocol.
import { expect, fixture, html } from '@open-wc/testing';
import { sendKeys, setViewport } from '@web/test-runner-commands';
import type { AiChat } from '../src/ai-chat.js';
import { liveWorkers } from '../src/engine/page/pool.js';
import {
  $,
  expectEveryWorkerEnded,
  record,
  SCRIPTED_WORKER,
  scriptedChat,
  waitForStatus,
  waitUntil,
} from './helpers.js';

/** A launcher on the page (not through `fixture`: it does not update before the visitor's interest). */
async function launcher(inner = '') {
  const page = await fixture<HTMLDivElement>(html`<div><p>The page's own text.</p></div>`);
  const el = document.createElement('ai-chat') as AiChat;
  el.setAttribute('launcher', '');
  el.setAttribute('model', 'Scripted-1B-Instruct-q4f32_1-MLC');
  el.setAttribute('worker-url', SCRIPTED_WORKER);
  el.innerHTML = inner;
  const statuses = record(el, 'ai-chat-status');
  page.append(el);
  await waitUntil(() => $(el, 'button.launcher'), 'the launcher button');
  const button = $<HTMLButtonElement>(el, 'button.launcher')!;
  const panel = () => $(el, '[part="launcher-panel"]');
  const open = () => !!panel() && !panel()!.hidden;
  return { el, button, panel, open, statuses };
}

describe('<ai-chat launcher> (scripted worker)', () => {
  afterEach(async () => {
    await setViewport({ width: 800, height: 600 });
    await expectEveryWorkerEnded();
  });

  it('scripted worker: a round, named button in the bottom-right corner; nothing checked, no worker, no box in the page until the visitor shows interest', async () => {
    await setViewport({ width: 1280, height: 800 });
    const { el, button, statuses } = await launcher();
    await new Promise((resolve) => requestAnimationFrame(resolve));
    const box = button.getBoundingClientRect();
    expect([Math.round(innerWidth - box.right), Math.round(innerHeight - box.bottom)]).to.deep.equal([
      20, 20,
    ]);
    expect([box.width, box.height]).to.deep.equal([56, 56]);
    expect(getComputedStyle(button).borderRadius).to.equal('999px');
    expect(button.getAttribute('aria-expanded')).to.equal('false');
    expect(button.querySelector('.name')!.textContent).to.equal('Open chat');
    expect(el.getBoundingClientRect().height, 'no box of its own in the page').to.equal(0);
    expect(liveWorkers()).to.equal(0);
    expect(statuses).to.deep.equal([]);
    expect(el.modelInfo).to.equal(undefined);
    await expect(el).to.be.accessible();
  });

  it('scripted worker: a click opens the panel above the button with the consent card and focus in it; Escape closes it and focus is back on the button', async () => {
    await setViewport({ width: 1280, height: 800 });
    const { el, button, panel, open } = await launcher();
    button.focus();
    await sendKeys({ press: 'Enter' });
    await waitUntil(
      () => open() && $(el, '[part="consent"] [data-focus="consent"]'),
      'the panel, with consent',
    );
    await waitUntil(() => el.shadowRoot!.activeElement?.matches('[data-focus]'), 'focus in the panel');
    expect(button.getAttribute('aria-expanded')).to.equal('true');
    expect(button.querySelector('.name')!.textContent).to.equal('Close chat');
    const box = panel()!.getBoundingClientRect();
    expect(box.bottom, 'above the button').to.be.at.most(button.getBoundingClientRect().top);
    expect(innerWidth - box.right).to.be.closeTo(20, 1);
    expect(panel()!.getAttribute('role')).to.equal('dialog');
    await Promise.all(
      panel()!
        .getAnimations()
        .map((a) => a.finished),
    ); // axe reads colours once it has faded in
    await expect(el).to.be.accessible();
    await sendKeys({ press: 'Escape' });
    await el.updateComplete;
    expect(open()).to.equal(false);
    expect(el.shadowRoot!.activeElement).to.equal(button);
    expect(button.getAttribute('aria-expanded')).to.equal('false');
    await el.unload();
  });

  it('scripted worker: below 480 px the panel takes the whole screen; its close button closes it; the conversation is there at the next opening', async () => {
    await setViewport({ width: 360, height: 700 });
    const { el, button, panel, open } = await launcher();
    button.click();
    await waitUntil(() => open() && el.modelInfo, 'open, checked');
    await Promise.all(
      panel()!
        .getAnimations()
        .map((a) => a.finished),
    );
    expect(JSON.stringify(panel()!.getBoundingClientRect())).to.equal(
      JSON.stringify(new DOMRect(0, 0, 360, 700)),
    );
    await el.load();
    await el.send('Remember me');
    await el.updateComplete;
    $<HTMLButtonElement>(el, '[part="launcher-panel"] .close')!.click();
    await el.updateComplete;
    expect(open()).to.equal(false);
    expect(el.shadowRoot!.activeElement).to.equal(button);
    button.click();
    await waitUntil(() => open(), 'open again');
    expect(el.messages.map((m) => m.content)).to.deep.equal(['Remember me', 'Worker reply to: Remember me']);
    expect($(el, '[part~="message-user"]')!.textContent).to.contain('Remember me');
    await waitForStatus(el, 'ready');
    await el.unload();
  });

  it('scripted worker: pointing at the button (or focusing it) starts the check, before any click; a label slotted by the page names it', async () => {
    const { el, button, statuses, open } = await launcher('<span slot="launcher-label">Ask us</span>');
    const slot = button.querySelector('slot')!;
    expect(slot.assignedNodes().map((n) => n.textContent)).to.deep.equal(['Ask us']);
    expect(button.getBoundingClientRect().width, 'a pill with its label').to.be.greaterThan(80);
    button.dispatchEvent(new PointerEvent('pointerenter'));
    await waitUntil(() => el.modelInfo, 'checked on hover');
    expect(statuses.map((e) => (e as Event & { status: string }).status)).to.include('checking');
    expect(open()).to.equal(false);
    await el.unload();
  });

  it('scripted engine: an inline element on screen set to launcher becomes a closed launcher at once, its conversation kept', async () => {
    const { el } = await scriptedChat({ replies: [{ text: 'Kept.' }] });
    await el.send('Before');
    el.launcher = true;
    await el.updateComplete;
    expect(el.hasAttribute('launcher')).to.equal(true);
    const panel = $(el, '[part="launcher-panel"]')!;
    expect(panel.hidden).to.equal(true);
    expect($(el, 'button.launcher')!.getAttribute('aria-expanded')).to.equal('false');
    $<HTMLButtonElement>(el, 'button.launcher')!.click();
    await el.updateComplete;
    expect(panel.hidden).to.equal(false);
    expect(panel.textContent).to.contain('Kept.');
  });
});
