/**
 * A guest: a tab whose model another tab holds sends its requests there and reads the tokens back;
 * Stop goes there too. It waits in the queue of the model's Web Lock the whole time, so it is given
 * the lock as soon as the host tab closes or dies: it lets it go at once, ends a reply in flight
 * (an `AbortError`: the reply is marked interrupted, its text kept), and calls `onGone`.
 */
import type { CompletionChunk, CompletionRequest } from '../../engine.js';
import type { WireError } from '../../protocol.js';
import type { RuntimeModel } from '../../runtime.js';
import { HANDOVER, newId, type ShareMessage } from './messages.js';

/** One reply's chunks, pushed as they arrive and read as an async iterable. */
class Inbox {
  #chunks: CompletionChunk[] = [];
  #done = false;
  #error: WireError | undefined;
  #wake: (() => void) | undefined;

  push(chunk: CompletionChunk) {
    this.#chunks.push(chunk);
    this.#notify();
  }

  end(error?: WireError) {
    if (this.#done) return;
    this.#done = true;
    this.#error = error;
    this.#notify();
  }

  get done() {
    return this.#done;
  }

  #notify() {
    this.#wake?.();
    this.#wake = undefined;
  }

  /** Read until the end; `closed` runs however the reading ends. */
  async *read(closed: () => void): AsyncGenerator<CompletionChunk> {
    try {
      for (;;) {
        const chunk = this.#chunks.shift();
        if (chunk) yield chunk;
        else if (this.#error) throw this.#error;
        else if (this.#done) return;
        else await new Promise<void>((resolve) => (this.#wake = resolve));
      }
    } finally {
      closed();
    }
  }
}

export class Guest {
  readonly id = newId();
  readonly host: string;
  readonly model: RuntimeModel;
  #channel: BroadcastChannel;
  #replies = new Map<string, Inbox>();
  #watch = new AbortController();
  #closed = false;

  constructor(name: string, host: string, model: RuntimeModel, onGone: () => void) {
    this.host = host;
    this.model = model;
    this.#channel = new BroadcastChannel(name);
    this.#channel.onmessage = ({ data }: MessageEvent<ShareMessage>) => {
      if (data.from !== host || !('to' in data) || data.to !== this.id) return;
      const inbox = this.#replies.get(data.id);
      if (data.type === 'chunk') inbox?.push(data.chunk);
      else if (data.type === 'end') inbox?.end(data.error);
    };
    navigator.locks
      .request(name, { signal: this.#watch.signal }, () => {
        if (this.#closed) return;
        this.close(HANDOVER);
        onGone();
      })
      .catch(() => undefined);
  }

  generate(request: CompletionRequest, signal: AbortSignal): AsyncIterable<CompletionChunk> {
    const id = newId();
    const inbox = new Inbox();
    this.#replies.set(id, inbox);
    const stop = () => {
      if (!inbox.done) this.#post({ type: 'stop', from: this.id, to: this.host, id });
      inbox.end();
    };
    signal.addEventListener('abort', stop, { once: true });
    if (signal.aborted) stop();
    else this.#post({ type: 'generate', from: this.id, to: this.host, id, request });
    return inbox.read(() => {
      signal.removeEventListener('abort', stop);
      // Left early (the element stopped reading): the host stops too.
      if (!inbox.done) stop();
      this.#replies.delete(id);
    });
  }

  /** Stop watching and end every reply in flight (with `error`, or as stopped). */
  close(error?: WireError): void {
    if (this.#closed) return;
    for (const [id, inbox] of this.#replies) {
      if (!error) this.#post({ type: 'stop', from: this.id, to: this.host, id });
      inbox.end(error);
    }
    this.#replies.clear();
    this.#closed = true;
    this.#watch.abort();
    this.#channel.close();
  }

  #post(message: ShareMessage) {
    if (!this.#closed) this.#channel.postMessage(message);
  }
}
