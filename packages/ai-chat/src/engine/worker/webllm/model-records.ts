/**
 * Model records as WebLLM 0.2.86 reads them, and which one a spec names. Runs in the worker,
 * without web-llm: the prebuilt list is a generated copy (`prebuilt-models.ts`).
 */
import type { DeviceInfo } from '../../../fit/device.js';
import type { RecordLike } from '../../../fit/estimate.js';
import {
  needsF16,
  rankCandidates,
  smallestChatModel,
  withinDownload,
  type Limits,
} from '../../../fit/select.js';
import { noShaderF16, noWebGPU, notFound } from '../shared/errors.js';
import type { ModelSpec } from '../../protocol.js';

/** The fields of WebLLM's `ModelRecord` we use: those selection reads, and where its files are. */
export interface ModelRecordLike extends RecordLike {
  model: string;
  model_lib: string;
  model_manifest?: string;
  overrides?: Record<string, unknown>;
}

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

export const isCustom = (spec: ModelSpec) => Boolean(spec.modelUrl && spec.modelLibUrl);

/** The model list for a spec: the self-hosted record first when given, then the prebuilt list. */
export function modelListFor(spec: ModelSpec, prebuilt: readonly ModelRecordLike[]): ModelRecordLike[] {
  if (!isCustom(spec)) return [...prebuilt];
  const base = globalThis.location?.href;
  const record: ModelRecordLike = {
    model: new URL(spec.modelUrl!, base).href,
    model_id: customModelId(spec),
    model_lib: new URL(spec.modelLibUrl!, base).href,
  };
  return [record, ...prebuilt.filter((r) => r.model_id !== record.model_id)];
}

/** How many candidates `auto` measures at most before it falls back to the smallest chat model. */
export const MAX_PROBES = 8;

/**
 * The record a spec names. `auto` ranks every chat model of the list that this device can run
 * within the memory limit (see `rankCandidates`), keeps those whose estimated download fits
 * `maxDownloadBytes` (the whole list is estimated, with no request: see `withinDownload`), then
 * measures them in that order and takes the first whose measured download fits: a wrong estimate
 * moves on to the next candidate. When nothing fits, the smallest chat model, so the refusal that
 * follows names a real chat model and its figures. Throws WebLLM-named errors for a device that
 * cannot run the model at all.
 */
export async function resolveRecord(
  spec: ModelSpec,
  list: readonly ModelRecordLike[],
  device: DeviceInfo,
  limits: Limits,
  downloadSize: (record: ModelRecordLike) => Promise<number>,
  probes = MAX_PROBES,
): Promise<ModelRecordLike> {
  if (!device.webgpu) throw noWebGPU();
  let record: ModelRecordLike | undefined;
  if (isCustom(spec)) record = list[0];
  else if (spec.model === 'auto') {
    const ranked = rankCandidates(list, device, limits);
    const max = limits.maxDownloadBytes;
    if (max === undefined) record = ranked[0];
    else {
      for (const candidate of withinDownload(ranked, max).slice(0, probes)) {
        const bytes = await downloadSize(candidate).catch((error: unknown) => {
          // A model whose files are gone from the host is skipped; anything else (no network) ends here.
          if ((error as { name?: unknown } | null)?.name === 'ModelFilesNotFoundError') return Infinity;
          throw error;
        });
        if (bytes <= max) {
          record = candidate;
          break;
        }
      }
    }
    record ??= smallestChatModel(list, device);
  } else record = list.find((r) => r.model_id === spec.model);
  if (!record) throw notFound(spec.model);
  if (needsF16(record) && !device.shaderF16) {
    const f32 = record.model_id.replace(/q(\d)f16/, 'q$1f32');
    const alternative = f32 !== record.model_id && list.some((r) => r.model_id === f32) ? f32 : undefined;
    throw noShaderF16(alternative);
  }
  return record;
}
