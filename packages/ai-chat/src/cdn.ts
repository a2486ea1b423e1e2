/**
 * The script-tag entry (`dist/cdn/ai-chat.js`): a small loader in front of the element. A page
 * with an inline `<ai-chat>` (or none yet: one may come from code, or sit in another shadow root)
 * gets the whole element at once. A page whose `<ai-chat>` elements are all launchers gets their
 * round buttons only (`launcher/draw.ts`, a few KB); the element, and with it the preflight and
 * the worker, is fetched when the visitor points at a button, focuses it or clicks it. An inline
 * `<ai-chat>` added later loads the element then.
 */
if (!customElements.get('ai-chat')) {
  let element: Promise<unknown> | undefined;
  const found = document.getElementsByTagName('ai-chat');
  // The element is the build's `index.js` beside this file (an entry of its own, so that it finds
  // `worker.js` beside itself), one file with all its eager code (a Rollup build):
  // named by a URL, so that the bundler keeps it out of this file.
  const load = () =>
    (element ??= import(new URL('./index.js', import.meta.url).href).then(
      () => observer.disconnect(),
      () => void (element = undefined), // tried again at the next sign of interest
    ));
  const scan = () => {
    let undrawn = false;
    for (const el of found)
      if (!el.hasAttribute('launcher')) return void load();
      else undrawn ||= !el.shadowRoot;
    if (undrawn) void import('./launcher/draw.js').then((m) => m.draw(found, load));
  };
  const observer = new MutationObserver(scan);
  if (found.length) {
    observer.observe(document, { childList: true, subtree: true });
    scan();
  } else void load();
}
