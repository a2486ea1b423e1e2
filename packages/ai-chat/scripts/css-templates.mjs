// The CSS in Lit's `css` templates without interpolations (the element's styles, the launcher's,
// the Markdown styles), minified by esbuild's CSS minifier: the element's styles are part of what a
// page loads before consent. Both builds use it: esbuild's (the loader) and Rollup's
// (rollup-build.mjs).
import { transform } from 'esbuild';

/** The source files that hold styles. */
export const STYLES = /(?:\.styles|[\\/]styles[\\/][\w-]+)\.ts$/;

/** Lit's tag only: `css` followed by a template, not preceded by a backtick (a comment's \`css\`). */
const CSS_TEMPLATE = /(?<![\w`])css`([^`$]*)`/g;

/** `source` with the CSS of each of its `css` templates minified. */
export async function minifyCss(source) {
  for (const [whole, body] of source.matchAll(CSS_TEMPLATE)) {
    const { code } = await transform(body, { loader: 'css', minify: true, logLevel: 'silent' });
    source = source.replace(whole, `css\`${code.trim()}\``);
  }
  return source;
}
