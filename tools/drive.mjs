// The three browser engines behind one small surface, for the tests and the bench that run the same
// page in each: Chromium (puppeteer-core, CDP), Firefox ESR (puppeteer-core, WebDriver BiDi) and
// WebKitGTK (WebKitWebDriver, W3C WebDriver: webkit.mjs). A page is `{ goto(url), evaluate(fn,
// ...args), close() }` in a fresh profile (a browser context, or a WebDriver session). The caller
// hands in puppeteer-core (an app's dependency) and, for tests, the network guard (net-guard.mjs).
import { CHROME_FLAGS, CHROME_PATH } from './chromium.mjs';
import { findEngines } from './engines.mjs';
import { launchWebKit } from './webkit.mjs';

export const ENGINES = ['chromium', 'firefox', 'webkit'];

/** Puppeteer's browser as engine pages: one browser context per page. */
function puppeteerPages(browser) {
  return {
    async newPage() {
      const context = await browser.createBrowserContext();
      const page = await context.newPage();
      return {
        goto: (url) => page.goto(url),
        evaluate: (fn, ...args) => page.evaluate(fn, ...args),
        close: () => context.close(),
      };
    },
    close: () => browser.close(),
  };
}

/** Launch `engine` (one of `ENGINES`): `{ newPage(), close() }`. `args`: Chromium's extra flags. */
export async function openEngine(engine, { puppeteer, guard, args = [] }) {
  if (engine === 'webkit') return launchWebKit({ proxy: guard?.proxy });
  const options =
    engine === 'firefox'
      ? { browser: 'firefox', executablePath: findEngines().firefox, extraPrefsFirefox: guard?.firefoxPrefs }
      : { executablePath: CHROME_PATH, args: [...CHROME_FLAGS, ...args, ...(guard?.args ?? [])] };
  return puppeteerPages(await puppeteer.launch({ headless: true, protocolTimeout: 5 * 60_000, ...options }));
}
