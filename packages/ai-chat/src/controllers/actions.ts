/**
 * What the views' buttons do: each action calls the controller it belongs to, then moves focus
 * where the visitor's next step is. The views get these as plain callbacks.
 */
import type { ViewState } from '../view/state.js';
import type { ChatViewController } from './chat-view-controller.js';
import type { ComposerController } from './composer-controller.js';
import type { ConversationController } from './conversation-controller.js';
import type { ModelController } from './model-controller.js';
import type { StatusController } from './status-controller.js';

export interface ActionParts {
  model: ModelController;
  conversation: ConversationController;
  composer: ComposerController;
  status: StatusController;
  chat: ChatViewController;
  /** What is on screen now. */
  view: () => ViewState;
}

const ignore = () => undefined;

export function viewActions(
  host: { readonly autoload: boolean; readonly renderRoot: ParentNode },
  parts: ActionParts,
) {
  const { model, conversation, composer, status, chat } = parts;
  const focus = (selector?: string) => composer.focusAfter(selector);
  const consentCard = '[data-focus="consent"]';
  return {
    consent: () => {
      model.request().catch(ignore);
      focus();
    },
    cancel: () => {
      void model.cancel();
      focus(consentCard);
    },
    retry: () => {
      status.dismiss();
      // Before consent, trying again checks the device again; after it, it loads.
      if (model.consented || host.autoload) model.request().catch(ignore);
      else void model.check();
      focus(consentCard);
    },
    regenerate: () => {
      void conversation.regenerate();
      focus();
    },
    clearCache: () => void model.clearCache(),
    reset: () => {
      conversation.reset();
      focus();
    },
    dismiss: () => {
      status.dismiss();
      focus(consentCard);
    },
    submit: () => composer.submit(parts.view()),
    // A suggested question goes the way a typed one does (said why not, when it cannot be sent).
    suggest: (text: string) => {
      const input = host.renderRoot.querySelector('textarea');
      if (input) input.value = text;
      composer.submit(parts.view());
    },
    stop: () => {
      conversation.stop();
      focus();
    },
    input: () => composer.typed(),
    jumpToLatest: () => {
      chat.scroll?.toLatest();
      focus();
    },
  };
}
