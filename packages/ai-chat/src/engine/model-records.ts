/**
 * Model records and their files, as WebLLM 0.2.86 sees them. Runs in the worker (it fetches small
 * metadata files, never weights).
 */
import type { AppConfig, ModelRecord } from '@mlc-ai/web-llm';
import type { DeviceInfo } from '../fit/device.js';
import { rankCandidates, type Limits } from '../fit/select.js';
import type { ModelSpec } from './protocol.js';

/** WebLLM's `cleanModelUrl`: a model URL gets `resolve/main/` unless it has `/resolve/<x>/`. */
export function cleanModelUrl(url: string, base?: string): string {
  let href = url.endsWith('/') ? url : `${url}/`;
  if (!/.+\/resolve\/.+\//.test(href)) href += 'resolve/main/';
  return new URL(href, base ?? globalThis.location?.href).href;
}

/** The model id of a self-hosted model: the `model` attribute, or the URL's last folder name. */
export function customModelId(spec: ModelSpec): string {
  if (spec.model && spec.model !== 'auto') return spec.model;
  const parts = new URL(spec.modelUrl!, globalThis.location?.href).pathname.split('/').filter(Boolean);
  const resolveAt = parts.indexOf('resolve');
  return (resolveAt > 0 ? parts[resolveAt - 1] : parts.at(-1)) ?? 'custom-model';
}

/** The app config for a spec: the prebuilt list, with the self-hosted record first when given. */
export function appConfigFor(spec: ModelSpec, prebuilt: AppConfig): AppConfig {
  if (!spec.modelUrl || !spec.modelLibUrl) return prebuilt;
  const base = globalThis.location?.href;
  const record: ModelRecord = {
    model: new URL(spec.modelUrl, base).href,
    model_id: customModelId(spec),
    model_lib: new URL(spec.modelLibUrl, base).href,
  };
  return {
    ...prebuilt,
    model_list: [record, ...prebuilt.model_list.filter((r) => r.model_id !== record.model_id)],
  };
}

export function notFound(model: string): Error {
  const error = new Error(`Cannot find model record in appConfig for ${model}.`);
  error.name = 'ModelNotFoundError';
  return error;
}

/** The record a spec names; `auto` takes the best-ranked candidate (see `rankCandidates`). */
export function resolveRecord(
  spec: ModelSpec,
  appConfig: AppConfig,
  device: DeviceInfo,
  limits: Limits = {},
): ModelRecord {
  if (spec.modelUrl && spec.modelLibUrl) return appConfig.model_list[0]!;
  if (spec.model === 'auto') {
    const best = rankCandidates(appConfig.model_list, device, limits)[0];
    if (best) return best;
    // Nothing fits: fall back to the smallest chat model, so the refusal names a real model.
    const smallest = [...appConfig.model_list].sort(
      (a, b) => (a.vram_required_MB ?? 0) - (b.vram_required_MB ?? 0),
    )[0];
    if (smallest) return smallest;
  }
  const record = appConfig.model_list.find((r) => r.model_id === spec.model);
  if (!record) throw notFound(spec.model);
  return record;
}

async function contentLength(url: string): Promise<number> {
  const response = await fetch(url, { method: 'HEAD' });
  if (!response.ok) throw new Error(`HEAD ${url}: ${response.status}`);
  return Number(response.headers.get('content-length') ?? 0);
}

/** One weight shard as `tensor-cache.json` lists it. */
export interface ShardEntry {
  dataPath: string;
  nbytes: number;
}

export async function fetchTensorCache(record: ModelRecord): Promise<{ url: string; shards: ShardEntry[] }> {
  const url = new URL('tensor-cache.json', cleanModelUrl(record.model)).href;
  const response = await fetch(url);
  if (!response.ok) throw new Error(`Could not read the model's file list (${response.status})`);
  const json = (await response.json()) as { records?: ShardEntry[] };
  return { url, shards: json.records ?? [] };
}

/**
 * Bytes a load downloads: the weight shards (`nbytes` summed from `tensor-cache.json`) and the
 * model library, config and tokenizer (their `Content-Length`).
 */
export async function measureDownload(record: ModelRecord): Promise<number> {
  const base = cleanModelUrl(record.model);
  const [{ shards }, ...sizes] = await Promise.all([
    fetchTensorCache(record),
    contentLength(record.model_lib).catch(() => 0),
    contentLength(new URL('mlc-chat-config.json', base).href).catch(() => 0),
    contentLength(new URL('tokenizer.json', base).href).catch(() => 0),
  ]);
  return shards.reduce((sum, shard) => sum + shard.nbytes, 0) + sizes.reduce((a, b) => a + b, 0);
}
