import { AiChat } from 'ai-chat/react';
import { useState } from 'react';

/** A React island: <AiChat> from ai-chat/react, rendered on the server, hydrated in the browser. */
export default function Chat() {
  const [replies, setReplies] = useState(0);
  return (
    <>
      <AiChat
        id="island"
        modelUrl="/models/generated.gguf"
        maxModelSize="2GB"
        onAiChatMessage={(e) => e.message.role === 'assistant' && setReplies((n) => n + 1)}
      />
      <p id="replies">{replies} replies</p>
    </>
  );
}
