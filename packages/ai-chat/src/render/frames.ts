/**
 * What the element adds around sanitized Markdown (its own DOM, never model markup): a bar with
 * the language and a copy button on code blocks, focus for what scrolls, and read-only checkboxes
 * for task list items.
 */
import type { MarkdownOptions } from './parse-block.js';

/** Marks the renderer puts where a task's box goes (private-use characters, text until made into a checkbox). */
export const TASK_OPEN = '\uE000';
export const TASK_DONE = '\uE001';

/**
 * A task list item (`- [x] done`): its text goes in a read-only checkbox (a span with the
 * checkbox role, named by the text), up to the first nested block.
 */
export function taskItem(li: HTMLLIElement) {
  const host = li.firstElementChild?.localName === 'p' ? li.firstElementChild : li;
  const first = host.firstChild;
  if (!(first instanceof Text) || !(first.data.startsWith(TASK_OPEN) || first.data.startsWith(TASK_DONE)))
    return;
  const done = first.data.startsWith(TASK_DONE);
  first.deleteData(0, 1);
  const box = document.createElement('span');
  box.className = 'task';
  box.setAttribute('role', 'checkbox');
  box.setAttribute('aria-checked', String(done));
  box.setAttribute('aria-disabled', 'true');
  const mark = document.createElement('span');
  mark.className = 'box';
  mark.setAttribute('aria-hidden', 'true');
  box.append(mark);
  while (
    host.firstChild &&
    !/^(?:ul|ol|p|div|pre|blockquote|table)$/.test((host.firstChild as Element).localName ?? '')
  )
    box.append(host.firstChild);
  host.prepend(box);
  li.classList.add('task-item');
}

/** The frame of a code block: a bar with the language and a copy button, then the `pre` appended by the caller. */
export function codeBlock(options: MarkdownOptions, language: string): HTMLElement {
  const wrap = document.createElement('div');
  wrap.className = 'code';
  const bar = document.createElement('div');
  bar.className = 'code-bar';
  const lang = document.createElement('span');
  lang.className = 'lang';
  lang.textContent = language;
  const button = document.createElement('button');
  button.type = 'button';
  button.className = 'copy';
  button.textContent = options.copyLabel;
  button.setAttribute('aria-label', options.copyName);
  bar.append(lang, button);
  wrap.append(bar);
  return wrap;
}

/** A code block scrolls sideways inside its message: it takes focus, so the keyboard can scroll it. */
export function scrollable(pre: HTMLElement): HTMLElement {
  pre.tabIndex = 0;
  return pre;
}
