/**
 * The host: the tab that loaded the model holds its Web Lock (until the last element of the page
 * using it leaves, or the page closes or dies) and answers the other tabs on its channel: whether
 * the model is loaded, and each guest's replies, streamed from its own runtime (whose worker runs
 * them one at a time with the page's own). Elements of one page share one seat.
 */
import { named } from '../../errors.js';
import type { CompletionChunk } from '../../engine.js';
import type { WireError } from '../../protocol.js';
import type { Runtime, RuntimeModel } from '../../runtime.js';
import { HANDOVER, newId, type ShareMessage } from './messages.js';

const seats = new Map<string, Seat>();

/** What a host says of one reply. */
type Said = { type: 'chunk'; chunk: CompletionChunk } | { type: 'end'; error?: WireError };

/** This page's seat for the model of channel `name`, if it hosts it. */
export const seatOf = (name: string): Seat | undefined => seats.get(name);

export class Seat {
  readonly id = newId();
  #name: string;
  #release: () => void;
  #channel: BroadcastChannel;
  /** The page's runtimes using the model, and those that loaded it (any of them serves guests). */
  #members = new Set<Runtime>();
  #loaded = new Set<Runtime>();
  #model: RuntimeModel | undefined;
  /** Guests' replies in flight, by guest and reply id. */
  #replies = new Map<string, { to: string; id: string; stop: AbortController }>();

  /** Seated with the lock held; `release` lets it go. */
  constructor(name: string, release: () => void) {
    this.#name = name;
    this.#release = release;
    this.#channel = new BroadcastChannel(name);
    this.#channel.onmessage = ({ data }: MessageEvent<ShareMessage>) => this.#receive(data);
    seats.set(name, this);
  }

  join(runtime: Runtime): void {
    this.#members.add(runtime);
  }

  /** `runtime` loaded the model: guests may now use it. */
  loaded(runtime: Runtime, model: RuntimeModel): void {
    this.#loaded.add(runtime);
    this.#model ??= model;
    this.#post({ type: 'ready', from: this.id, model: this.#model });
  }

  /** `runtime` no longer uses the model; the last one to leave gives the lock up. */
  leave(runtime: Runtime): void {
    this.#members.delete(runtime);
    this.#loaded.delete(runtime);
    if (this.#members.size) return;
    seats.delete(this.#name);
    for (const [key, reply] of this.#replies) {
      this.#replies.delete(key);
      this.#post({ type: 'end', from: this.id, to: reply.to, id: reply.id, error: HANDOVER });
      reply.stop.abort();
    }
    this.#channel.close();
    this.#release();
  }

  #post(message: ShareMessage) {
    this.#channel.postMessage(message);
  }

  #receive(message: ShareMessage) {
    if (message.type === 'ask')
      this.#post({ type: 'state', from: this.id, ...(this.#model ? { model: this.#model } : {}) });
    else if (message.type === 'generate' && message.to === this.id) void this.#serve(message);
    else if (message.type === 'stop' && message.to === this.id)
      this.#replies.get(`${message.from} ${message.id}`)?.stop.abort();
  }

  async #serve({ from, id, request }: Extract<ShareMessage, { type: 'generate' }>) {
    const key = `${from} ${id}`;
    const reply = { to: from, id, stop: new AbortController() };
    this.#replies.set(key, reply);
    // Only while the reply is this seat's: a seat that closed has said its last word already.
    const say = (message: Said) =>
      this.#replies.get(key) === reply && this.#post({ ...message, from: this.id, to: from, id });
    try {
      const [runtime] = this.#loaded;
      if (!runtime) throw named('EngineNotLoadedError', 'The model is not loaded in the host tab');
      for await (const chunk of runtime.generate(request, reply.stop.signal)) say({ type: 'chunk', chunk });
      say({ type: 'end' });
    } catch (error) {
      // What the runtime threw crosses the channel as a name and a message, as across the worker.
      const { name, message, detail } = error as Partial<WireError>;
      say({
        type: 'end',
        error: {
          name: String(name ?? 'Error'),
          message: String(message ?? error),
          ...(detail ? { detail } : {}),
        },
      });
    } finally {
      if (this.#replies.get(key) === reply) this.#replies.delete(key);
    }
  }
}
