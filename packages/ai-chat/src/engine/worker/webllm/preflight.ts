/**
 * Preflight, in the worker, before any weight is fetched: what this device offers, which model the
 * spec names (`auto` resolved within the limits), what it costs to download, the GPU memory it
 * needs, and whether it is already cached. Needs no web-llm.
 */
import { estimateMemoryMB } from '../../../fit/estimate.js';
import { defaultMemoryLimitMB, deviceOnce } from '../../../fit/device.js';
import { planModel, type ModelPlan } from './model-files.js';
import { isCustom, modelListFor, resolveRecord, type ModelRecordLike } from './model-records.js';
import { PREBUILT_MODELS } from './prebuilt-models.js';
import type { ModelSpec } from '../../protocol.js';
import type { BackendResult } from '../worker-host.js';

export interface Preflight {
  result: BackendResult;
  record: ModelRecordLike;
  list: ModelRecordLike[];
  plan: ModelPlan;
}

export async function runPreflight(spec: ModelSpec, signal?: AbortSignal): Promise<Preflight> {
  const info = await deviceOnce();
  const list = modelListFor(spec, PREBUILT_MODELS);
  const plans = new Map<string, Promise<ModelPlan>>();
  const planOf = (record: ModelRecordLike) => {
    let plan = plans.get(record.model_id);
    if (!plan) plans.set(record.model_id, (plan = planModel(record, signal)));
    return plan;
  };
  const limits = {
    maxDownloadBytes: spec.maxDownloadBytes,
    maxMemoryMB: spec.maxMemoryBytes !== undefined ? spec.maxMemoryBytes / 2 ** 20 : undefined,
  };
  const record = await resolveRecord(spec, list, info, limits, async (r) => (await planOf(r)).totalBytes);
  const plan = await planOf(record);
  // A self-hosted model has no vram_required_MB: an estimate from its weights (to the byte) and the
  // KV cache its config's context window needs, rounded up to whole MB.
  const vramMB =
    record.vram_required_MB ??
    (isCustom(spec) ? Math.ceil(estimateMemoryMB(plan.weightBytes, plan.config)) : 0);
  return {
    record,
    list,
    plan,
    result: {
      id: record.model_id,
      downloadBytes: plan.totalBytes,
      vramMB: Math.round(vramMB * 100) / 100,
      cached: plan.cached,
      memoryLimitBytes: Math.round(defaultMemoryLimitMB(info) * 2 ** 20),
      device: info,
    },
  };
}
