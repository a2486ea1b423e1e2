/** The model picker's choices: `auto` and a few small prebuilt WebLLM models. */
export const MODELS: ReadonlyArray<{ id: string; label: string }> = [
  { id: 'auto', label: 'auto (best that fits this device)' },
  { id: 'SmolLM2-360M-Instruct-q4f32_1-MLC', label: 'SmolLM2 360M (f32)' },
  { id: 'Qwen2.5-0.5B-Instruct-q4f16_1-MLC', label: 'Qwen2.5 0.5B (f16)' },
  { id: 'Llama-3.2-1B-Instruct-q4f16_1-MLC', label: 'Llama 3.2 1B (f16)' },
];

/** One line of the event log: the event's name without the prefix, then its fields. */
export function describeEvent(event: Event): string {
  const fields: Record<string, readonly string[]> = {
    'ai-chat-status': ['status'],
    'ai-chat-progress': ['phase', 'progress', 'loadedBytes', 'totalBytes'],
    'ai-chat-ready': ['model', 'downloadBytes', 'vramMB'],
    'ai-chat-message': ['message'],
    'ai-chat-stats': ['ttftMs', 'msPerToken', 'tokensPerSecond', 'completionTokens', 'rating'],
    'ai-chat-threshold': ['kind', 'limit', 'actual'],
    'ai-chat-error': ['code', 'message', 'recoverable'],
  };
  const values = (fields[event.type] ?? []).map((field) => {
    const value = (event as unknown as Record<string, unknown>)[field];
    if (value && typeof value === 'object' && 'content' in value && 'role' in value) {
      const { role, content } = value as { role: string; content: string };
      return `${role}: ${content.length > 60 ? `${content.slice(0, 60)}…` : content}`;
    }
    return `${field}=${typeof value === 'number' ? Math.round(value * 100) / 100 : String(value)}`;
  });
  return `${event.type.replace('ai-chat-', '')} ${values.join(' ')}`;
}
