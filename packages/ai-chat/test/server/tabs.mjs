// Server commands for tests that need more than one tab (web-test-runner's `executeServerCommand`):
// open a page in the test page's own browser context (same origin: shared Web Locks, channels and
// storage; a process of its own), run code in it, close it, or crash it with the DevTools
// protocol's `Page.crash` (the way a browser kills a tab out of memory: no `pagehide`, no unload).
const tabs = new Map();
let next = 1;

export const tabsPlugin = {
  name: 'tabs',
  async executeCommand({ command, payload, session }) {
    if (!command.startsWith('tab-')) return undefined;
    const page = session.browser.getPage(session.id);
    if (command === 'tab-open') {
      const tab = await page.browserContext().newPage();
      tab.on('pageerror', (error) => console.error(`[tab] ${error.message}`));
      await tab.goto(new URL(payload.url, page.url()).href);
      const id = next++;
      tabs.set(id, tab);
      return id;
    }
    const tab = tabs.get(payload.id);
    if (!tab) throw new Error(`no tab ${payload.id}`);
    // A command must answer something: `undefined` and `null` read as "not handled".
    if (command === 'tab-eval') return (await tab.evaluate(payload.code)) ?? false;
    tabs.delete(payload.id);
    if (command === 'tab-close') return (await tab.close(), true);
    if (command === 'tab-crash') {
      const cdp = await tab.createCDPSession();
      await Promise.race([
        cdp.send('Page.crash').catch(() => undefined),
        new Promise((r) => tab.once('error', r)),
      ]);
      await tab.close().catch(() => undefined);
      return true;
    }
    throw new Error(`unknown command ${command}`);
  },
};
