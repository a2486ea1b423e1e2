// Its own file, so its own page: the script tag's loader (`src/cdn.ts`) runs on a page whose only
// `<ai-chat>` is a launcher, and the element is not defined when the test starts.
import { expect, waitUntil } from '@open-wc/testing';

const WORKER = new URL('../src/testing/scripted-worker.js', import.meta.url).href;
const wait = (test: () => unknown, message: string) => waitUntil(test, message, { timeout: 10_000 });
/** Modules of the element (not of the loader) the page has fetched. */
const elementFetched = () =>
  performance
    .getEntriesByType('resource')
    .map((entry) => new URL(entry.name).pathname)
    .filter((path) => /\/src\/(ai-chat|index|controllers\/model-controller)\.(js|ts)$/.test(path));

describe('the script tag on a page with a launcher (scripted worker)', () => {
  it('scripted worker: the loader draws the button alone (no element code, nothing checked); interest fetches the element, which keeps that button; the click opens the chat', async () => {
    const el = document.createElement('ai-chat') as HTMLElement & { status?: string };
    el.setAttribute('launcher', '');
    el.setAttribute('model', 'Scripted-1B-Instruct-q4f32_1-MLC');
    el.setAttribute('worker-url', WORKER);
    const statuses: string[] = [];
    el.addEventListener('ai-chat-status', (e) => statuses.push((e as Event & { status: string }).status));
    document.body.append(el);
    await import('../src/cdn.js');

    await wait(() => el.shadowRoot?.querySelector('button.launcher'), 'the loader drew the button');
    const button = el.shadowRoot!.querySelector<HTMLButtonElement>('button.launcher')!;
    expect(getComputedStyle(button).position).to.equal('fixed');
    expect(button.querySelector('.name')!.textContent).to.equal('Open chat');
    expect(customElements.get('ai-chat')).to.equal(undefined);
    expect(elementFetched()).to.deep.equal([]);
    expect(statuses).to.deep.equal([]);

    // At the upgrade (before the element's launcher chunk can arrive), the button keeps its look.
    const atUpgrade = customElements.whenDefined('ai-chat').then(() => getComputedStyle(button).position);
    button.click();
    await wait(() => customElements.get('ai-chat'), 'the element, fetched on interest');
    expect(await atUpgrade, 'styled at the upgrade').to.equal('fixed');
    await wait(
      () => el.shadowRoot!.querySelector('[part="launcher-panel"]:not([hidden]) [part="consent"] button'),
      'the panel opened by that click, with the consent card',
    );
    expect(el.shadowRoot!.querySelectorAll('button.launcher').length).to.equal(1);
    expect(el.shadowRoot!.querySelector('button.launcher'), 'the same button').to.equal(button);
    expect(getComputedStyle(button).position, 'still styled').to.equal('fixed');
    expect(button.getAttribute('aria-expanded')).to.equal('true');
    // The check before consent starts after the panel's first paint.
    await wait(() => statuses.length > 0, 'the check before consent');
    expect(statuses[0]).to.equal('checking');
    await (el as unknown as { unload(): Promise<void> }).unload();
    el.remove();
  });
});
