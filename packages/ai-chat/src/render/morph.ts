/**
 * Make `target`'s children equal to `source`'s, keeping the nodes that are already right. The open
 * block of a streaming reply is parsed again on every frame; replacing its DOM each time makes the
 * browser style, shape and lay out all of its text again, while a token usually only lengthens
 * the last text node. Nodes of `source` that are needed are moved into `target`.
 */
const ELEMENT = 1;
const TEXT = 3;

const same = (a: Node, b: Node) =>
  a.nodeType === b.nodeType &&
  (a.nodeType !== ELEMENT || (a as Element).localName === (b as Element).localName);

function syncText(target: CharacterData, data: string) {
  const old = target.data;
  if (old === data) return;
  if (data.length > old.length && data.startsWith(old)) target.appendData(data.slice(old.length));
  else target.data = data;
}

function syncAttributes(target: Element, source: Element) {
  for (const { name } of [...target.attributes]) if (!source.hasAttribute(name)) target.removeAttribute(name);
  for (const { name, value } of source.attributes)
    if (target.getAttribute(name) !== value) target.setAttribute(name, value);
}

export function morphChildren(target: ParentNode, source: ParentNode): void {
  let t = target.firstChild;
  let s = source.firstChild;
  while (s) {
    const next = s.nextSibling;
    if (t && same(t, s)) {
      if (t.nodeType === ELEMENT) {
        syncAttributes(t as Element, s as Element);
        morphChildren(t as Element, s as Element);
      } else if (t.nodeType === TEXT || t.nodeType === 8) {
        syncText(t as CharacterData, (s as CharacterData).data);
      }
      t = t.nextSibling;
    } else {
      target.insertBefore(s, t);
    }
    s = next;
  }
  while (t) {
    const next = t.nextSibling;
    t.remove();
    t = next;
  }
}
