import { expect, fixture, html } from '@open-wc/testing';
import type { AiChat } from '../src/ai-chat.js';
import { markdownReady } from '../src/render/markdown-directive.js';
import { $$, ScriptedEngine } from './helpers.js';

declare global {
  interface Window {
    __pwned?: unknown;
  }
}

/** Known XSS payloads: raw HTML, Markdown links and images, SVG, entity and parser tricks. */
const PAYLOADS = [
  '<script>window.__pwned=1</script>',
  '<img src=x onerror="window.__pwned=1">',
  '<img src="x" onerror="&#119;indow.__pwned=1">',
  '<svg onload="window.__pwned=1"></svg>',
  '<svg><script>window.__pwned=1</script></svg>',
  '<svg><a xlink:href="javascript:window.__pwned=1"><text y="20">x</text></a></svg>',
  '<svg><animate onbegin="window.__pwned=1" attributeName="x" dur="1s"/></svg>',
  '<math><mtext><table><mglyph><style><img src=x onerror=window.__pwned=1>',
  '<noscript><p title="</noscript><img src=x onerror=window.__pwned=1>">',
  '<iframe src="javascript:window.parent.__pwned=1"></iframe>',
  '<iframe srcdoc="<script>parent.__pwned=1</script>"></iframe>',
  '<object data="javascript:window.__pwned=1"></object>',
  '<embed src="javascript:window.__pwned=1">',
  '<form action="javascript:window.__pwned=1"><button>go</button></form>',
  '<input autofocus onfocus="window.__pwned=1">',
  '<details open ontoggle="window.__pwned=1"><summary>x</summary></details>',
  '<video><source onerror="window.__pwned=1"></video>',
  '<body onload="window.__pwned=1">',
  '<marquee onstart="window.__pwned=1">x</marquee>',
  '<style>*{display:none!important}</style>',
  '<div style="position:fixed;inset:0;background:red;z-index:9999">cover</div>',
  '<link rel="stylesheet" href="/evil.css">',
  '<meta http-equiv="refresh" content="0;url=javascript:window.__pwned=1">',
  '<base href="javascript:/">',
  '<template><script>window.__pwned=1</script></template>',
  '<scr<script>ipt>window.__pwned=1</script>',
  '<<script>script>window.__pwned=1<</script>/script>',
  '<a href="javascript:window.__pwned=1">html link</a>',
  '<a href="  javascript:window.__pwned=1">spaced</a>',
  '<a href="&#x6A;avascript:window.__pwned=1">entity</a>',
  '<a href="javascript&colon;window.__pwned=1">colon entity</a>',
  '<a href="data:text/html,<script>parent.__pwned=1</script>">data</a>',
  '[md link](javascript:window.__pwned=1)',
  '[md link](JaVaScRiPt:window.__pwned=1)',
  '[md link](&#106;avascript:window.__pwned=1)',
  '[md link](javascript&#58;window.__pwned=1)',
  '[md link](vbscript:msgbox(1))',
  '[md link](data:text/html;base64,PHNjcmlwdD5wYXJlbnQuX19wd25lZD0xPC9zY3JpcHQ+)',
  '[md link](https://example.com "t\\" onmouseover=\\"window.__pwned=1")',
  '<javascript:window.__pwned=1>',
  '[ref link][1]\n\n[1]: javascript:window.__pwned=1',
  '![md image](javascript:window.__pwned=1)',
  '![md image](x" onerror="window.__pwned=1)',
  '![md image](data:image/svg+xml;base64,PHN2ZyBvbmxvYWQ9InBhcmVudC5fX3B3bmVkPTEiLz4=)',
  '`<script>window.__pwned=1</script>`',
  '```html\n<script>window.__pwned=1</script>\n```',
  '<textarea><img src=x onerror=window.__pwned=1></textarea>',
  '<a id="__pwned" name="__pwned">clobber</a>',
];

const FORBIDDEN =
  'script, iframe, object, embed, form, style, link, meta, base, svg, math, input, textarea, template, video, audio, source, frame, frameset, noscript';

