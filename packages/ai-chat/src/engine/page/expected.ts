/**
 * Which languages the element declares to the browser's Prompt API, as input and output. Apart
 * from `prompt-api.ts`, whose other code comes with the built-in runtime's chunk: the registry asks
 * `availability()` with these before it fetches that chunk, and takes only this before the first click.
 */
import type { AvailabilityOptions } from './prompt-api.js';

/**
 * The languages to declare for the element's languages (BCP 47 tags): their primary subtags, or
 * English when none is set. The browser answers `unavailable` for a language its model lacks.
 */
export function expectedLanguages(tags: readonly string[] = []): string[] {
  const primary = tags
    .map((tag) => tag.trim().split(/[-_]/)[0]!.toLowerCase())
    .filter((subtag) => /^[a-z]{2,3}$/.test(subtag));
  return primary.length ? [...new Set(primary)] : ['en'];
}

/** The options that declare the element's languages to the browser, as input and output. */
export function expected(languages?: readonly string[]): AvailabilityOptions {
  const text = [{ type: 'text' as const, languages: expectedLanguages(languages) }];
  return { expectedInputs: text, expectedOutputs: text };
}
