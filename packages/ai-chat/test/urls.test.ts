import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import type { AiChat } from '../src/ai-chat.js';
import type { AiChatErrorEvent } from '../src/events.js';
import { $, SCRIPTED_WORKER } from './helpers.js';
import { resolveSpecUrls, resolveUrl } from '../src/engine/page/urls.js';
import type { ModelSpec } from '../src/engine/protocol.js';
import { checkUrls } from '../src/state/settings.js';
import { readIndex } from '../src/engine/worker/webllm/model-index.js';

describe('pure: resolveUrl (URLs resolve against the page, not the worker)', () => {
  const page = 'https://site.example/docs/chat/page.html';
  const table: Array<[string, string, string | undefined]> = [
    ['a folder-relative model-url', 'models/ok/', 'https://site.example/docs/chat/models/ok/'],
    ['a root-relative model-url', '/m/ok/', 'https://site.example/m/ok/'],
    ['a parent-relative URL', '../lib/x.wasm', 'https://site.example/docs/lib/x.wasm'],
    ['an absolute URL stays', 'https://cdn.example/m/', 'https://cdn.example/m/'],
    ['spaces around are trimmed', '  m/ok/ ', 'https://site.example/docs/chat/m/ok/'],
    ['an unparsable URL', 'http://[::1', undefined],
  ];
  for (const [name, value, expected] of table)
    it(name, () => expect(resolveUrl(value, page)).to.equal(expected));

  it('resolveSpecUrls makes both URLs absolute and leaves the rest', () => {
    const spec: ModelSpec = { model: 'x', modelUrl: 'm/', modelLibUrl: '/l.wasm' };
    expect(resolveSpecUrls(spec, page)).to.deep.equal({
      model: 'x',
      modelUrl: 'https://site.example/docs/chat/m/',
      modelLibUrl: 'https://site.example/l.wasm',
    });
    const auto: ModelSpec = { model: 'auto' };
    expect(resolveSpecUrls(auto, page)).to.deep.equal({ model: 'auto' });
  });
});

describe('pure: checkUrls (URL attributes)', () => {
  const base = 'https://site.example/page.html';
  const table: Array<[string, Record<string, unknown>, string[]]> = [
    ['unset is fine', { modelUrl: undefined, modelLibUrl: undefined, workerUrl: undefined }, []],
    [
      'http, https and relative are fine',
      { modelUrl: 'm/', modelLibUrl: 'https://x/l.wasm', workerUrl: '/w.js' },
      [],
    ],
    [
      'javascript: is refused',
      { modelUrl: 'javascript:alert(1)', modelLibUrl: '', workerUrl: '' },
      ['model-url'],
    ],
    [
      'data: is refused',
      { modelUrl: '', modelLibUrl: 'data:application/wasm,00', workerUrl: '' },
      ['model-lib-url'],
    ],
    ['unparsable is refused', { modelUrl: 'http://[::1', modelLibUrl: '', workerUrl: '' }, ['model-url']],
    ['file: is refused', { modelUrl: 'file:///m/', modelLibUrl: '', workerUrl: '' }, ['model-url']],
    [
      'a worker from blob: is fine',
      { modelUrl: '', modelLibUrl: '', workerUrl: 'blob:https://site.example/1' },
      [],
    ],
    [
      'a number is refused',
      { modelUrl: 5, modelLibUrl: '', workerUrl: 'data:text/javascript,1' },
      ['model-url', 'worker-url'],
    ],
  ];
  for (const [name, raw, attributes] of table)
    it(name, () => expect(checkUrls(raw as never, base).map((p) => p.attribute)).to.deep.equal(attributes));
});

describe('pure: readIndex (tensor-cache.json)', () => {
  const base = 'https://h.example/models/m/resolve/main/';
  const rec = (extra: Record<string, unknown>) => ({ records: [{ dataPath: 'a.bin', nbytes: 4, ...extra }] });
  const table: Array<[string, unknown, string | undefined]> = [
    ['a good record', rec({}), undefined],
    ['an md5sum of 32 hex digits', rec({ md5sum: 'ABCDEF0123456789abcdef0123456789' }), undefined],
    ['an empty md5sum', rec({ md5sum: '' }), undefined],
    ['a zero size', rec({ nbytes: 0 }), undefined],
    ['a negative size', rec({ nbytes: -5e9 }), 'whole number'],
    ['a string size', rec({ nbytes: 'abc' }), 'whole number'],
    ['a null size', rec({ nbytes: null }), 'whole number'],
    ['a fractional size', rec({ nbytes: 1.5 }), 'whole number'],
    ['a size beyond safe integers', rec({ nbytes: 2 ** 60 }), 'whole number'],
    ['a path out of the folder', rec({ dataPath: '../../x.bin' }), 'outside'],
    ['an encoded path out of the folder', rec({ dataPath: '%2e%2e/%2e%2e/x.bin' }), 'outside'],
    ['another host', rec({ dataPath: 'https://evil.example/x.bin' }), 'outside'],
    ['a root path', rec({ dataPath: '/x.bin' }), 'outside'],
    ['no dataPath', rec({ dataPath: '' }), 'no dataPath'],
    ['a bad md5sum', rec({ md5sum: 'xyz' }), 'md5sum'],
    ['no records', {}, 'no list'],
    ['not an object', 'x', 'no list'],
  ];
  for (const [name, value, problem] of table)
    it(name, () => {
      if (problem === undefined) expect(readIndex(value, base)[0]!.url).to.equal(`${base}a.bin`);
      else expect(() => readIndex(value, base)).to.throw(problem);
    });
});

describe('URL attributes on the element (scripted worker)', () => {
  for (const [attribute, value] of [
    ['model-url', 'javascript:alert(1)'],
    ['model-lib-url', 'data:application/wasm;base64,AGFzbQ=='],
    ['model-url', 'http://[::1'],
  ] as const) {
    it(`scripted worker: ${attribute}="${value}" fires invalid-attribute naming it, shows it, and never an engine error`, async () => {
      const errors: AiChatErrorEvent[] = [];
      const el = await fixture<AiChat>(html`<ai-chat worker-url=${SCRIPTED_WORKER}></ai-chat>`);
      el.addEventListener('ai-chat-error', (e) => errors.push(e));
      el.setAttribute(attribute, value);
      await el.updateComplete;
      expect(errors.map((e) => e.code)).to.deep.equal(['invalid-attribute']);
      expect(errors[0]!.message).to.contain(`${attribute}="${value}" is not valid`);
      expect($(el, '[part="error"]')!.textContent).to.contain('is not valid');
      await waitUntil(() => el.modelInfo !== undefined || el.status === 'error', 'checked', {
        timeout: 10000,
      });
      expect(errors.filter((e) => e.code !== 'invalid-attribute')).to.deep.equal([]);
      await el.unload();
    });
  }
});
