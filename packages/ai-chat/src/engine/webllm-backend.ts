/**
 * The default backend: WebLLM's `MLCEngine`, living in the worker. Imported only by `worker.ts`.
 */
import {
  MLCEngine,
  deleteModelAllInfoInCache,
  hasModelInCache,
  prebuiltAppConfig,
  type AppConfig,
  type InitProgressReport,
  type ModelRecord,
} from '@mlc-ai/web-llm';
import { probeDevice } from '../fit/device.js';
import type { ProgressReport } from '../types.js';
import type { ChatEngine } from './engine.js';
import type { ModelSpec, PreflightResult } from './protocol.js';
import type { WorkerBackend } from './worker-host.js';
import { progressFromReport } from './webllm-progress.js';
import { resolveRecord, appConfigFor, measureDownload } from './model-records.js';

export function createWebLLMBackend(): WorkerBackend {
  const engine = new MLCEngine();
  let generation = 0;

  async function preflight(spec: ModelSpec): Promise<PreflightResult> {
    const device = await probeDevice();
    const appConfig: AppConfig = appConfigFor(spec, prebuiltAppConfig);
    const record: ModelRecord = resolveRecord(spec, appConfig, device);
    const [downloadBytes, cached] = await Promise.all([
      measureDownload(record).catch(() => 0),
      hasModelInCache(record.model_id, appConfig).catch(() => false),
    ]);
    if (!device.webgpu) {
      const error = new Error('WebGPU is not supported in this environment');
      error.name = 'WebGPUNotAvailableError';
      throw error;
    }
    return { id: record.model_id, downloadBytes, vramMB: record.vram_required_MB ?? 0, cached };
  }

  async function load(spec: ModelSpec, report: (progress: ProgressReport) => void): Promise<PreflightResult> {
    const info = await preflight(spec);
    const mine = ++generation;
    engine.setAppConfig(appConfigFor(spec, prebuiltAppConfig));
    engine.setInitProgressCallback((progress: InitProgressReport) =>
      report(progressFromReport(progress, info)),
    );
    await engine.reload(info.id);
    // WebLLM's reload resolves quietly when `unload()` aborted it.
    if (mine !== generation) {
      const error = new Error('The load was cancelled');
      error.name = 'AbortError';
      throw error;
    }
    return { ...info, cached: true };
  }

  return {
    engine: engine as unknown as ChatEngine,
    preflight,
    load,
    async unload() {
      generation++;
      await engine.unload();
    },
    async clearCache(spec) {
      const appConfig = appConfigFor(spec, prebuiltAppConfig);
      const record = resolveRecord(spec, appConfig, await probeDevice());
      await deleteModelAllInfoInCache(record.model_id, appConfig);
    },
  };
}
