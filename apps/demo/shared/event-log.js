// Shared by the framework apps (apps/app-react, apps/app-vue, apps/app-svelte): one line of the
// event log per event.

const FIELDS = {
  'ai-chat-status': ['status'],
  'ai-chat-progress': ['phase', 'progress', 'loadedBytes', 'totalBytes'],
  'ai-chat-ready': ['model', 'downloadBytes', 'vramMB'],
  'ai-chat-message': ['message'],
  'ai-chat-stats': ['ttftMs', 'msPerToken', 'tokensPerSecond', 'completionTokens', 'rating'],
  'ai-chat-threshold': ['kind', 'limit', 'actual'],
  'ai-chat-error': ['code', 'message', 'recoverable'],
};

/** The event's name without the prefix, then its fields: `status status=ready`. */
export function describeEvent(event) {
  const values = (FIELDS[event.type] ?? []).map((field) => {
    const value = event[field];
    if (value && typeof value === 'object' && 'content' in value && 'role' in value) {
      const { role, content } = value;
      return `${role}: ${content.length > 60 ? `${content.slice(0, 60)}…` : content}`;
    }
    return `${field}=${typeof value === 'number' ? Math.round(value * 100) / 100 : String(value)}`;
  });
  return `${event.type.replace('ai-chat-', '')} ${values.join(' ')}`;
}

/** A log that lists progress only when it crosses a tenth: returns false for the others. */
export function progressFilter() {
  let step = -1;
  return (event) => {
    if (event.type !== 'ai-chat-progress') return true;
    const next = Math.floor(event.progress * 10);
    if (next === step) return false;
    step = next;
    return true;
  };
}
