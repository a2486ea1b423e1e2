/**
 * `persist="key"`: keeps the conversation in IndexedDB and restores it when an element with the
 * same key connects (a reload). Watches the conversation after each render of its element, so the
 * chat controller needs no hooks: a new message saves at once, a streaming reply is saved as a
 * draft at most every `DRAFT_EVERY_MS` (marked `interrupted`, so a reload mid-reply keeps it), and
 * an empty conversation (after `reset()`) deletes the record.
 *
 * Keys: the first key restores its conversation ahead of anything already said; a later key
 * (another key, or one set again after removing it) shows exactly that key's conversation, and
 * nothing is written across keys. Writers sharing a key (tabs, elements) merge by message identity,
 * so none loses a turn. A record this version cannot read is kept as it is, reported once with
 * code `storage`, and never written over; the element starts empty. Storage failures are reported
 * once per run of failures and never touch what is on screen.
 */
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { AiChatError } from '../errors.js';
import { persistKey } from '../persist/key.js';
import type { StoredMessage } from '../persist/record.js';
import type { Strings } from '../i18n/en.js';
import type { ChatMessage } from '../types.js';
import type { ConversationController } from './conversation-controller.js';
import type { StatusController } from './status-controller.js';

type Store = typeof import('../persist/store.js');

export interface PersistHost extends ReactiveControllerHost {
  persist: string | undefined;
}

/** What the controller reads and restores: the conversation, where failures go, the words for them. */
export interface PersistAccess {
  conversation: Pick<ConversationController, 'messages' | 'draft' | 'restore'>;
  status: Pick<StatusController, 'warn' | 'error' | 'dismiss'>;
  locale: { readonly strings: Pick<Strings, 'saveFailed' | 'restoreFailed' | 'storageUnreadable'> };
}

export const DRAFT_EVERY_MS = 400;

function storageError(template: string, error: unknown): AiChatError {
  const name = (error as { name?: unknown } | null)?.name;
  const detail = String((error as { message?: unknown } | null)?.message ?? error)
    .split('\n')[0]!
    .slice(0, 160);
  // A browser's storage failure may pass (a locked database, space freed): trying again can help.
  return new AiChatError(
    name === 'QuotaExceededError' ? 'quota-exceeded' : 'storage',
    template.replace('{detail}', detail),
    { recoverable: true },
  );
}

const newId = () =>
  globalThis.crypto?.randomUUID?.() ?? `${Date.now().toString(36)}-${Math.random().toString(36).slice(2)}`;

export class PersistController implements ReactiveController {
  #host: PersistHost;
  #access: PersistAccess;
  #key: string | undefined;
  #hadKey = false;
  #restoring: Promise<void> | undefined;
  #lastMessages: ChatMessage[] | undefined;
  #lastDraftLength = 0;
  #timer: ReturnType<typeof setTimeout> | undefined;
  #writes: Promise<unknown> = Promise.resolve();
  #failing = false;
  /** The storage warning this controller put on screen, taken down once storage works again. */
  #shown: AiChatError | undefined;
  /** Identity of each message on screen, per key: which ones this element has seen and wrote. */
  #ids = new WeakMap<ChatMessage, string>();
  #known = new Set<string>();
  #owned = new Set<string>();
  /** The streaming reply being saved as a draft, and its identity (the finished reply keeps it). */
  #draft: { message: ChatMessage; id: string } | undefined;
  /** Set when the key holds a record this version cannot read: nothing is written to it. */
  #blocked = false;

  constructor(host: PersistHost, access: PersistAccess) {
    this.#host = host;
    this.#access = access;
    host.addController(this);
  }

