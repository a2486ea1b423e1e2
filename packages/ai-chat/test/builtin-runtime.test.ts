import { expect, waitUntil } from '@open-wc/testing';
import { sendMouse } from '@web/test-runner-commands';
import type { CompletionChunk, CompletionRequest } from '../src/engine/engine.js';
import { createBuiltinRuntime } from '../src/engine/page/builtin-runtime.js';
import { expectedLanguages, planTurn, type LanguageModelApi } from '../src/engine/page/prompt-api.js';
import type { Runtime } from '../src/engine/runtime.js';
import { toChatError } from '../src/errors.js';
import { PromptApiStandIn, type PromptApiStandInOptions } from '../src/testing/prompt-api-stand-in.js';
import type { ChatMessage, ProgressReport } from '../src/types.js';

const signal = () => new AbortController().signal;
const request = (...messages: ChatMessage[]): CompletionRequest => ({ messages, stream: true });
const user = (content: string): ChatMessage => ({ role: 'user', content });
const assistant = (content: string): ChatMessage => ({ role: 'assistant', content });
const system = (content: string): ChatMessage => ({ role: 'system', content });

async function collect(stream: AsyncIterable<CompletionChunk>) {
  const chunks: CompletionChunk[] = [];
  for await (const chunk of stream) chunks.push(chunk);
  const text = chunks.map((c) => c.choices[0]?.delta?.content ?? '').join('');
  return { chunks, text, usage: chunks.find((c) => c.usage)?.usage };
}

function setup(options: PromptApiStandInOptions = {}, lang?: string) {
  const api = new PromptApiStandIn(options);
  const runtime = createBuiltinRuntime({ api, ...(lang ? { languages: [lang] } : {}) });
  return { api, runtime };
}

async function rejection(promise: Promise<unknown>): Promise<Error> {
  try {
    await promise;
  } catch (error) {
    return error as Error;
  }
  throw new Error('expected a rejection');
}

/** Run `action` from a real click (a user activation), as the consent button does. */
async function fromClick<T>(action: () => Promise<T>): Promise<T> {
  const button = document.createElement('button');
  button.textContent = 'Start';
  button.style.cssText = 'position:fixed;left:0;top:0;width:80px;height:40px';
  document.body.append(button);
  const result = new Promise<T>((resolve, reject) =>
    button.addEventListener('click', () => action().then(resolve, reject), { once: true }),
  );
  await sendMouse({ type: 'click', position: [20, 20] });
  button.remove();
  return result;
}

describe('built-in runtime: pure decisions', () => {
  it('declares the primary language of the element, English by default', () => {
    const table: Array<[string[] | undefined, string[]]> = [
      [undefined, ['en']],
      [[''], ['en']],
      [['en-GB'], ['en']],
      [['ja'], ['ja']],
      [['zh-Hant-TW'], ['zh']],
      [['ES_mx'], ['es']],
      [['x'], ['en']],
      [
        ['en-US', 'en-GB', 'fr'],
        ['en', 'fr'],
      ],
    ];
    for (const [tags, expected] of table)
      expect(expectedLanguages(tags), String(tags)).to.deep.equal(expected);
  });

  it('continues a session the request extends, else re-creates it from the history', () => {
    const history = [system('Be brief'), user('Hi'), assistant('Hello')];
    const table: Array<[string, ChatMessage[] | undefined, ChatMessage[], unknown]> = [
      [
        'no session yet',
        undefined,
        [user('Hi')],
        { kind: 'recreate', initialPrompts: [], input: [user('Hi')] },
      ],
      ['the next turn', history, [...history, user('More')], { kind: 'continue', input: [user('More')] }],
      [
        'an edited reply',
        history,
        [system('Be brief'), user('Hi'), assistant('Hey'), user('More')],
        {
          kind: 'recreate',
          initialPrompts: [system('Be brief'), user('Hi'), assistant('Hey')],
          input: [user('More')],
        },
      ],
      [
        'a reset',
        history,
        [system('Be brief'), user('New')],
        { kind: 'recreate', initialPrompts: [system('Be brief')], input: [user('New')] },
      ],
      [
        'a new system prompt',
        [user('Hi'), assistant('Hello')],
        [user('Hi'), assistant('Hello'), system('Now in French'), user('More')],
        {
          kind: 'recreate',
          initialPrompts: [system('Now in French'), user('Hi'), assistant('Hello')],
          input: [user('More')],
        },
      ],
      [
        'the same request again',
        [user('Hi')],
        [user('Hi')],
        { kind: 'recreate', initialPrompts: [], input: [user('Hi')] },
      ],
    ];
    for (const [name, seen, messages, plan] of table)
      expect(planTurn(seen, messages), name).to.deep.equal(plan);
    expect(() => planTurn(undefined, [user('Hi'), assistant('Hello')])).to.throw(TypeError);
  });
});

