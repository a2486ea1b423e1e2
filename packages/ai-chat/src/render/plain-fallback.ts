/**
 * The last line of defence of a message's rendering: a renderer that throws (a Markdown parser's
 * stack overflow on thousands of nested `*` or `>`, or any other bug) must not take the element's
 * update down with it. The message is shown as plain text instead, never as HTML, and the rest of
 * the conversation renders on.
 */

/** Run `render` for `element`; when it throws, show `text` as plain text in it and return false. */
export function renderOrPlain(element: HTMLElement, text: string, render: () => void): boolean {
  try {
    render();
    return true;
  } catch {
    element.classList.remove('markdown');
    element.replaceChildren(document.createTextNode(text));
    return false;
  }
}
