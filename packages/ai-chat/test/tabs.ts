// The test page's side of test/server/tabs.mjs: other tabs of this origin, each with one <ai-chat>.
import { executeServerCommand } from '@web/test-runner-commands';
import { waitUntil } from './helpers.js';

export interface Tab {
  id: number;
}

/** Open test/fixtures/tab.html with an <ai-chat> that has `attrs`. */
export async function openTab(attrs: Record<string, string>): Promise<Tab> {
  const url = `/test/fixtures/tab.html?attrs=${encodeURIComponent(JSON.stringify(attrs))}`;
  return { id: await executeServerCommand<number, { url: string }>('tab-open', { url }) };
}

/** Run `code` (an expression, awaited) in the tab, where `tab` is its fixture's handle. */
export const inTab = <T>(tab: Tab, code: string) =>
  executeServerCommand<T, { id: number; code: string }>('tab-eval', { id: tab.id, code });

export const closeTab = (tab: Tab) => executeServerCommand('tab-close', { id: tab.id });

/** Kill the tab's renderer (`Page.crash`): it ends as a tab the browser killed, with no unload. */
export const crashTab = (tab: Tab) => executeServerCommand('tab-crash', { id: tab.id });

export async function waitTab(tab: Tab, code: string, message: string, timeout = 30000) {
  await waitUntil(() => inTab<boolean>(tab, code), message, { timeout, interval: 100 });
}
