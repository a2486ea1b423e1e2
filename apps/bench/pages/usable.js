// The text input of <ai-chat> or <deep-chat>, once it can be typed in (else null). Shared by the
// harness and the script-tag pages (inlined there, so it costs no request).
export function usableInput(node) {
  const root = node && node.shadowRoot;
  if (!root) return null;
  const input = root.querySelector('textarea, #text-input, [contenteditable="true"]');
  if (!input || input.disabled || input.getClientRects().length === 0) return null;
  return input;
}
