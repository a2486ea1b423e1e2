import type { Preview } from '@storybook/web-components-vite';
import { setCustomElementsManifest } from '@storybook/web-components-vite';
import { setStorybookHelpersConfig } from '@wc-toolkit/storybook-helpers';
import manifest from '../custom-elements.json' with { type: 'json' };

setCustomElementsManifest(manifest);
setStorybookHelpersConfig({ hideArgRef: true });

// A story fails on Lit's dev-mode warnings (other than the one saying dev mode is on), as the
// package's own tests do.
const litWarnings: string[] = [];
const warn = console.warn.bind(console);
console.warn = (...args: unknown[]) => {
  const text = args.map(String).join(' ');
  if (/lit/i.test(text) && !/Lit is in dev mode|multiple versions of Lit/i.test(text)) litWarnings.push(text);
  warn(...args);
};

const preview: Preview = {
  beforeEach() {
    litWarnings.length = 0;
  },
  afterEach() {
    const found = litWarnings.splice(0);
    if (found.length) throw new Error(`Lit warned: ${found.join('\n')}`);
  },
  parameters: {
    controls: { expanded: true },
    layout: 'padded',
    // Every story is also an accessibility check (axe, shadow DOM included): a violation fails its test.
    a11y: { test: 'error' },
  },
};
export default preview;
