// The npm apps' `#scripted` button (apps/app-*): a click hands a `ScriptedEngine` (ai-chat/testing,
// fetched then) to every <ai-chat> of the page, which then replies without a model.
document.addEventListener('click', async (event) => {
  if (!(event.target instanceof Element) || !event.target.closest('#scripted')) return;
  const { ScriptedEngine } = await import('ai-chat/testing');
  for (const el of document.querySelectorAll('ai-chat'))
    el.engine = new ScriptedEngine({
      tokenDelayMs: 10,
      replies: (request) => ({ text: `A scripted reply. You asked: "${request.messages.at(-1).content}"` }),
    });
});
