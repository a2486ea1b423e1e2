// custom-elements.json for Storybook's controls, made from the element's JSDoc. Kept inside this
// app (gitignored) so Storybook does not depend on the package's own build of the manifest.
export default {
  globs: ['../../packages/ai-chat/src/ai-chat.ts'],
  outdir: '.',
  litelement: true,
};
