import { expect, fixture, html } from '@open-wc/testing';
import type { AiChat } from '../src/ai-chat.js';
import type { AiChatErrorEvent } from '../src/events.js';
import { readInputs, type InputSource } from '../src/state/inputs.js';
import { shown } from '../src/state/settings.js';
import { record, SCRIPTED_WORKER, ScriptedEngine, visibleMessages, waitUntil } from './helpers.js';

// Values a page can only set from code, none of which is text or a number: each is said as
// invalid-attribute, the default is used, and the element goes on rendering and answering.
const exotic: Array<[string, () => unknown]> = [
  ['Object.create(null)', () => Object.create(null) as unknown],
  ['a Symbol', () => Symbol('x')],
  [
    'an object whose toString throws',
    () => ({
      toString: () => {
        throw new Error('no');
      },
    }),
  ],
  ['a BigInt', () => 10n ** 40n],
];
const PROPERTIES = [
  'maxTokens',
  'temperature',
  'latencyThreshold',
  'maxModelSize',
  'maxMemory',
  'theme',
  'lang',
  'model',
  'runtime',
  'modelUrl',
  'placeholder',
  'systemPrompt',
  'persist',
  'strings',
] as const;

describe('every property value is type-checked as attributes are (scripted engine)', () => {
  for (const [what, make] of exotic)
    it(`scripted engine: ${what} in every property is invalid-attribute, then the default; send() answers; no unhandled rejection`, async () => {
      const unhandled: unknown[] = [];
      const onRejection = (event: PromiseRejectionEvent) => unhandled.push(event.reason);
      const onError = (event: ErrorEvent) => unhandled.push(event.error);
      window.addEventListener('unhandledrejection', onRejection);
      window.addEventListener('error', onError);
      try {
        const engine = new ScriptedEngine();
        const el = await fixture<AiChat>(html`<ai-chat .engine=${engine}></ai-chat>`);
        const errors = record<AiChatErrorEvent>(el, 'ai-chat-error');
        for (const key of PROPERTIES) (el as unknown as Record<string, unknown>)[key] = make();
        await el.updateComplete;
        expect(errors.map((e) => e.code)).to.satisfy((codes: string[]) =>
          codes.every((c) => c === 'invalid-attribute'),
        );
        // An object without a prototype is a fine (empty) `strings`: every other property is named.
        const named = new Set(errors.map((e) => e.message.split(/[=.]/)[0]));
        expect(named.size, [...named].join(' ')).to.equal(
          PROPERTIES.length - (what === exotic[0]![0] ? 1 : 0),
        );
        const reply = await el.send('still here');
        expect(reply?.content).to.equal('You said: still here');
        await el.updateComplete;
        expect(visibleMessages(el)).to.deep.equal(['still here', 'You said: still here']);
        // The defaults are in force: the request carried no cap, no temperature, no system prompt.
        expect(engine.requests.at(-1)).to.not.have.any.keys('max_tokens', 'temperature');
        expect(engine.requests.at(-1)!.messages.map((m) => m.role)).to.deep.equal(['user']);
        expect(el.hasAttribute('theme'), 'a theme that is not text is not reflected').to.equal(false);
        expect(el.shadowRoot!.querySelector('textarea')!.placeholder).to.equal('Ask anything…');
        await new Promise((resolve) => setTimeout(resolve, 0));
        expect(unhandled).to.deep.equal([]);
      } finally {
        window.removeEventListener('unhandledrejection', onRejection);
        window.removeEventListener('error', onError);
      }
    });

  it('scripted engine: an engine that is not an engine (a Symbol, a number) is invalid-attribute and never called', async () => {
    const el = await fixture<AiChat>(html`<ai-chat worker-url=${SCRIPTED_WORKER}></ai-chat>`);
    const errors = record<AiChatErrorEvent>(el, 'ai-chat-error');
    (el as unknown as { engine: unknown }).engine = Symbol('engine');
    await el.updateComplete;
    await waitUntil(() => errors.some((e) => e.message.startsWith('engine=')), 'engine reported');
    expect(errors.find((e) => e.message.startsWith('engine='))!.code).to.equal('invalid-attribute');
  });

  it('scripted engine: max-tokens above 2^31 - 1 is invalid-attribute (no runtime takes it), 2^31 - 1 is kept', async () => {
    const engine = new ScriptedEngine();
    const el = await fixture<AiChat>(html`<ai-chat .engine=${engine}></ai-chat>`);
    const errors = record<AiChatErrorEvent>(el, 'ai-chat-error');
    el.setAttribute('max-tokens', String(2 ** 31));
    await el.updateComplete;
    expect(errors.map((e) => [e.code, e.message.slice(0, 23)])).to.deep.equal([
      ['invalid-attribute', 'max-tokens="2147483648"'],
    ]);
    await el.send('a');
    expect(engine.requests.at(-1)).to.not.have.key('max_tokens');
    el.setAttribute('max-tokens', String(2 ** 31 - 1));
    await el.send('b');
    expect(engine.requests.at(-1)!.max_tokens).to.equal(2 ** 31 - 1);
  });
});

describe('pure: shown and readInputs never throw on any value', () => {
  const base = {
    runtime: undefined,
    model: 'auto',
    strings: {},
    engine: undefined,
  } as unknown as InputSource;
  for (const [what, make] of exotic) {
    it(`shown(${what}) is text`, () => expect(shown(make())).to.be.a('string'));
    it(`readInputs with ${what} everywhere names every property and uses the defaults`, () => {
      const source = { ...base } as Record<string, unknown>;
      for (const key of [...PROPERTIES, 'modelLibUrl', 'workerUrl', 'engine']) source[key] = make();
      const inputs = readInputs(source as unknown as InputSource, { base: location.href, lang: 'en' });
      expect(inputs.runtime.spec).to.deep.equal({ model: 'auto', latencyThresholdMs: 50 });
      expect(inputs.runtime.engine).to.equal(undefined);
      expect(inputs.settings.maxTokens).to.equal(undefined);
      const keys = new Set(inputs.problems.map((p) => p.key));
      expect(keys.size).to.equal(PROPERTIES.length + 3 - (what === exotic[0]![0] ? 1 : 0));
    });
  }
});
