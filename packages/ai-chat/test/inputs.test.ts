import { expect } from '@open-wc/testing';
import { readInputs, type InputSource } from '../src/state/inputs.js';
import { validMessages } from '../src/state/messages.js';

/** The element's properties as a page leaves them when it sets nothing. */
const unset: InputSource = {
  runtime: 'builtin webgpu wasm',
  model: 'auto',
  modelUrl: undefined,
  modelLibUrl: undefined,
  workerUrl: undefined,
  share: 'tabs',
  theme: undefined,
  lang: undefined,
  strings: {},
  engine: undefined,
  latencyThreshold: 50,
  temperature: undefined,
  maxTokens: undefined,
  maxModelSize: undefined,
  maxMemory: undefined,
  contextPolicy: undefined,
};
const env = { base: 'https://site.example/app/page.html', lang: 'en' };
const read = (set: Partial<InputSource>, at = env) => readInputs({ ...unset, ...set }, at);

describe('pure: readInputs (every attribute read and checked in one place)', () => {
  it('nothing set: no problem, the defaults, auto on the runtimes allowed', () => {
    const inputs = read({});
    expect(inputs.problems).to.deep.equal([]);
    expect(inputs.settings).to.deep.equal({
      latencyThreshold: 50,
      temperature: undefined,
      maxTokens: undefined,
      maxModelSize: undefined,
      maxMemory: undefined,
      contextPolicy: 'trim',
    });
    expect(inputs.runtime.spec).to.deep.equal({ model: 'auto', latencyThresholdMs: 50 });
    expect(inputs.runtime.runtimes).to.deep.equal(['builtin', 'webgpu', 'wasm']);
    expect(inputs.runtime.languages).to.deep.equal(['en']);
    expect(inputs.runtime.share).to.equal(true);
    expect(inputs.runtime.workerUrl).to.equal(undefined);
  });

  // [what the page set, the property named by the problem (none: no problem), what is used]
  const table: Array<
    [Partial<InputSource>, keyof InputSource | undefined, (i: ReturnType<typeof read>) => unknown, unknown]
  > = [
    [{ latencyThreshold: '-3' }, 'latencyThreshold', (i) => i.settings.latencyThreshold, 50],
    [{ latencyThreshold: '35' }, undefined, (i) => i.runtime.spec.latencyThresholdMs, 35],
    [{ temperature: '7' }, 'temperature', (i) => i.settings.temperature, undefined],
    [{ maxTokens: '2.5' }, 'maxTokens', (i) => i.settings.maxTokens, undefined],
    [{ contextPolicy: 'forget' }, 'contextPolicy', (i) => i.settings.contextPolicy, 'trim'],
    [{ contextPolicy: 'error' }, undefined, (i) => i.settings.contextPolicy, 'error'],
    [{ maxModelSize: 'lots' }, 'maxModelSize', (i) => i.runtime.spec.maxDownloadBytes, undefined],
    [{ maxModelSize: '1.5GB' }, undefined, (i) => i.runtime.spec.maxDownloadBytes, 1.5e9],
    [{ maxMemory: '2GiB' }, undefined, (i) => i.runtime.spec.maxMemoryBytes, 2 * 2 ** 30],
    [{ maxMemory: 'x' }, 'maxMemory', (i) => i.settings.maxMemory, undefined],
    [{ runtime: 'quantum' }, 'runtime', (i) => i.runtime.runtimes, ['builtin', 'webgpu', 'wasm']],
    [{ runtime: 'wasm quantum' }, 'runtime', (i) => i.runtime.runtimes, ['wasm']],
    [{ runtime: 'builtin, wasm' }, undefined, (i) => i.runtime.runtimes, ['builtin', 'wasm']],
    [{ model: '' }, 'model', (i) => i.runtime.spec.model, 'auto'],
    [{ model: 42 }, 'model', (i) => i.runtime.spec.model, 'auto'],
    [{ model: 'SmolLM2-135M-Q8_0' }, undefined, (i) => i.runtime.spec.model, 'SmolLM2-135M-Q8_0'],
    [{ modelUrl: 'javascript:alert(1)' }, 'modelUrl', (i) => i.runtime.spec.modelUrl, undefined],
    [
      { modelUrl: 'models/tiny.gguf' },
      undefined,
      (i) => i.runtime.spec.modelUrl,
      'https://site.example/app/models/tiny.gguf',
    ],
    [{ modelLibUrl: 'data:,x' }, 'modelLibUrl', (i) => i.runtime.spec.modelLibUrl, undefined],
    [
      { workerUrl: 'blob:https://site.example/1' },
      undefined,
      (i) => i.runtime.workerUrl,
      'blob:https://site.example/1',
    ],
    [{ workerUrl: 'file:///w.js' }, 'workerUrl', (i) => i.runtime.workerUrl, undefined],
    [{ share: 'none' }, undefined, (i) => i.runtime.share, false],
    [{ share: 'tabs' }, undefined, (i) => i.runtime.share, true],
    [{ share: 'windows' }, 'share', (i) => i.runtime.share, true],
    [{ theme: 'sepia' }, 'theme', () => undefined, undefined],
    [{ theme: 'dark' }, undefined, () => undefined, undefined],
    [{ lang: 7 }, 'lang', () => undefined, undefined],
    [{ strings: 'hello' }, 'strings', () => undefined, undefined],
    [{ strings: { send: 3 } }, 'strings', () => undefined, undefined],
  ];
  for (const [set, key, pick, used] of table)
    it(`${JSON.stringify(set)} → ${key ? `a problem on ${key}` : 'no problem'}, uses ${JSON.stringify(used)}`, () => {
      const inputs = read(set);
      expect(inputs.problems.map((p) => p.key)).to.deep.equal(key ? [key] : []);
      for (const p of inputs.problems) expect(p.message).to.be.a('string').and.not.equal('');
      expect(pick(inputs)).to.deep.equal(used);
    });

  it('the language in force is the runtime’s conversation language', () => {
    expect(read({}, { ...env, lang: 'zh-TW' }).runtime.languages).to.deep.equal(['zh-TW']);
    expect(read({}, { ...env, lang: '' }).runtime.languages).to.deep.equal(['en']);
  });

  it('two bad values give two problems, each naming its own property', () => {
    const keys = read({ temperature: 'hot', runtime: 'none' }).problems.map((p) => p.key);
    expect(keys).to.have.members(['temperature', 'runtime']);
  });
});

describe('pure: validMessages (messages a page sets)', () => {
  const table: Array<[unknown, unknown]> = [
    [undefined, []],
    ['hello', []],
    [[{ role: 'user', content: 'hi' }], [{ role: 'user', content: 'hi' }]],
    [
      [{ role: 'tool', content: 'x' }, null, { role: 'user' }, { role: 'assistant', content: 'ok' }],
      [{ role: 'assistant', content: 'ok' }],
    ],
  ];
  for (const [value, valid] of table)
    it(`${JSON.stringify(value)} → ${JSON.stringify(valid)}`, () =>
      expect(validMessages(value)).to.deep.equal(valid));

  it('copies: the page’s objects are never the element’s', () => {
    const mine = { role: 'user' as const, content: 'hi' };
    expect(validMessages([mine])[0]).not.to.equal(mine);
  });
});
