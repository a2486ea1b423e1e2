// One measurement that may lose its browser: run it, and if it throws (Chromium crashed or hung
// up, a page broke), start a new browser if the old one is gone and run it once more. A second
// failure is returned, not thrown, so the rest of the bench still runs and reports.

/**
 * `run(browser)` with one retry. `browsers.get()` gives a connected browser (relaunching a dead
 * one). Resolves `{ ok: true, value, attempts }` or `{ ok: false, error, attempts }`.
 */
export async function attempt(label, run, { browsers, retries = 1, log = () => undefined }) {
  let error;
  for (let i = 0; i <= retries; i++) {
    try {
      const value = await run(await browsers.get(), i);
      return { ok: true, value, attempts: i + 1 };
    } catch (e) {
      error = e instanceof Error ? `${e.name}: ${e.message}` : String(e);
      log(`${label}: ${error}${i < retries ? ' (retrying once)' : ' (failed)'}`);
    }
  }
  return { ok: false, error, attempts: retries + 1 };
}

/** Keeps one browser; `get()` launches a new one when the last has disconnected. */
export function browserKeeper(launch) {
  let browser;
  return {
    async get() {
      if (!browser?.connected) {
        await browser?.close().catch(() => undefined);
        browser = await launch();
      }
      return browser;
    },
    current: () => browser,
    close: () => browser?.close().catch(() => undefined),
  };
}
