// Two tabs of one origin with the same model on the CPU runtime: the memory with one loaded copy
// shared between them (`share="tabs"`, the default) against a copy in each (`share="none"`). Memory
// is the proportional set size (PSS, from Linux's /proc/<pid>/smaps_rollup: shared pages counted
// once, split between the processes that share them) of every process of a browser launched for the
// measurement (the browser, its GPU and utility processes, one renderer per tab with its workers),
// once both tabs have answered a message, less the same browser with the two tabs before any element.
import { readdirSync, readFileSync } from 'node:fs';

/** `root` and every process below it. */
function processTree(root) {
  const parents = new Map();
  for (const name of readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    try {
      const stat = readFileSync(`/proc/${name}/stat`, 'utf8');
      parents.set(Number(name), Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]));
    } catch {
      // Gone meanwhile.
    }
  }
  const tree = new Set([root]);
  for (let grew = true; grew;) {
    grew = false;
    for (const [pid, parent] of parents)
      if (tree.has(parent) && !tree.has(pid)) grew = tree.add(pid) !== undefined;
  }
  return [...tree];
}

function pssBytes(pids) {
  let kb = 0;
  for (const pid of pids) {
    try {
      kb += Number(/^Pss:\s+(\d+) kB/m.exec(readFileSync(`/proc/${pid}/smaps_rollup`, 'utf8'))?.[1] ?? 0);
    } catch {
      // Gone meanwhile.
    }
  }
  return kb * 1024;
}

/** Let the processes settle (freed memory returned, timers run) before a reading. */
const settle = () => new Promise((resolve) => setTimeout(resolve, 2000));

/**
 * One reading per `share` value, each in a browser of its own: two tabs of `origin/ours.html`, then
 * in each an <ai-chat> with `modelUrl` that loads and answers one message, tab after tab.
 */
export async function measureShare({ launch, origin, modelUrl }) {
  const out = {};
  for (const share of ['tabs', 'none']) {
    const browser = await launch();
    try {
      const context = browser.defaultBrowserContext();
      const tabs = [await context.newPage(), await context.newPage()];
      for (const tab of tabs) {
        await tab.goto(`${origin}/ours.html`);
        await tab.evaluate(() => customElements.whenDefined('ai-chat'));
      }
      await settle();
      const pids = () => processTree(browser.process().pid);
      const bare = pssBytes(pids());
      for (const tab of tabs)
        await tab.evaluate(
          async (url, share) => {
            const el = document.createElement('ai-chat');
            el.setAttribute('model-url', url);
            el.setAttribute('share', share);
            el.setAttribute('max-tokens', '16');
            document.body.append(el);
            await el.load();
            await el.send('hello');
          },
          modelUrl,
          share,
        );
      // The second tab's model: its own copy, or the first tab's (`free`: nothing loaded there).
      const guest = await tabs[1].evaluate(() => document.querySelector('ai-chat').modelInfo.free === true);
      await settle();
      const loaded = pssBytes(pids());
      out[share] = { bare, loaded, added: loaded - bare, guest };
    } finally {
      await browser.close();
    }
  }
  return out;
}
