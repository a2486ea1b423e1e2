/**
 * `lang` and `strings` as a page may set them from code, checked before they are used: a value of
 * the wrong type is reported (`invalid-attribute`) and the default is used instead, so it can never
 * stop the element from rendering. Pure.
 */

export interface LocaleCheck {
  /** What to use instead of the bad values (only those that were bad); the properties keep what the page set. */
  replace: { lang?: undefined; strings?: Record<string, string> };
  /** One plain sentence per bad value, naming the attribute or property. */
  problems: string[];
}

const show = (value: unknown) => {
  try {
    return typeof value === 'string' ? `"${value}"` : String(JSON.stringify(value) ?? value);
  } catch {
    return typeof value;
  }
};

export function checkLocale(lang: unknown, strings: unknown): LocaleCheck {
  const check: LocaleCheck = { replace: {}, problems: [] };
  if (lang != null && typeof lang !== 'string') {
    check.replace.lang = undefined;
    check.problems.push(
      `lang=${show(lang)} is not valid: expected a language tag such as en or zh-Hant. Following the page's language.`,
    );
  }
  if (strings == null) {
    check.replace.strings = {};
    return check;
  }
  if (typeof strings !== 'object' || Array.isArray(strings)) {
    check.replace.strings = {};
    check.problems.push(
      `strings=${show(strings)} is not valid: expected an object of texts. Using the default texts.`,
    );
    return check;
  }
  const kept: Record<string, string> = {};
  const bad: string[] = [];
  for (const [key, value] of Object.entries(strings)) {
    if (typeof value === 'string') kept[key] = value;
    else bad.push(key);
  }
  if (bad.length) {
    check.replace.strings = kept;
    for (const key of bad)
      check.problems.push(
        `strings.${key}=${show((strings as Record<string, unknown>)[key])} is not valid: expected text. Using the default.`,
      );
  }
  return check;
}
