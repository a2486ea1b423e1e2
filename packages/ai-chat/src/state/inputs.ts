/**
 * The element's attributes and properties, read and checked in one place. A bad value never
 * throws: it becomes a problem naming its property (shown and fired as `invalid-attribute` by the
 * element when that property changes) and the default is used instead; the property keeps what the
 * page set. Pure: the page's base URL and language are passed in.
 */
import type { ChatEngine } from '../engine/engine.js';
import type { RuntimeInputs } from '../engine/page/registry.js';
import { resolveSpecUrls } from '../engine/page/urls.js';
import { parseRuntimes } from './runtimes.js';
import { checkLocale } from '../i18n/check.js';
import { langOf } from '../i18n/locale.js';
import { checkUrls, readSettings, shown, type RawSettings, type Settings } from './settings.js';

/** What `readInputs` reads of the element: its public properties, as a page may have set them. */
export interface InputSource extends RawSettings {
  runtime: unknown;
  model: unknown;
  modelUrl: unknown;
  modelLibUrl: unknown;
  workerUrl: unknown;
  share: unknown;
  theme: unknown;
  lang: unknown;
  strings: unknown;
  engine: ChatEngine | undefined;
  placeholder?: unknown;
  systemPrompt?: unknown;
  persist?: unknown;
}

/** Where the element stands: the page's base URL (relative URLs) and the language in force. */
export interface InputEnv {
  base: string;
  lang: string;
}

/** A bad value: the property it belongs to, and one plain sentence for the page author. */
export interface InputProblem {
  key: keyof InputSource;
  message: string;
}

export interface Inputs {
  settings: Settings;
  /** What the element's runtime is made from (`model` is `auto` for a value that is not a model id). */
  runtime: RuntimeInputs;
  problems: InputProblem[];
}

const SETTING_KEYS = [
  'latencyThreshold',
  'temperature',
  'maxTokens',
  'maxModelSize',
  'maxMemory',
  'contextPolicy',
] as const;
const toAttribute = (key: string) => key.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`);

export function readInputs(el: InputSource, env: InputEnv): Inputs {
  const problems: InputProblem[] = [];
  const problem = (key: keyof InputSource, message: string) => problems.push({ key, message });

  const { settings, problems: bad } = readSettings(el);
  for (const { attribute, message } of bad)
    problem(
      SETTING_KEYS.find((key) => toAttribute(key) === attribute)!,
      message,
    );

  // A URL that is not http(s) stays in the property but is not used.
  const badUrls = checkUrls(el, env.base);
  for (const { key, message } of badUrls) problem(key, message);
  const url = (key: 'modelUrl' | 'modelLibUrl' | 'workerUrl') =>
    badUrls.some((p) => p.key === key) || typeof el[key] !== 'string' || !el[key] ? undefined : el[key];

  const runtimes = parseRuntimes(el.runtime);
  if (runtimes.problem) problem('runtime', runtimes.problem);

  let model = el.model;
  if (typeof model !== 'string' || !model.trim()) {
    problem('model', `model="${shown(model)}" is not valid: expected a model id or auto. Using auto.`);
    model = 'auto';
  }

  // Cross-tab sharing (issue 24): `tabs` unless the page says `none`.
  if (el.share != null && el.share !== 'tabs' && el.share !== 'none')
    problem('share', `share="${shown(el.share)}" is not valid: expected tabs or none.`);

  if (el.theme != null && el.theme !== 'light' && el.theme !== 'dark')
    problem(
      'theme',
      `theme="${shown(el.theme)}" is not valid: expected light or dark. Following the system.`,
    );

  // Set from code to something else: the default (`persist`: nothing saved; `engine`: the worker).
  const engine = typeof el.engine?.chat?.completions?.create === 'function' ? el.engine : undefined;
  for (const key of ['placeholder', 'systemPrompt', 'persist', 'engine'] as const)
    if (el[key] != null && (key === 'engine' ? !engine : typeof el[key] !== 'string'))
      problem(key, `${toAttribute(key)}="${shown(el[key])}" is not valid. Using the default.`);

  for (const message of checkLocale(el.lang, undefined).problems) problem('lang', message);
  for (const message of checkLocale(undefined, el.strings).problems) problem('strings', message);

  const modelUrl = url('modelUrl');
  const modelLibUrl = url('modelLibUrl');
  const { maxModelSize, maxMemory, latencyThreshold } = settings;
  return {
    settings,
    runtime: {
      engine,
      runtimes: runtimes.runtimes,
      spec: resolveSpecUrls(
        {
          model: model as string,
          ...(modelUrl ? { modelUrl } : {}),
          ...(modelLibUrl ? { modelLibUrl } : {}),
          ...(maxModelSize !== undefined ? { maxDownloadBytes: maxModelSize } : {}),
          ...(maxMemory !== undefined ? { maxMemoryBytes: maxMemory } : {}),
          // `auto` on the CPU prefers the largest model predicted under this speed.
          latencyThresholdMs: latencyThreshold,
        },
        env.base, // relative URLs: against the page, not the worker
      ),
      workerUrl: url('workerUrl'),
      languages: env.lang ? [env.lang] : ['en'],
      share: el.share !== 'none',
    },
    problems,
  };
}

/** The language in force for `el`: its `lang` when it is text, else its nearest ancestor's or the page's. */
export const langIn = (el: Element & { lang: unknown }): string =>
  typeof el.lang === 'string' && el.lang ? el.lang : langOf(el);

/** Where `el` stands now (reads the document). */
export const envOf = (el: Element & { lang: unknown }): InputEnv => ({
  base: document.baseURI,
  lang: langIn(el),
});
