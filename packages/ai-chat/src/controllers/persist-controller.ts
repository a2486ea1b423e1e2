/**
 * `persist="key"`: keeps the conversation in IndexedDB and restores it when an element with the
 * same key connects (a reload). Watches the conversation after each render of its element, so the
 * chat controller needs no hooks: a new message saves at once, a streaming reply is saved as a
 * draft at most every `DRAFT_EVERY_MS` (marked `interrupted`, so a reload mid-reply keeps it), and
 * an empty conversation (after `reset()`) deletes the record. Storage failures are reported once
 * through `fail` and never touch what is on screen.
 */
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { AiChatError } from '../errors.js';
import type { ChatMessage } from '../types.js';

type Store = typeof import('../persist/store.js');

export interface PersistHost extends ReactiveControllerHost {
  persist: string | undefined;
}

/** How the controller reads and restores the conversation and reports failures. */
export interface PersistAccess {
  messages(): ChatMessage[];
  draft(): ChatMessage | undefined;
  restore(messages: ChatMessage[]): void;
  fail(error: AiChatError): void;
  /** The words for a failure, with `{detail}`, in the element's language. */
  text(key: 'saveFailed' | 'restoreFailed'): string;
}

export const DRAFT_EVERY_MS = 400;

function storageError(template: string, error: unknown): AiChatError {
  const name = (error as { name?: unknown } | null)?.name;
  const detail = String((error as { message?: unknown } | null)?.message ?? error)
    .split('\n')[0]!
    .slice(0, 160);
  return new AiChatError(
    name === 'QuotaExceededError' ? 'quota-exceeded' : 'engine',
    template.replace('{detail}', detail),
  );
}

export class PersistController implements ReactiveController {
  #host: PersistHost;
  #access: PersistAccess;
  #key: string | undefined;
  #restoring: Promise<void> | undefined;
  #lastMessages: ChatMessage[] | undefined;
  #lastDraftLength = 0;
  #timer: ReturnType<typeof setTimeout> | undefined;
  #writes: Promise<unknown> = Promise.resolve();
  #failing = false;

  constructor(host: PersistHost, access: PersistAccess) {
    this.#host = host;
    this.#access = access;
    host.addController(this);
  }

  hostDisconnected(): void {
    if (this.#timer !== undefined) this.#flush();
  }

  hostUpdated(): void {
    const key =
      typeof this.#host.persist === 'string' && this.#host.persist.trim() ? this.#host.persist : undefined;
    if (key !== this.#key) {
      this.#key = key;
      this.#lastMessages = this.#access.messages();
      if (key) this.#restore(key);
      return;
    }
    if (!key || this.#restoring) return;
    const messages = this.#access.messages();
    const draft = this.#access.draft();
    if (messages !== this.#lastMessages) this.#flush();
    else if (draft && draft.content.length !== this.#lastDraftLength && this.#timer === undefined)
      this.#timer = setTimeout(() => this.#flush(), DRAFT_EVERY_MS);
  }

  #store(): Promise<Store> {
    return import('../persist/store.js');
  }

  #restore(key: string) {
    const restoring = this.#store()
      .then((store) => store.loadConversation(key))
      .then(
        (saved) => {
          if (this.#key !== key) return;
          this.#ok();
          const restored = Array.isArray(saved?.messages) ? saved.messages : [];
          // Anything said before the restore finished follows the restored conversation.
          if (restored.length) this.#access.restore([...restored, ...this.#access.messages()]);
        },
        (error) => this.#report(storageError(this.#access.text('restoreFailed'), error)),
      )
      .finally(() => {
        if (this.#restoring !== restoring) return;
        this.#restoring = undefined;
        this.#lastMessages = undefined; // save what is on screen now under this key
        this.#host.requestUpdate();
      });
    this.#restoring = restoring;
  }

  /** Write the conversation now (with the streaming reply as an interrupted draft). */
  #flush() {
    clearTimeout(this.#timer);
    this.#timer = undefined;
    const key = this.#key;
    if (!key || this.#restoring) return;
    const messages = this.#access.messages();
    const draft = this.#access.draft();
    this.#lastMessages = messages;
    this.#lastDraftLength = draft?.content.length ?? 0;
    const snapshot = messages.map((m) => ({ ...m }));
    if (draft?.content) snapshot.push({ ...draft, interrupted: true });
    this.#writes = this.#writes
      .then(() => this.#store())
      .then((store) =>
        snapshot.length
          ? store.saveConversation(key, { messages: snapshot, savedAt: Date.now() })
          : store.deleteConversation(key),
      )
      .then(
        () => this.#ok(),
        (error) => this.#report(storageError(this.#access.text('saveFailed'), error)),
      );
  }

  #ok() {
    this.#failing = false;
  }

  /** Report a failure once per run of failures: a broken storage is said, not repeated per token. */
  #report(error: AiChatError) {
    if (this.#failing) return;
    this.#failing = true;
    this.#access.fail(error);
  }
}
