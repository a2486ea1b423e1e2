/**
 * The page's model workers, shared: elements that ask the same (a spec, before its preflight) or
 * that chose the same model on the same runtime (when it loads: `settleWorker`) share one
 * `WorkerClient`: one worker, one copy of the weights. Elements whose limits choose other models
 * get workers of their own, so a limit holds per element. The worker ends when its last user
 * releases it. Keys: `runtime-keys.ts`.
 */
import type { ModelSpec } from '../protocol.js';
import { spawnWorker } from '../spawn.js';
import { WorkerClient } from './worker-client.js';

interface Entry {
  client: WorkerClient;
  users: number;
  /** Every key it is found under: its spec's, then the model it chose. */
  keys: Set<string>;
  /** The key of the model its users chose (undefined until a preflight said). */
  chosen: string | undefined;
}

const entries = new Map<string, Entry>();
/** Every worker this page started and has not seen end, shared or being unloaded. */
const started = new Set<WorkerClient>();
/** The entry behind each lease. */
const held = new WeakMap<Lease, Entry>();

export interface Lease {
  client: WorkerClient;
  /** Give the worker back; the last user's release unloads the model and ends the worker. */
  release(): Promise<void>;
}

function live(key: string): Entry | undefined {
  const entry = entries.get(key);
  return entry?.client.alive ? entry : undefined;
}

function forget(entry: Entry) {
  for (const key of entry.keys) if (entries.get(key) === entry) entries.delete(key);
}

function found(entry: Entry, key: string): Entry {
  entry.keys.add(key);
  entries.set(key, entry);
  return entry;
}

function spawn(workerUrl: string | undefined, chosen?: string): Entry {
  const client = new WorkerClient(spawnWorker(workerUrl));
  const entry: Entry = { client, users: 0, keys: new Set(), chosen };
  started.add(client);
  client.onExit(() => {
    started.delete(client);
    forget(entry);
  });
  return entry;
}

function lease(entry: Entry): Lease {
  entry.users++;
  let released = false;
  const given: Lease = {
    client: entry.client,
    async release() {
      if (released) return;
      released = true;
      entry.users--;
      if (entry.users === 0) {
        forget(entry);
        await entry.client.unload();
      }
    },
  };
  held.set(given, entry);
  return given;
}

/** A lease on the worker for `key` (see `runtime-keys.ts`): the live one found under it, or a new one. */
export function acquireWorker(key: string, workerUrl?: string): Lease {
  return lease(live(key) ?? found(spawn(workerUrl), key));
}

/**
 * When the model loads: the lease to load `chosen` (the model the preflight chose, by id) with.
 * `given` when its worker chose that model, or chose nothing yet and no worker has it; else a lease
 * on the worker that has it (another element's, whatever limits chose it), or on a new one, and
 * `given` is released.
 */
export function settleWorker(given: Lease, chosen: ModelSpec, workerUrl?: string): Lease {
  const key = JSON.stringify(['chosen', chosen, workerUrl ?? '']);
  const entry = held.get(given);
  const other = live(key);
  if (!entry || entry.chosen === key || (entry.chosen === undefined && !other)) {
    if (entry) found(entry, key).chosen = key;
    return given;
  }
  const next = lease(other ?? found(spawn(workerUrl, key), key));
  void given.release();
  return next;
}

/** Workers alive in this page (a released worker counts until it has ended), for tests and diagnostics. */
export function liveWorkers(): number {
  return [...started].filter((client) => client.alive).length;
}
