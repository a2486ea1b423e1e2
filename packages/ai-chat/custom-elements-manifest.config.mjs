// `custom-elements.json` from the JSDoc in src/ (run by scripts/build.mjs): attributes,
// properties, methods, events, slots, parts and CSS custom properties of <ai-chat>.
// Private members (`#x`, `private x`) are left out: the manifest describes the public API.
// Defaults written as named constants show their values (scripts/build.mjs runs tsc first).
const constants = {
  ...(await import('./dist/engine/kinds.js')),
  ...(await import('./dist/fit/limits.js')),
};

/** @type {import('@custom-elements-manifest/analyzer').Plugin} */
const publicOnly = {
  name: 'ai-chat-public-only',
  packageLinkPhase({ customElementsManifest }) {
    for (const mod of customElementsManifest.modules) {
      for (const decl of mod.declarations ?? []) {
        if (decl.members) {
          decl.members = decl.members.filter((m) => m.privacy !== 'private' && !m.name.startsWith('#'));
          for (const m of [...decl.members, ...(decl.attributes ?? [])])
            if (m.default && Object.hasOwn(constants, m.default))
              m.default = JSON.stringify(constants[m.default]);
        }
      }
    }
  },
};

export default {
  globs: ['src/ai-chat.ts', 'src/define.ts'],
  outdir: '.',
  litelement: true,
  dependencies: false,
  packagejson: false,
  plugins: [publicOnly],
};