/** Everything dangerous in the message log (the element's own form lives outside it), described. */
function dangers(shadow: ParentNode): string[] {
  const log = shadow.querySelector('[part~="messages"]');
  if (!log) return ['no message log'];
  return dangersIn(log.querySelectorAll('*'));
}

/** What a batch of mutations added or changed inside the log: only those elements are checked. */
function changedIn(shadow: ParentNode, records: MutationRecord[]): Element[] {
  const log = shadow.querySelector('[part~="messages"]');
  const changed = new Set<Element>();
  for (const record of records) {
    const nodes = record.type === 'childList' ? [...record.addedNodes] : [record.target];
    for (const node of nodes) {
      const element = node instanceof Element ? node : node.parentElement;
      if (!element || !log?.contains(element) || !element.isConnected) continue;
      changed.add(element);
      for (const inner of element.querySelectorAll('*')) changed.add(inner);
    }
  }
  return [...changed];
}

function dangersIn(elements: Iterable<Element>): string[] {
  const found: string[] = [];
  for (const element of elements) {
    if (element.matches(FORBIDDEN)) found.push(`<${element.localName}>`);
    for (const attr of element.attributes) {
      if (/^on/i.test(attr.name)) found.push(`${element.localName}[${attr.name}]`);
      if (
        ['style', 'id', 'name', 'srcdoc', 'formaction', 'action'].includes(attr.name) &&
        element.closest('.markdown')
      )
        found.push(`${element.localName}[${attr.name}] in a message`);
      if (
        ['href', 'src', 'xlink:href', 'data', 'action'].includes(attr.name) &&
        // eslint-disable-next-line no-control-regex
        /^\s*(?:javascript|data|vbscript):/i.test(attr.value.replace(/[\u0000-\u0020]/g, ''))
      )
        found.push(`${element.localName}[${attr.name}=${attr.value}]`);
    }
    if (element.localName === 'a' && element.closest('.markdown')) {
      const a = element as HTMLAnchorElement;
      if (a.rel !== 'noopener noreferrer' || a.target !== '_blank')
        found.push(`a without rel/target: ${a.outerHTML}`);
    }
  }
  return found;
}

/**
 * Resolves once the browser has run what a payload that survived would have set off by now: a probe
 * image with the payloads' own `src=x` has failed (an image's `onerror`), then two frames have been
 * rendered (autofocus, `toggle`, animations) and a task has run after them.
 */
async function handlersRan(): Promise<void> {
  const probe = new Image();
  const failed = new Promise((resolve) => (probe.onerror = resolve));
  probe.src = new URL('x', document.baseURI).href;
  await failed;
  for (let frame = 0; frame < 2; frame++) await new Promise(requestAnimationFrame);
  const { port1, port2 } = new MessageChannel();
  await new Promise((resolve) => {
    port1.onmessage = resolve;
    port2.postMessage(undefined);
  });
  port1.close();
}

/** Cut text into chunks of `size` characters: a payload only becomes whole when chunks join. */
const chunks = (text: string, size: number) => text.match(new RegExp(`[\\s\\S]{1,${size}}`, 'g')) ?? [];

async function hostileChat(attrs: { allowImages: boolean }, replies: string[][]) {
  await markdownReady();
  const engine = new ScriptedEngine({ replies: replies.map((text) => ({ text, tokenDelayMs: 0 })) });
  const el = await fixture<AiChat>(
    html`<ai-chat .engine=${engine} ?allow-images=${attrs.allowImages}></ai-chat>`,
  );
  const seen: string[] = [];
  // Check every node the moment it is added or changed, not only the final DOM (only what changed:
  // scanning the whole log on every chunk made a long hostile conversation quadratic).
  const observer = new MutationObserver((records) =>
    seen.push(...dangersIn(changedIn(el.shadowRoot!, records))),
  );
  observer.observe(el.shadowRoot!, { subtree: true, childList: true, attributes: true, characterData: true });
  return { el, seen, stop: () => observer.disconnect() };
}

