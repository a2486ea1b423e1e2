/**
 * Model output is untrusted input. Its HTML (made by the Markdown parser, which escapes raw HTML
 * first) goes through DOMPurify with an allow-list: text formatting, lists, tables, quotes, code,
 * links, and images only when the page allows them. No script, style, form, frame, SVG or MathML
 * element, no event handler, style, id, name or class attribute, and only http(s), mailto and
 * relative URLs survive. Links open in a new browsing context without opener or referrer.
 */
import DOMPurify from 'dompurify';

const TAGS = [
  'p', 'br', 'hr', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'strong', 'b', 'em', 'i', 'del', 's',
  'code', 'pre', 'blockquote', 'ul', 'ol', 'li', 'a', 'table', 'thead', 'tbody', 'tr', 'th', 'td',
  'span', 'sup', 'sub',
]; // prettier-ignore
const ATTRS = ['href', 'title', 'alt', 'src', 'align', 'start', 'data-lang'];

/** True for a URL that can only navigate or load: http(s), mailto, or relative without a scheme. */
export function isSafeUrl(url: string): boolean {
  // Browsers drop ASCII whitespace and control characters inside a scheme: "java\tscript:".
  // eslint-disable-next-line no-control-regex
  const bare = url.replace(/[\u0000-\u0020\u007f-\u009f]/g, '');
  if (/^(?:https?|mailto):/i.test(bare)) return true;
  return !/^[^/?#]*:/.test(bare) && !bare.startsWith('//');
}

/** Links and images of sanitized output: safe URLs only, no opener, no referrer. */
function afterAttributes(node: Node) {
  if (!(node instanceof Element)) return;
  for (const name of ['href', 'src']) {
    const url = node.getAttribute(name);
    if (url !== null && !isSafeUrl(url)) node.removeAttribute(name);
  }
  if (node.localName === 'a') {
    node.setAttribute('rel', 'noopener noreferrer');
    node.setAttribute('target', '_blank');
  }
  if (node.localName === 'img') {
    if (!/^https?:/i.test(node.getAttribute('src') ?? '')) node.removeAttribute('src');
    node.setAttribute('referrerpolicy', 'no-referrer');
    node.setAttribute('loading', 'lazy');
  }
}

type Config = Parameters<ReturnType<typeof DOMPurify>['sanitize']>[1];
const instances = new Map<string, ReturnType<typeof DOMPurify>>();

/**
 * One DOMPurify per configuration, configured once (`setConfig`): a configuration passed on each
 * call is parsed again on each call, which cost more than the sanitizing itself while a reply
 * streams (several calls per frame).
 */
function purifier(key: string, config: Config) {
  let purify = instances.get(key);
  if (!purify) {
    purify = DOMPurify(window);
    purify.addHook('afterSanitizeAttributes', afterAttributes);
    purify.setConfig({ ...config, RETURN_DOM_FRAGMENT: true });
    instances.set(key, purify);
  }
  return purify;
}

/** Sanitize HTML made from model text into a fragment ready to insert. */
export function sanitize(html: string, allowImages: boolean): DocumentFragment {
  return purifier(allowImages ? 'images' : 'text', {
    ALLOWED_TAGS: allowImages ? [...TAGS, 'img'] : TAGS,
    ALLOWED_ATTR: ATTRS,
    ALLOW_DATA_ATTR: false,
    ALLOW_ARIA_ATTR: false,
  }).sanitize(html, { RETURN_DOM_FRAGMENT: true });
}

/** Sanitize highlighter output: spans with classes, nothing else. */
export function sanitizeHighlight(html: string): DocumentFragment {
  return purifier('highlight', {
    ALLOWED_TAGS: ['span'],
    ALLOWED_ATTR: ['class'],
    ALLOW_DATA_ATTR: false,
  }).sanitize(html, { RETURN_DOM_FRAGMENT: true });
}