  hostDisconnected(): void {
    if (this.#timer !== undefined) this.#flush();
  }

  hostUpdated(): void {
    const key = persistKey(this.#host.persist);
    if (key !== this.#key) {
      if (this.#timer !== undefined) this.#flush(); // the old key's pending draft, under the old key
      this.#key = key;
      this.#ids = new WeakMap();
      this.#known = new Set();
      this.#owned = new Set();
      this.#draft = undefined;
      this.#blocked = false;
      this.#lastMessages = this.#access.conversation.messages;
      if (key) {
        // A later key replaces what is on screen; the first one keeps it after the restored part.
        const replaced = this.#hadKey ? new Set(this.#access.conversation.messages) : new Set<ChatMessage>();
        this.#hadKey = true;
        this.#restore(key, replaced);
      }
      return;
    }
    if (!key || this.#restoring || this.#blocked) return;
    const messages = this.#access.conversation.messages;
    const draft = this.#access.conversation.draft;
    if (messages !== this.#lastMessages) this.#flush();
    else if (draft && draft.content.length !== this.#lastDraftLength && this.#timer === undefined)
      this.#timer = setTimeout(() => this.#flush(), DRAFT_EVERY_MS);
  }

  #store(): Promise<Store> {
    return import('../persist/store.js');
  }

  #restore(key: string, replaced: Set<ChatMessage>) {
    const restoring = this.#store()
      .then((store) => store.loadConversation(key))
      .then(
        (saved) => {
          if (this.#key !== key) return;
          this.#ok();
          let restored: StoredMessage[] = [];
          if (saved && 'unreadable' in saved) {
            this.#blocked = true;
            this.#report(new AiChatError('storage', this.#unreadable(saved.unreadable)));
          } else if (saved) restored = saved.messages;
          const later = this.#access.conversation.messages.filter((m) => !replaced.has(m));
          if (restored.length || replaced.size) {
            // Anything said before the restore finished follows the restored conversation.
            this.#access.conversation.restore(
              [...restored.map(({ id: _, ...m }) => m), ...later],
              !replaced.size,
            );
            const shown = this.#access.conversation.messages;
            restored.forEach((m, i) => {
              if (shown[i]) this.#ids.set(shown[i]!, m.id);
              this.#known.add(m.id);
            });
          }
        },
        (error) => {
          if (this.#key !== key) return;
          if (replaced.size)
            this.#access.conversation.restore(
              this.#access.conversation.messages.filter((m) => !replaced.has(m)),
              false,
            );
          this.#report(storageError(this.#access.locale.strings.restoreFailed, error));
        },
      )
      .finally(() => {
        if (this.#restoring !== restoring) return;
        this.#restoring = undefined;
        this.#lastMessages = undefined; // save what is on screen now under this key
        this.#host.requestUpdate();
      });
    this.#restoring = restoring;
  }

  #unreadable(reason: string): string {
    return this.#access.locale.strings.storageUnreadable.replace('{detail}', reason);
  }

  #idOf(message: ChatMessage, draft: ChatMessage | undefined): string {
    let id = this.#ids.get(message);
    if (id === undefined) {
      // A finished reply is a copy of the draft: it keeps the draft's identity.
      const saved = this.#draft;
      id = saved && saved.message !== draft && message.role === 'assistant' ? saved.id : newId();
      if (id === saved?.id) this.#draft = undefined;
      this.#ids.set(message, id);
      this.#owned.add(id);
    }
    this.#known.add(id);
    return id;
  }

  /** Write the conversation now (with the streaming reply as an interrupted draft). */
  #flush() {
    clearTimeout(this.#timer);
    this.#timer = undefined;
    const key = this.#key;
    if (!key || this.#restoring || this.#blocked) return;
    const messages = this.#access.conversation.messages;
    const draft = this.#access.conversation.draft;
    this.#lastMessages = messages;
    this.#lastDraftLength = draft?.content.length ?? 0;
    const snapshot: StoredMessage[] = messages.map((m) => ({ ...m, id: this.#idOf(m, draft) }));
    if (this.#draft && this.#draft.message !== draft) this.#draft = undefined;
    if (draft?.content) {
      this.#draft ??= { message: draft, id: newId() };
      this.#owned.add(this.#draft.id);
      this.#known.add(this.#draft.id);
      snapshot.push({ ...draft, id: this.#draft.id, interrupted: true });
    }
    const known = new Set(this.#known);
    const owned = new Set(this.#owned);
    this.#writes = this.#writes
      .then(() => this.#store())
      .then((store) =>
        snapshot.length
          ? store.mergeConversation(key, snapshot, known, owned)
          : store.deleteConversation(key),
      )
      .then(
        (unreadable) => {
          if (unreadable === undefined) return this.#ok();
          if (this.#key === key) this.#blocked = true;
          this.#report(new AiChatError('storage', this.#unreadable(unreadable)));
        },
        (error) => this.#report(storageError(this.#access.locale.strings.saveFailed, error)),
      );
  }

  /** Storage works (again): a warning that it did not, still on screen, is over. */
  #ok() {
    this.#failing = false;
    const { status } = this.#access;
    if (this.#shown && status.error === this.#shown) status.dismiss();
    this.#shown = undefined;
  }

  /** Report a failure once per run of failures: a broken storage is said, not repeated per token. */
  #report(error: AiChatError) {
    if (this.#failing) return;
    this.#failing = true;
    // A record this version cannot read stays said: writing elsewhere does not make it readable.
    const shown = this.#access.status.warn(error);
    if (error.recoverable) this.#shown = shown;
  }
}