describe('hostile model output (scripted engine)', () => {
  beforeEach(() => delete window.__pwned);

  // In batches, so that each test streams a few hundred chunks (all of them in one test took 7 s
  // here, and over 20 s on a loaded machine).
  const BATCH = 16;
  for (const size of [3, 7]) {
    for (let from = 0; from < PAYLOADS.length; from += BATCH) {
      const batch = PAYLOADS.slice(from, from + BATCH);
      it(`scripted engine: XSS payloads ${from + 1}–${from + batch.length} of ${PAYLOADS.length} streamed in ${size}-character chunks run nothing and inject nothing`, async () => {
        const replies = batch.map((payload) => chunks(`Look: ${payload}\n\nafter`, size));
        const { el, seen, stop } = await hostileChat({ allowImages: false }, replies);
        for (const payload of batch) await el.send(`show me ${payload.length}`);
        await handlersRan(); // let error/load handlers fire, had any survived
        stop();
        expect(seen, 'dangerous nodes seen while streaming').to.deep.equal([]);
        expect(dangers(el.shadowRoot!)).to.deep.equal([]);
        expect(window.__pwned).to.equal(undefined);
        const assistant = $$(el, '[part~="message-assistant"] .content');
        expect(assistant.length).to.equal(batch.length);
        expect(assistant.every((m) => m.classList.contains('markdown'))).to.equal(true);
        expect(el.shadowRoot!.querySelectorAll('img').length).to.equal(0);
        // Raw HTML stays visible as text: the reader sees what the model wrote.
        if (from === 0) expect(assistant[0]!.textContent).to.contain('<script>window.__pwned=1</script>');
      });
    }
  }

  it('scripted engine: a payload split exactly where it becomes dangerous stays harmless once the halves join', async () => {
    const replies = [
      ['<scr', 'ipt>window.__pwned=1</scr', 'ipt>'],
      ['[x](java', 'script:window.__pwned=1)'],
      ['<img src=x on', 'error=window.__pwned=1>'],
      ['[x](javascript', '&#58;window.__pwned=1)'],
      ['<a href="java', '&#x73;cript:window.__pwned=1">x</a>'],
      ['```\n', '<script>window.__pwned=1</script>\n', '``', '`\n\n<svg onload=window.__pwned=1>'],
    ];
    const { el, seen, stop } = await hostileChat({ allowImages: false }, replies);
    for (let i = 0; i < replies.length; i++) await el.send(`part ${i}`);
    await handlersRan();
    stop();
    expect(seen).to.deep.equal([]);
    expect(dangers(el.shadowRoot!)).to.deep.equal([]);
    expect(window.__pwned).to.equal(undefined);
    const links = [...el.shadowRoot!.querySelectorAll('.markdown a')];
    expect(links.every((a) => !a.hasAttribute('href'))).to.equal(true);
  });

  it('scripted engine: with allow-images, images load only from http(s), without handlers or referrer', async () => {
    const replies = PAYLOADS.filter((p) => /img|image/i.test(p)).map((p) => chunks(p, 4));
    replies.push(chunks('![cat](https://127.0.0.1:1/cat.png)', 4));
    const { el, seen, stop } = await hostileChat({ allowImages: true }, replies);
    for (let i = 0; i < replies.length; i++) await el.send(`image ${i}`);
    await handlersRan();
    stop();
    expect(seen).to.deep.equal([]);
    expect(window.__pwned).to.equal(undefined);
    const images = [...el.shadowRoot!.querySelectorAll('img')];
    expect(images.length).to.be.greaterThan(0);
    for (const img of images) {
      const src = img.getAttribute('src');
      if (src !== null) expect(src).to.match(/^https?:/);
      expect(img.getAttribute('referrerpolicy')).to.equal('no-referrer');
    }
    expect(images.some((img) => img.getAttribute('src') === 'https://127.0.0.1:1/cat.png')).to.equal(true);
  });
});
