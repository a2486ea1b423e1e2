/**
 * One model for every tab of a site (`share="tabs"`), the chunk loaded when a tab loads a model or
 * finds one loaded elsewhere. Tabs that want the same model on the same runtime (the same channel
 * name, see `../worker-side.ts`) elect one host with the model's Web Lock: the first to load holds it, and
 * its page keeps it until the last of its elements lets the model go, or the page closes or dies.
 * The others are guests: ready at once when the host has loaded (no consent card, no download, no
 * second load), they send their requests to it on the model's `BroadcastChannel`. When the host
 * goes, a reply in flight in a guest ends interrupted (its text kept) and the guests elect the next
 * host, which loads the model again from the browser's cache. Each tab keeps its own conversation.
 */
import { cancelled } from '../../errors.js';
import type { Runtime, RuntimeModel } from '../../runtime.js';
import { Guest } from './guest.js';
import { seatOf, Seat } from './host.js';
import { guestModel, type ShareMessage } from './messages.js';

type Role = { seat: Seat; model: RuntimeModel } | { guest: Guest };

export function tabShare(local: Runtime, name: string): Runtime {
  return globalThis.navigator?.locks && typeof BroadcastChannel === 'function'
    ? new TabShare(local, name)
    : local;
}

/**
 * Find the host of `name`: its loaded model, or (`claim`) a seat of our own when no tab holds the
 * lock. Without `claim`, a host still loading, or none, gives `undefined`; with it, a host still
 * loading is waited for (it says `ready`), and a host that goes meanwhile hands the lock to us.
 */
function find(
  name: string,
  claim: boolean,
  signal: AbortSignal,
): Promise<{ seat: Seat } | { host: string; model: RuntimeModel } | undefined> {
  return new Promise((resolve, reject) => {
    const channel = new BroadcastChannel(name);
    const queued = new AbortController();
    let done = false;
    const finish = () => {
      done = true;
      queued.abort();
      channel.close();
      signal.removeEventListener('abort', cancel);
    };
    const cancel = () => {
      if (done) return;
      finish();
      reject(cancelled());
    };
    signal.addEventListener('abort', cancel, { once: true });
    channel.onmessage = ({ data }: MessageEvent<ShareMessage>) => {
      if (done || (data.type !== 'state' && data.type !== 'ready')) return;
      // The host is another element of this page (seated meanwhile): join its seat.
      const own = claim ? seatOf(name) : undefined;
      if (!data.model && claim && !own) return;
      finish();
      resolve(own ? { seat: own } : data.model ? { host: data.from, model: data.model } : undefined);
    };
    navigator.locks
      .request(name, { signal: queued.signal }, () => {
        // A guest meanwhile, or only asking: the lock goes at once.
        if (done) return;
        finish();
        if (!claim) return resolve(undefined);
        return new Promise<void>((release) => resolve({ seat: new Seat(name, release) }));
      })
      .catch(() => undefined);
    channel.postMessage({ type: 'ask', from: '' } satisfies ShareMessage);
    if (signal.aborted) cancel();
  });
}

class TabShare implements Runtime {
  #local: Runtime;
  #name: string;
  /** The role once taken: host (this page's seat) or guest (of another tab). */
  #current: Role | undefined;
  /** Taking the role (a load, or the takeover after a host went). */
  #taking: Promise<Role> | undefined;
  /** Ends a takeover on unload. */
  #quit = new AbortController();

  constructor(local: Runtime, name: string) {
    this.#local = local;
    this.#name = name;
  }

  async preflight(signal: AbortSignal): Promise<RuntimeModel> {
    const role = this.#current;
    if (role && 'guest' in role) return guestModel(role.guest.model);
    const found = role || seatOf(this.#name) ? undefined : await find(this.#name, false, signal);
    return found && 'model' in found ? guestModel(found.model) : this.#local.preflight(signal);
  }

  async load(onProgress: Parameters<Runtime['load']>[0], signal: AbortSignal): Promise<RuntimeModel> {
    const taking = (this.#taking = this.#take(onProgress, signal));
    const role = await taking;
    return 'guest' in role ? guestModel(role.guest.model) : role.model;
  }

  async #take(onProgress: Parameters<Runtime['load']>[0], signal: AbortSignal): Promise<Role> {
    const own = seatOf(this.#name);
    const found = own ? { seat: own } : await find(this.#name, true, signal);
    if (!found) throw cancelled();
    if ('host' in found) {
      const guest = new Guest(this.#name, found.host, found.model, () => this.#handover(guest));
      return (this.#current = { guest });
    }
    const { seat } = found;
    seat.join(this.#local);
    try {
      const model = await this.#local.load(onProgress, signal);
      seat.loaded(this.#local, model);
      return (this.#current = { seat, model });
    } catch (error) {
      seat.leave(this.#local);
      throw error;
    }
  }

  /** The host went: the next host is elected (maybe this tab, loading from the cache). */
  #handover(guest: Guest) {
    const role = this.#current;
    if (!role || !('guest' in role) || role.guest !== guest) return;
    this.#current = undefined;
    this.#taking = undefined;
    void this.#takeover().catch(() => undefined);
  }

  /** Take the role again after a host went; a failure is the next reply's, and the one after tries again. */
  #takeover(): Promise<Role> {
    const taking = (this.#taking ??= this.#take(() => undefined, this.#quit.signal));
    taking.catch(() => this.#taking === taking && (this.#taking = undefined));
    return taking;
  }

  async *generate(...[request, signal]: Parameters<Runtime['generate']>) {
    const role = this.#current ?? (await this.#takeover());
    if ('guest' in role) yield* role.guest.generate(request, signal);
    else yield* this.#local.generate(request, signal);
  }

  /** Counted here when this tab holds the model; a guest's turns are estimated (no worker starts here). */
  async countTokens(...[messages, signal]: Parameters<NonNullable<Runtime['countTokens']>>) {
    const role = this.#current;
    return role && 'seat' in role ? this.#local.countTokens?.(messages, signal) : undefined;
  }

  async unload(): Promise<void> {
    this.#quit.abort();
    this.#quit = new AbortController();
    const role = this.#current;
    this.#current = undefined;
    this.#taking = undefined;
    if (role && 'guest' in role) role.guest.close();
    if (role && 'seat' in role) role.seat.leave(this.#local);
    await this.#local.unload();
  }

  clearCache(): Promise<void> {
    return this.#local.clearCache();
  }

  onExit(listener: (error: unknown) => void): () => void {
    return this.#local.onExit(listener);
  }
}
