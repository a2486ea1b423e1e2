// Where Firefox and WebKitGTK are on this machine, for the tests that run the CPU runtime in every
// browser engine (Chromium's path is in chromium.mjs). Debian's packages: `firefox-esr`,
// `webkit2gtk-driver` (WebKitWebDriver and, through libwebkit2gtk, its MiniBrowser) and `xvfb`.
import { existsSync, readdirSync } from 'node:fs';
import { delimiter, join } from 'node:path';
import { executable, findChromium } from './chromium.mjs';

/** Debian's packages that give the two other engines, and the display WebKitGTK needs. */
export const ENGINE_PACKAGES = ['firefox-esr', 'webkit2gtk-driver', 'xvfb'];

const onPath = (name, env) =>
  (env.PATH ?? '')
    .split(delimiter)
    .filter(Boolean)
    .map((dir) => join(dir, name))
    .find(executable);

/** MiniBrowser ships inside libwebkit2gtk's folder: /usr/lib/<arch>/webkit2gtk-4.x/MiniBrowser. */
function findMiniBrowser() {
  for (const lib of ['/usr/lib', '/usr/libexec', '/usr/lib64']) {
    if (!existsSync(lib)) continue;
    const dirs = [lib, ...readdirSync(lib).map((d) => join(lib, d))];
    for (const dir of dirs) {
      if (!existsSync(dir)) continue;
      let names = [];
      try {
        names = readdirSync(dir).filter((d) => /^webkit2?gtk-[\d.]+$/.test(d));
      } catch {
        continue;
      }
      const found = names.map((d) => join(dir, d, 'MiniBrowser')).find(executable);
      if (found) return found;
    }
  }
  return undefined;
}

/**
 * Firefox (`FIREFOX_PATH` when set), WebKitWebDriver and MiniBrowser (`MINIBROWSER_PATH`), Xvfb:
 * each path, or undefined when not found.
 */
export function findEngines(env = process.env) {
  return {
    firefox: env.FIREFOX_PATH || onPath('firefox-esr', env) || onPath('firefox', env),
    webkitDriver: onPath('WebKitWebDriver', env),
    miniBrowser: env.MINIBROWSER_PATH || findMiniBrowser(),
    xvfb: onPath('Xvfb', env),
  };
}

/** What is missing, by name (empty when every engine can run). */
export const missingEngines = (found = findEngines()) =>
  Object.entries(found)
    .filter(([, path]) => !path)
    .map(([name]) => name);

/** Whether `engine` (chromium, firefox, webkit) can run here. */
export function engineHere(engine, found = findEngines()) {
  if (engine === 'firefox') return Boolean(found.firefox);
  if (engine === 'webkit') return Boolean(found.webkitDriver && found.miniBrowser && found.xvfb);
  return Boolean(findChromium());
}
