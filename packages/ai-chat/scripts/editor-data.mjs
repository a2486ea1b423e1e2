// Editors' files made from custom-elements.json (run by scripts/build.mjs), shipped in dist/:
// - dist/vscode.html-custom-data.json: VS Code's HTML custom data (`html.customData` in settings);
// - dist/web-types.json: JetBrains web-types (found through package.json's "web-types" field).
// Both describe the tags, their attributes (with their values where the type lists them), events,
// slots, parts and CSS custom properties.
import { readFileSync, writeFileSync } from 'node:fs';

/** The custom elements a manifest declares. */
export const elementsOf = (manifest) =>
  manifest.modules.flatMap((mod) => mod.declarations ?? []).filter((d) => d.customElement && d.tagName);

/** `'light' | 'dark' | undefined` → `['light', 'dark']`; a type that lists no string: `[]`. */
export const valuesOf = (type = '') =>
  type
    .split('|')
    .map((part) => /^\s*'([^']*)'\s*$/.exec(part)?.[1])
    .filter((value) => value !== undefined);

const isBoolean = (attribute) => attribute.type?.text === 'boolean';

/** VS Code's HTML custom data (version 1.1) for the manifest's elements. */
export function vscodeData(manifest) {
  return {
    $schema:
      'https://raw.githubusercontent.com/microsoft/vscode-html-languageservice/main/docs/customData.schema.json',
    version: 1.1,
    tags: elementsOf(manifest).map((el) => ({
      name: el.tagName,
      description: [
        el.description ?? el.summary ?? '',
        listOf('Events', el.events),
        listOf('Slots', el.slots),
      ]
        .filter(Boolean)
        .join('\n\n'),
      attributes: (el.attributes ?? []).map((a) => ({
        name: a.name,
        description: [a.description, a.default ? `Default: ${a.default}` : ''].filter(Boolean).join('\n\n'),
        ...(isBoolean(a) ? { valueSet: 'v' } : {}),
        ...(valuesOf(a.type?.text).length
          ? { values: valuesOf(a.type?.text).map((name) => ({ name })) }
          : {}),
      })),
    })),
  };
}

function listOf(title, items = []) {
  if (items.length === 0) return '';
  return `${title}: ${items.map((i) => `\`${i.name || '(default)'}\``).join(', ')}`;
}

/** JetBrains web-types for the manifest's elements, in the package `pkg` ({ name, version }). */
export function webTypes(manifest, pkg) {
  const named = (items = []) => items.map((i) => ({ name: i.name, description: i.description ?? '' }));
  return {
    $schema: 'https://json.schemastore.org/web-types',
    name: pkg.name,
    version: pkg.version,
    'description-markup': 'markdown',
    contributions: {
      html: {
        elements: elementsOf(manifest).map((el) => ({
          name: el.tagName,
          description: el.description ?? el.summary ?? '',
          attributes: (el.attributes ?? []).map((a) => ({
            name: a.name,
            description: a.description ?? '',
            ...(a.default ? { default: a.default } : {}),
            value: isBoolean(a)
              ? { kind: 'no-value' }
              : { kind: 'plain', type: a.type?.text ?? 'string', required: false },
          })),
          slots: named(el.slots),
          js: {
            properties: (el.members ?? [])
              .filter((m) => m.kind === 'field' && !m.static)
              .map((m) => ({
                name: m.name,
                description: m.description ?? '',
                ...(m.type ? { type: m.type.text } : {}),
              })),
            events: named(el.events),
          },
          css: { parts: named(el.cssParts), properties: named(el.cssProperties) },
        })),
      },
    },
  };
}

export function writeEditorData(root) {
  const manifest = JSON.parse(readFileSync(`${root}custom-elements.json`, 'utf8'));
  const pkg = JSON.parse(readFileSync(`${root}package.json`, 'utf8'));
  writeFileSync(
    `${root}dist/vscode.html-custom-data.json`,
    `${JSON.stringify(vscodeData(manifest), null, 2)}\n`,
  );
  writeFileSync(`${root}dist/web-types.json`, `${JSON.stringify(webTypes(manifest, pkg), null, 2)}\n`);
}
