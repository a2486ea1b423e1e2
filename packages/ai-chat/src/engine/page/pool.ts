/**
 * One worker per model per page: elements that ask for the same model share one `WorkerClient`
 * (one worker, one copy of the weights). The worker ends when its last user releases it.
 */
import type { ModelSpec } from '../protocol.js';
import { spawnWorker } from '../spawn.js';
import { WorkerClient } from './worker-client.js';

interface Entry {
  client: WorkerClient;
  users: number;
}

const entries = new Map<string, Entry>();
/** Every worker this page started and has not seen end, shared or being unloaded. */
const started = new Set<WorkerClient>();

export function poolKey(spec: ModelSpec, workerUrl?: string): string {
  return JSON.stringify([spec.model, spec.modelUrl ?? '', spec.modelLibUrl ?? '', workerUrl ?? '']);
}

export interface Lease {
  client: WorkerClient;
  /** Give the worker back; the last user's release unloads the model and ends the worker. */
  release(): Promise<void>;
}

export function acquireWorker(spec: ModelSpec, workerUrl?: string): Lease {
  const key = poolKey(spec, workerUrl);
  let entry = entries.get(key);
  if (!entry || !entry.client.alive) {
    const client = new WorkerClient(spawnWorker(workerUrl));
    const created: Entry = { client, users: 0 };
    started.add(client);
    client.onExit(() => {
      started.delete(client);
      if (entries.get(key) === created) entries.delete(key);
    });
    entries.set(key, created);
    entry = created;
  }
  entry.users++;
  const held = entry;
  let released = false;
  return {
    client: held.client,
    async release() {
      if (released) return;
      released = true;
      held.users--;
      if (held.users === 0) {
        if (entries.get(key) === held) entries.delete(key);
        await held.client.unload();
      }
    },
  };
}

/** Workers alive in this page (a released worker counts until it has ended), for tests and diagnostics. */
export function liveWorkers(): number {
  return [...started].filter((client) => client.alive).length;
}
