/**
 * Add `sheet` to a shadow root's adopted style sheets, once: before `before` when that sheet is
 * there (so the cascade stays the order of the element's `styles`), else last. For the styles of
 * lazy chunks (the log's, Markdown's), which arrive after the element's own.
 */
export function adoptSheet(root: ShadowRoot, sheet: CSSStyleSheet, before?: CSSStyleSheet): void {
  const sheets = root.adoptedStyleSheets;
  if (sheets.includes(sheet)) return;
  const at = before ? sheets.indexOf(before) : -1;
  root.adoptedStyleSheets =
    at < 0 ? [...sheets, sheet] : [...sheets.slice(0, at), sheet, ...sheets.slice(at)];
}
