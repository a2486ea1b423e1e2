import type {} from 'ai-chat/jsx/react';
import { AiChat } from 'ai-chat/react';
import { describeEvent, progressFilter } from 'demo/shared/event-log.js';
import 'demo/shared/scripted-button.js';
import { useCallback, useMemo, useRef, useState } from 'react';

/**
 * <ai-chat> twice: as an element in React 19's JSX (its events as `onai-chat-…` props), and as the
 * component of ai-chat/react (its events as `onAiChat…` props). Both feed one event log.
 */
export function App() {
  const [log, setLog] = useState<Array<{ key: number; text: string }>>([]);
  const counter = useRef(0);
  const listed = useMemo(progressFilter, []);
  const record = useCallback(
    (from: string) => (event: Event) => {
      if (!listed(event)) return;
      const entry = { key: counter.current++, text: `${from} ${describeEvent(event)}` };
      setLog((lines) => [entry, ...lines].slice(0, 200));
    },
    [listed],
  );

  return (
    <main>
      <section>
        <h1>&lt;ai-chat&gt; in React 19</h1>
        <button id="scripted" type="button">
          Scripted engine (no download)
        </button>
        <h2>The element</h2>
        <ai-chat
          id="element"
          model-url="/models/generated.gguf"
          max-model-size="2GB"
          onai-chat-status={record('element')}
          onai-chat-message={record('element')}
          onai-chat-error={record('element')}
        ></ai-chat>
        <h2>ai-chat/react</h2>
        <AiChat
          id="component"
          modelUrl="/models/generated.gguf"
          maxModelSize="2GB"
          onAiChatStatus={record('component')}
          onAiChatMessage={record('component')}
          onAiChatError={record('component')}
        />
      </section>
      <aside>
        <h2>Events</h2>
        <ol className="log" id="log" aria-live="polite">
          {log.map((line) => (
            <li key={line.key}>{line.text}</li>
          ))}
        </ol>
      </aside>
    </main>
  );
}
