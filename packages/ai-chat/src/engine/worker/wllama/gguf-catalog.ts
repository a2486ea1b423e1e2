/**
 * The CPU runtime's catalog: small public instruct models in GGUF, one file each (under 2 GB, as
 * wllama needs), for `model="auto"` on the CPU and for `model="<id>"`. Their shapes are from the
 * models' configs (so `auto` needs no header request); sizes were read from the hosts' file lists,
 * rounded: `bytesExact: false` means the preflight's HEAD request gives the size to the byte
 * before the consent card shows it. Imported the first time a spec names a model by id or the CPU
 * is tried (see `worker.ts`): a WebGPU preflight of `auto` never fetches it.
 */
import type { CpuModelShape } from '../../../fit/cpu.js';

export interface CatalogModel extends Omit<CpuModelShape, 'weightBytes'> {
  id: string;
  /** A friendly name for the visitor. */
  label: string;
  url: string;
  /** Download size (the file), bytes. */
  bytes: number;
  bytesExact: boolean;
  /** Parameters, billions. */
  params: number;
}

const HF = 'https://huggingface.co';

export const GGUF_CATALOG: readonly CatalogModel[] = [
  {
    id: 'SmolLM2-135M-Instruct-Q8_0-GGUF',
    label: 'SmolLM2 · 135M',
    url: `${HF}/bartowski/SmolLM2-135M-Instruct-GGUF/resolve/main/SmolLM2-135M-Instruct-Q8_0.gguf`,
    bytes: 145_000_000,
    bytesExact: false,
    params: 0.135,
    quantization: 'Q8_0',
    architecture: 'llama',
    layers: 30,
    embedding: 576,
    heads: 9,
    kvHeads: 3,
    headDim: 64,
    contextLength: 8192,
  },
  {
    id: 'SmolLM2-360M-Instruct-Q8_0-GGUF',
    label: 'SmolLM2 · 360M',
    url: `${HF}/bartowski/SmolLM2-360M-Instruct-GGUF/resolve/main/SmolLM2-360M-Instruct-Q8_0.gguf`,
    bytes: 386_000_000,
    bytesExact: false,
    params: 0.36,
    quantization: 'Q8_0',
    architecture: 'llama',
    layers: 32,
    embedding: 960,
    heads: 15,
    kvHeads: 5,
    headDim: 64,
    contextLength: 8192,
  },
  {
    id: 'Qwen2.5-0.5B-Instruct-Q4_K_M-GGUF',
    label: 'Qwen2.5 · 0.5B',
    url: `${HF}/bartowski/Qwen2.5-0.5B-Instruct-GGUF/resolve/main/Qwen2.5-0.5B-Instruct-Q4_K_M.gguf`,
    bytes: 398_000_000,
    bytesExact: false,
    params: 0.49,
    quantization: 'Q4_K',
    architecture: 'qwen2',
    layers: 24,
    embedding: 896,
    heads: 14,
    kvHeads: 2,
    headDim: 64,
    contextLength: 32768,
  },
  {
    id: 'Llama-3.2-1B-Instruct-Q4_K_M-GGUF',
    label: 'Llama 3.2 · 1B',
    url: `${HF}/bartowski/Llama-3.2-1B-Instruct-GGUF/resolve/main/Llama-3.2-1B-Instruct-Q4_K_M.gguf`,
    bytes: 808_000_000,
    bytesExact: false,
    params: 1.24,
    quantization: 'Q4_K',
    architecture: 'llama',
    layers: 16,
    embedding: 2048,
    heads: 32,
    kvHeads: 8,
    headDim: 64,
    contextLength: 131072,
  },
];
