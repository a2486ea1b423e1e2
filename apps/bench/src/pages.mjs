// The HTML pages the bench serves. `tag-*`: the element and its one script tag, nothing else
// (weight, start); `tag-launcher`: ours as `<ai-chat launcher>`, ready when its button is drawn.
// `drive-*`: the same script tag plus the harness that drives the element.
import { usableInput } from '../pages/usable.js';

export const ELEMENTS = {
  ours: { tag: 'ai-chat', script: '/ai-chat/ai-chat.js', prefix: '/ai-chat/' },
  deep: { tag: 'deep-chat', script: '/deep-chat/deepChat.bundle.js', prefix: '/deep-chat/' },
};

// Classic inline script placed just before the element's script tag: records the time of the tag
// and polls (every few ms, so the cost stays small) until the element's input can be typed in.
const launcherButton = (node) => node && node.shadowRoot && node.shadowRoot.querySelector('button.launcher');
const startProbe = (tag, ready = usableInput) => `<script>
window.__tag = performance.now();
(function () {
  var usableInput = ${ready.toString()};
  function poll() {
    if (usableInput(document.querySelector('${tag}'))) window.__ready = performance.now();
    else setTimeout(poll, 2);
  }
  poll();
})();
</script>`;

function tagPage({ tag, script }, attrs = '', ready = usableInput) {
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>${tag}</title></head>
<body>
<${tag}${attrs}></${tag}>
${startProbe(tag, ready)}
<script type="module" src="${script}"></script>
</body></html>`;
}

function drivePage({ tag, script }, kind) {
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>${tag} bench</title></head>
<body style="margin:0">
<script type="module" src="${script}"></script>
<script type="module">
  import '/bench/harness.js?kind=${kind}';
</script>
</body></html>`;
}

export function pages() {
  const out = {};
  for (const [kind, element] of Object.entries(ELEMENTS)) {
    out[`/page/tag-${kind}.html`] = tagPage(element);
    out[`/page/drive-${kind}.html`] = drivePage(element, kind);
  }
  out['/page/tag-launcher.html'] = tagPage(ELEMENTS.ours, ' launcher', launcherButton);
  return out;
}
