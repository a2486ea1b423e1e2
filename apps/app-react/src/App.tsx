import { useCallback, useMemo, useRef, useState } from 'react';
import { AiChat, type AiChatElement } from 'ai-chat/react';
import { ScriptedEngine } from 'ai-chat/testing';
import { describeEvent, MODELS, progressFilter } from 'demo/shared/event-log.js';

/** The demo: a model picker, a scripted-engine switch, <ai-chat> and a live log of its events. */
export function App() {
  const [model, setModel] = useState('auto');
  const [scripted, setScripted] = useState(false);
  const [log, setLog] = useState<Array<{ key: number; type: string; text: string }>>([]);
  const chat = useRef<AiChatElement>(null);
  const counter = useRef(0);
  const listed = useMemo(progressFilter, []);

  const engine = useMemo(
    () =>
      scripted
        ? new ScriptedEngine({
            tokenDelayMs: 25,
            replies: (request) => ({
              text: `A scripted reply, token by token, from React. You asked: "${String(request.messages.at(-1)?.content ?? '')}".`,
            }),
          })
        : undefined,
    [scripted],
  );

  // Every event reaches React through its onAiChat… prop; progress is listed at each tenth.
  const record = useCallback(
    (event: Event) => {
      if (!listed(event)) return;
      const entry = { key: counter.current++, type: event.type, text: describeEvent(event) };
      setLog((lines) => [entry, ...lines].slice(0, 200));
    },
    [listed],
  );

  return (
    <main>
      <section>
        <h1>&lt;ai-chat&gt; in React</h1>
        <div className="controls">
          <label>
            Model{' '}
            <select id="model" value={model} onChange={(e) => setModel(e.target.value)}>
              {MODELS.map((m) => (
                <option key={m.id} value={m.id}>
                  {m.label}
                </option>
              ))}
            </select>
          </label>
          <label>
            <input
              id="scripted"
              type="checkbox"
              checked={scripted}
              onChange={(e) => setScripted(e.target.checked)}
            />{' '}
            Scripted demo engine (no download, no GPU)
          </label>
        </div>
        <AiChat
          ref={chat}
          model={model}
          engine={engine}
          maxModelSize="2GB"
          onAiChatStatus={record}
          onAiChatProgress={record}
          onAiChatReady={record}
          onAiChatMessage={record}
          onAiChatStats={record}
          onAiChatThreshold={record}
          onAiChatError={record}
        />
      </section>
      <aside>
        <h2>Events</h2>
        <ol className="log" id="log" aria-live="polite">
          {log.map((line) => (
            <li key={line.key} className={line.type}>
              {line.text}
            </li>
          ))}
        </ol>
      </aside>
    </main>
  );
}
