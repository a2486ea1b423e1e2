/**
 * The script-tag entry (`dist/cdn/ai-chat.js`): a small loader in front of the element. A page
 * with an inline `<ai-chat>` (or none yet: one may come from code, or sit in another shadow root)
 * gets the whole element at once. A page whose `<ai-chat>` elements are all launchers gets their
 * round buttons only (`launcher/draw.ts`, a few KB); the element, and with it the preflight and
 * the worker, is fetched when the visitor points at a button, focuses it or clicks it. An inline
 * `<ai-chat>` added later loads the element then.
 */
/** The files `index.js` imports, space-separated (set by the build; none from the sources). */
declare const AI_CHAT_FILES: string;

if (!customElements.get('ai-chat')) {
  let element: Promise<unknown> | undefined;
  const found = document.getElementsByTagName('ai-chat');
  // The element is the build's `index.js` beside this file (an entry of its own, so that it finds
  // `worker.js` beside itself): named by a URL, so that the bundler keeps it out of this file.
  const load = () => {
    // Its files are asked for together with index.js, not after it: one round trip less.
    if (!element && typeof AI_CHAT_FILES == 'string')
      for (const file of AI_CHAT_FILES.split(' '))
        import(new URL(file, import.meta.url).href).catch(() => {});
    return (element ??= import(new URL('./index.js', import.meta.url).href).then(
      () => observer.disconnect(),
      () => void (element = undefined), // tried again at the next sign of interest
    ));
  };
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