describe('built-in runtime (Prompt API stand-in)', () => {
  it('Prompt API stand-in: preflight says no download when the model is available', async () => {
    const { runtime } = setup({ availability: 'available' });
    const model = await runtime.preflight(signal());
    expect(model).to.deep.include({ runtime: 'builtin', cached: true, downloadBytes: 0 });
    expect(model.browserDownload).to.equal(undefined);
    expect(model.label).to.equal("the browser's built-in model");
  });

  it('Prompt API stand-in: preflight says the browser will download its model when downloadable or downloading', async () => {
    for (const availability of ['downloadable', 'downloading'] as const) {
      const model = await setup({ availability }).runtime.preflight(signal());
      expect(model, availability).to.deep.include({ cached: false, downloadBytes: 0, browserDownload: true });
    }
  });

  it('Prompt API stand-in: unavailable, a language the model lacks, or a failing check reject with RuntimeUnavailableError', async () => {
    const unavailable = await rejection(setup({ availability: 'unavailable' }).runtime.preflight(signal()));
    expect(unavailable.name).to.equal('RuntimeUnavailableError');
    const { api, runtime } = setup({ availability: 'available' }, 'zh-Hant');
    const language = await rejection(runtime.preflight(signal()));
    expect(language.name).to.equal('RuntimeUnavailableError');
    const broken: LanguageModelApi = {
      availability: () => Promise.reject(new TypeError('boom')),
      create: (options) => api.create(options),
    };
    const failing = await rejection(createBuiltinRuntime({ api: broken }).preflight(signal()));
    expect(failing.name).to.equal('RuntimeUnavailableError');
  });

  it('real Prompt API of this Chromium: unavailable here, so preflight rejects with RuntimeUnavailableError', async () => {
    const error = await rejection(createBuiltinRuntime().preflight(signal()));
    expect(error.name).to.equal('RuntimeUnavailableError');
  });

  it('Prompt API stand-in: load without a click while downloadable asks the visitor to click', async () => {
    // A click of an earlier test keeps the page activated for a few seconds.
    await waitUntil(() => !navigator.userActivation.isActive, 'no user activation', { timeout: 10000 });
    const { api, runtime } = setup({ availability: 'downloadable' });
    const error = await rejection(runtime.load(() => undefined, signal()));
    expect(toChatError(error)).to.deep.include({ code: 'engine', detail: undefined, recoverable: true });
    expect(error.message).to.match(/only after a click/);
    expect(api.state).to.equal('downloadable');
  });

  it('Prompt API stand-in: load from a click downloads with progress as a fraction, then starts', async () => {
    const { api, runtime } = setup({ availability: 'downloadable', downloadSteps: 4 });
    const reports: ProgressReport[] = [];
    const model = await fromClick(() => runtime.load((report) => reports.push(report), signal()));
    expect(model.cached).to.equal(true);
    expect(api.state).to.equal('available');
    const download = reports.filter((r) => r.phase === 'download').map((r) => r.progress);
    expect(download).to.deep.equal([0, 0.25, 0.5, 0.75, 1]);
    expect(reports.at(-1)).to.deep.include({ phase: 'load', loadedBytes: 0, totalBytes: 0 });
  });

  it('Prompt API stand-in: load of an available model starts without a download or a click', async () => {
    const { api, runtime } = setup({ availability: 'available' });
    const reports: ProgressReport[] = [];
    await runtime.load((report) => reports.push(report), signal());
    expect(reports.map((r) => r.phase)).to.deep.equal(['load']);
    expect(api.sessions).to.have.length(1);
  });

  async function loaded(
    options: PromptApiStandInOptions = {},
  ): Promise<{ api: PromptApiStandIn; runtime: Runtime }> {
    const { api, runtime } = setup({ availability: 'available', ...options });
    await runtime.load(() => undefined, signal());
    return { api, runtime };
  }

  it('Prompt API stand-in: streams the reply as deltas with token counts from the context usage', async () => {
    const { runtime } = await loaded({ reply: () => 'one two three' });
    const { chunks, text, usage } = await collect(
      runtime.generate(request(user('count to three')), signal()),
    );
    expect(text).to.equal('one two three');
    expect(chunks.filter((c) => c.choices[0]?.delta?.content)).to.have.length(3);
    expect(usage).to.deep.equal({ prompt_tokens: 3, completion_tokens: 3, total_tokens: 6 });
  });

  it('Prompt API stand-in: a follow-up sends only the new turn to the same session', async () => {
    const { api, runtime } = await loaded({ reply: (input) => `re ${input}` });
    const first = [system('Be brief'), user('one')];
    const a = await collect(runtime.generate(request(...first), signal()));
    const second = [...first, assistant(a.text), user('two')];
    const b = await collect(runtime.generate(request(...second), signal()));
    expect(b.text).to.equal('re two');
    // One session for the load, one with the system prompt; the follow-up reuses it.
    expect(api.creates).to.have.length(2);
    expect(api.creates[1]!.initialPrompts).to.deep.equal([system('Be brief')]);
    expect(api.prompts.at(-1)).to.deep.equal([user('two')]);
    expect(api.sessions[1]!.history.map((m) => m.content)).to.deep.equal([
      'Be brief',
      'one',
      're one',
      'two',
      're two',
    ]);
    expect(api.sessions[0]!.destroyed).to.equal(true);
  });

  it('Prompt API stand-in: a changed history re-creates the session from it', async () => {
    const { api, runtime } = await loaded({ reply: (input) => `re ${input}` });
    await collect(runtime.generate(request(user('one')), signal()));
    const edited = [user('one'), assistant('edited'), user('two')];
    await collect(runtime.generate(request(...edited), signal()));
    expect(api.creates.at(-1)!.initialPrompts).to.deep.equal([user('one'), assistant('edited')]);
    expect(api.sessions.at(-2)!.destroyed).to.equal(true);
    expect(api.prompts.at(-1)).to.deep.equal([user('two')]);
  });

  it('Prompt API stand-in: aborting stops the stream, and the next reply starts afresh from the history', async () => {
    const { api, runtime } = await loaded({
      reply: () => 'a b c d e f g h i j k l m n o p',
      tokenDelayMs: 5,
    });
    const abort = new AbortController();
    let text = '';
    for await (const chunk of runtime.generate(request(user('long')), abort.signal)) {
      text += chunk.choices[0]?.delta?.content ?? '';
      if (text.length >= 3) abort.abort();
    }
    expect(text.trim().split(/\s+/).length).to.be.lessThan(16);
    const next = await collect(
      runtime.generate(request(user('long'), assistant(text), user('short')), signal()),
    );
    expect(next.text).to.have.length.greaterThan(0);
    expect(api.creates.at(-1)!.initialPrompts).to.deep.equal([user('long'), assistant(text)]);
  });

  it('Prompt API stand-in: leaving the stream early ends the reply and drops the session', async () => {
    const { api, runtime } = await loaded({ reply: () => 'a b c d e f g h', tokenDelayMs: 5 });
    for await (const chunk of runtime.generate(request(user('go')), signal())) if (chunk) break;
    expect(api.sessions[0]!.destroyed).to.equal(true);
    expect(api.sessions[0]!.history).to.deep.equal([]);
  });

  it('Prompt API stand-in: a context overflow ends in ContextWindowSizeExceededError (context-window-exceeded)', async () => {
    const { runtime } = await loaded({ contextWindow: 12, reply: () => 'a b c' });
    await collect(runtime.generate(request(user('one two')), signal()));
    const error = await rejection(
      collect(
        runtime.generate(request(user('one two'), assistant('a b c'), user('w w w w w w w w')), signal()),
      ),
    );
    expect(error.name).to.equal('ContextWindowSizeExceededError');
    expect(toChatError(error).code).to.equal('context-window-exceeded');
  });

  it('Prompt API stand-in: a history too long for a new session is a context overflow too', async () => {
    const { runtime } = await loaded({ contextWindow: 5 });
    const long = [user('a b c'), assistant('d e f'), user('g')];
    const error = await rejection(collect(runtime.generate(request(...long), signal())));
    expect(error.name).to.equal('ContextWindowSizeExceededError');
  });

  it('Prompt API stand-in: unload destroys the session', async () => {
    const { api, runtime } = await loaded();
    await runtime.unload();
    expect(api.sessions[0]!.destroyed).to.equal(true);
  });
});
