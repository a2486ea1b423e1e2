import { expect, fixture, html, oneEvent } from '@open-wc/testing';
import type { AiChat } from '../src/ai-chat.js';
import type { CompletionChunk } from '../src/engine/engine.js';
import { WorkerClient } from '../src/engine/page/worker-client.js';
import { startFailure } from '../src/engine/start-failure.js';
import { entryUrl, fileError, fileResolver, readFileMap } from '../src/engine/worker-paths.js';
import type { AiChatErrorEvent } from '../src/events.js';
import { expectEveryWorkerEnded } from './helpers.js';

const ORIGIN = 'https://site.example';

describe('where the npm worker finds its files (pure)', () => {
  it('readFileMap reads the JSON of the fragment, and anything else as no file', () => {
    const map = { 'linked/a.js': `${ORIGIN}/assets/a-1.js` };
    for (const [hash, files] of [
      [`#${encodeURIComponent(JSON.stringify(map))}`, map],
      ['', {}],
      ['#%7Bnot json', {}],
      ['#null', {}],
      ['#%5B%5D', {}],
    ] as const)
      expect(readFileMap(hash), hash).to.deep.equal(files);
  });

  it('fileResolver: a named file at its URL, any other in dist/cdn/ where the entry is', () => {
    const named = { 'linked/a.js': `${ORIGIN}/assets/a-1.js`, 'wllama/wllama.wasm': 42 };
    const at = fileResolver(
      `${ORIGIN}/pkg/cdn/linked/worker.js?no-inline#${encodeURIComponent(JSON.stringify(named))}`,
    );
    expect(at('linked/a.js')).to.equal(`${ORIGIN}/assets/a-1.js`);
    expect(at('linked/b.js')).to.equal(`${ORIGIN}/pkg/cdn/linked/b.js`);
    // Not a string: not a URL the page named.
    expect(at('wllama/wllama.wasm')).to.equal(`${ORIGIN}/pkg/cdn/wllama/wllama.wasm`);
  });

  it("entryUrl: the module's URL with the page's fragment, else the worker's (a bundler rewrote import.meta.url)", () => {
    const page = `${ORIGIN}/assets/worker-1.js#%7B%7D`;
    for (const [moduleUrl, workerUrl, url] of [
      [page, page, page],
      // Parcel and webpack: import.meta.url is the file's path at build time.
      ['file:///app/node_modules/ai-chat/dist/cdn/linked/worker.js', page, page],
      // A blob: start: the fragment is on the module, not on the worker's own URL.
      [page, `blob:${ORIGIN}/1234`, page],
      // No fragment anywhere (worker-url, the script tag): the module's URL.
      [`${ORIGIN}/cdn/linked/worker.js`, `${ORIGIN}/cdn/linked/worker.js`, `${ORIGIN}/cdn/linked/worker.js`],
    ])
      expect(entryUrl(moduleUrl, workerUrl), moduleUrl).to.equal(url);
  });

  it('fileError names the file, and a 404 as missing', () => {
    expect(fileError('linked/a.js', 'https://x/a-1.js', 404, new TypeError('no'))).to.deep.equal({
      name: 'WorkerFilesMissing',
      message: 'https://x/a-1.js (ai-chat/dist/cdn/linked/a.js) answered 404',
    });
    expect(fileError('linked/a.js', 'https://x/a-1.js', 0, new TypeError('Failed to fetch')).name).to.equal(
      'WorkerFileError',
    );
  });

  it("startFailure says where each kind of worker's files belong", () => {
    const npm = startFailure(`${ORIGIN}/out/cdn/linked/worker.js?no-inline#%7B%7D`, 404, 'npm');
    expect(npm.name).to.equal('WorkerFilesMissing');
    expect(npm.message).to.equal(
      `${ORIGIN}/out/cdn/linked/worker.js answered 404: your bundler did not copy ai-chat's files: copy node_modules/ai-chat/dist/cdn/ to ${ORIGIN}/out/cdn/ (see "Bundlers" in ai-chat's README)`,
    );
    expect(startFailure(`${ORIGIN}/w.js`, 404, 'worker-url').message).to.match(/remove worker-url$/);
    expect(startFailure(`${ORIGIN}/cdn/worker.js`, 404, 'script').message).to.match(/beside ai-chat\.js$/);
    expect(startFailure(`${ORIGIN}/w.js`, 200, 'worker-url')).to.deep.equal({
      name: 'WorkerDied',
      message: `${ORIGIN}/w.js did not start (HTTP 200): serve it as JavaScript, and allow it in the page's worker-src`,
    });
    expect(startFailure(`${ORIGIN}/w.js`, 0, 'npm').message).to.contain('(no answer)');
  });
});

