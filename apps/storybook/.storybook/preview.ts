import type { Preview } from '@storybook/web-components-vite';
import { setCustomElementsManifest } from '@storybook/web-components-vite';
import { setStorybookHelpersConfig } from '@wc-toolkit/storybook-helpers';
import manifest from '../custom-elements.json' with { type: 'json' };

setCustomElementsManifest(manifest);
setStorybookHelpersConfig({ hideArgRef: true });

const preview: Preview = {
  parameters: {
    controls: { expanded: true },
    layout: 'padded',
    // Every story is also an accessibility check (axe, shadow DOM included): a violation fails its test.
    a11y: { test: 'error' },
  },
};
export default preview;
