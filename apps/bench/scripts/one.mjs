// `node scripts/one.mjs <part> <kind> <size>`: one measurement of one element, printed as JSON
// (for iterating on one figure; `pnpm bench` runs them all). Parts: burst (chunks), turns (turns),
// restore (messages), paste (bytes), stream (tokens), weight (kind `launcher` too), first (tokens:
// the first reply at 4× CPU), start (the CPU slowdown, default 1).
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { launch } from '../src/browser.mjs';
import { measureFirstReply } from '../src/measure-first.mjs';
import { measureBurst, measurePaste, measureRestore, measureTurns } from '../src/measure-growth.mjs';
import { measureStart } from '../src/measure-start.mjs';
import { measureStream } from '../src/measure-stream.mjs';
import { measureWeight } from '../src/measure-weight.mjs';
import { pages } from '../src/pages.mjs';
import { serveStatic } from '../src/server.mjs';

const here = fileURLToPath(new URL('..', import.meta.url));
const require = createRequire(import.meta.url);
const cdnDir = join(dirname(require.resolve('ai-chat/package.json')), 'dist/cdn');
const [part, kind = 'ours', size] = process.argv.slice(2);
const n = Number(size);
const server = await serveStatic({
  mounts: {
    '/ai-chat/': cdnDir,
    '/deep-chat/': join(dirname(require.resolve('deep-chat/package.json')), 'dist'),
    '/bench/': join(here, 'pages'),
  },
  pages: pages(),
  lifetimeMs: 10 * 60_000,
});
const browser = await launch();
try {
  const origin = server.origin;
  const runs = {
    burst: () => measureBurst({ browser, origin, kind, chunks: n || 5000 }),
    turns: () => measureTurns({ browser, origin, kind, turns: n || 200 }),
    restore: () => measureRestore({ browser, origin, kind, count: n || 10000 }),
    paste: () => measurePaste({ browser, origin, kind, bytes: n || 2 ** 20 }),
    stream: () => measureStream({ browser, origin, kind, lengths: [n || 500], tokenDelayMs: 4 }),
    weight: () => measureWeight({ browser, origin, kind, cdnDir }),
    first: () => measureFirstReply({ browser, origin, kind, tokens: n || 500 }),
    start: () => measureStart({ browser, origin, kind, rate: n || 1 }),
  };
  if (!runs[part]) throw new Error(`unknown part ${part}: ${Object.keys(runs).join(', ')}`);
  console.log(JSON.stringify(await runs[part](), null, 1));
} finally {
  await browser.close();
  await server.close();
}