/**
 * The built npm worker (dist/cdn/linked/, built before `pnpm test`) as a bundler copies it: every
 * file at a `blob:` URL that says nothing of its name or folder, named in the entry's fragment. A
 * file it looked for beside itself would not resolve against a `blob:` URL at all.
 */
async function copiedWorker(): Promise<Worker> {
  const list = await (await fetch('/dist/worker-files.js')).text();
  const paths = [...list.matchAll(/"\.\/cdn\/([^"?]+)(?:\?no-inline)?"/g)].map((m) => m[1]!);
  const copy = async (path: string) => {
    const body = await (await fetch(`/dist/cdn/${path}`)).blob();
    const type = path.endsWith('.wasm') ? 'application/wasm' : 'text/javascript';
    return URL.createObjectURL(new Blob([body], { type }));
  };
  // The compat build is for browsers without JSPI and Memory64 (not this Chromium): its real URL.
  const files: Record<string, string> = {};
  for (const path of paths.filter((p) => p !== 'linked/worker.js'))
    files[path] = path.startsWith('wllama/compat/')
      ? `${location.origin}/dist/cdn/${path}`
      : await copy(path);
  const entry = await copy('linked/worker.js');
  return new Worker(`${entry}#${encodeURIComponent(JSON.stringify(files))}`, { type: 'module' });
}

describe('the built npm worker, its files renamed as a bundler copies them (real wllama)', function () {
  this.timeout(60000);

  it('real wllama: the linked worker finds every file by path, runs the preflight, loads a GGUF model and generates', async () => {
    const c = new WorkerClient(await copiedWorker());
    try {
      const spec = { model: 'auto', modelUrl: `${location.origin}/gguf/linked-${Date.now()}.gguf` };
      expect((await c.preflight(spec)).runtime).to.equal('wasm');
      expect((await c.load(spec, () => undefined)).runtime).to.equal('wasm');
      const chunks: CompletionChunk[] = [];
      const request = {
        messages: [{ role: 'user' as const, content: 'hi' }],
        stream: true as const,
        max_tokens: 3,
      };
      for await (const chunk of c.generate(request)) chunks.push(chunk);
      expect(chunks.find((ch) => ch.usage)!.usage!.completion_tokens).to.equal(3);
    } finally {
      c.terminate();
    }
  });
});

describe('a worker whose files are not served', () => {
  afterEach(expectEveryWorkerEnded);

  it('real worker: a worker-url that answers 404 fails at once with words for the page author, not to be retried', async () => {
    const el = await fixture<AiChat>(
      html`<ai-chat model="auto" worker-url="/no-such-folder/worker.js"></ai-chat>`,
    );
    const { code, message, recoverable } = (await oneEvent(el, 'ai-chat-error')) as AiChatErrorEvent;
    expect([code, recoverable]).to.deep.equal(['engine', false]);
    expect(message).to.equal(
      `The model runtime failed: WorkerFilesMissing: The model worker stopped unexpectedly: ${location.origin}/no-such-folder/worker.js answered 404: serve ai-chat's dist/cdn/ folder there, or remove worker-url`,
    );
    expect(el.status).to.equal('error');
  });

  it('real worker: a linked worker whose chunk is missing answers every request with the file it missed', async () => {
    const entry = `${location.origin}/dist/cdn/linked/worker.js`;
    const missing = `${location.origin}/dist/cdn/linked/no-such-chunk.js`;
    const list = await (await fetch('/dist/worker-files.js')).text();
    const start = /"(linked\/start-\w+\.js)"/.exec(list)![1]!;
    const c = new WorkerClient(
      new Worker(`${entry}#${encodeURIComponent(JSON.stringify({ [start]: missing }))}`, { type: 'module' }),
    );
    try {
      const error = await c.preflight({ model: 'auto' }).then(
        () => undefined,
        (e: unknown) => e,
      );
      expect(error).to.deep.equal({
        name: 'WorkerFilesMissing',
        message: `${missing} (ai-chat/dist/cdn/${start}) answered 404`,
      });
    } finally {
      c.terminate();
    }
  });
});
