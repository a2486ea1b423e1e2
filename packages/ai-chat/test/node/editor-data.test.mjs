// The editors' files made from custom-elements.json by the build (scripts/editor-data.mjs): VS Code's
// HTML custom data and JetBrains web-types, shipped in dist/ and named by package.json.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { valuesOf, vscodeData, webTypes } from '../../scripts/editor-data.mjs';

const read = (path) => JSON.parse(readFileSync(new URL(`../../${path}`, import.meta.url), 'utf8'));
const pkg = read('package.json');
const manifest = read('custom-elements.json');
const element = manifest.modules.flatMap((m) => m.declarations ?? []).find((d) => d.tagName === 'ai-chat');

describe("editors' files from custom-elements.json", () => {
  it('valuesOf lists the string literals of a union type', () => {
    for (const [type, values] of [
      ["'light' | 'dark' | undefined", ['light', 'dark']],
      ['string | undefined', []],
      [undefined, []],
    ])
      assert.deepEqual(valuesOf(type), values, type);
  });

  it('VS Code custom data: <ai-chat> with every attribute, its values and its events in the description', () => {
    const data = read('dist/vscode.html-custom-data.json');
    assert.deepEqual(data, vscodeData(manifest));
    const [tag] = data.tags;
    assert.equal(tag.name, 'ai-chat');
    assert.deepEqual(
      tag.attributes.map((a) => a.name),
      element.attributes.map((a) => a.name),
    );
    const theme = tag.attributes.find((a) => a.name === 'theme');
    assert.deepEqual(theme.values, [{ name: 'light' }, { name: 'dark' }]);
    assert.equal(tag.attributes.find((a) => a.name === 'autoload').valueSet, 'v');
    assert.match(tag.description, /`ai-chat-error`/);
  });

  it('JetBrains web-types: named by package.json, with attributes, events, slots, parts and CSS properties', () => {
    assert.equal(pkg['web-types'], './dist/web-types.json');
    const types = read(pkg['web-types']);
    assert.deepEqual(types, webTypes(manifest, pkg));
    const [el] = types.contributions.html.elements;
    assert.equal(el.name, 'ai-chat');
    assert.equal(el.attributes.length, element.attributes.length);
    assert.deepEqual(
      el.js.events.map((e) => e.name),
      element.events.map((e) => e.name),
    );
    assert.ok(el.js.properties.some((p) => p.name === 'engine'));
    assert.deepEqual(
      el.slots.map((s) => s.name),
      ['header', 'empty', 'footer', 'launcher-label'],
    );
    assert.ok(el.css.parts.some((p) => p.name === 'consent'));
    assert.ok(el.css.properties.some((p) => p.name === '--ai-chat-accent'));
  });
});
