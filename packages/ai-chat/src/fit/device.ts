/** What this device offers for running a model, read before anything is downloaded. */
export interface DeviceInfo {
  webgpu: boolean;
  shaderF16: boolean;
  maxBufferSize: number;
  maxStorageBufferBindingSize: number;
  /** `navigator.deviceMemory` in GB (Chromium caps it at 8), or undefined where not exposed. */
  deviceMemoryGB: number | undefined;
}

interface GpuAdapterLike {
  features: { has(name: string): boolean };
  limits: { maxBufferSize: number; maxStorageBufferBindingSize: number };
}
interface NavigatorLike {
  gpu?: { requestAdapter(options?: { powerPreference?: string }): Promise<GpuAdapterLike | null> };
  deviceMemory?: number;
}

export const NO_DEVICE: DeviceInfo = {
  webgpu: false,
  shaderF16: false,
  maxBufferSize: 0,
  maxStorageBufferBindingSize: 0,
  deviceMemoryGB: undefined,
};

/** Probe WebGPU (works in a window or a worker). Never throws. */
export async function probeDevice(
  nav: NavigatorLike = navigator as unknown as NavigatorLike,
): Promise<DeviceInfo> {
  const deviceMemoryGB = typeof nav.deviceMemory === 'number' ? nav.deviceMemory : undefined;
  let adapter: GpuAdapterLike | null = null;
  try {
    adapter = (await nav.gpu?.requestAdapter({ powerPreference: 'high-performance' })) ?? null;
  } catch {
    adapter = null;
  }
  if (!adapter) return { ...NO_DEVICE, deviceMemoryGB };
  return {
    webgpu: true,
    shaderF16: adapter.features.has('shader-f16'),
    maxBufferSize: adapter.limits.maxBufferSize,
    maxStorageBufferBindingSize: adapter.limits.maxStorageBufferBindingSize,
    deviceMemoryGB,
  };
}

let probed: Promise<DeviceInfo> | undefined;

/**
 * This device, probed once per page or worker: the model worker's router (which asks for the
 * WebGPU adapter before it imports the WebGPU preflight at all) and both runtimes' preflights share
 * one probe.
 */
export const deviceOnce = (): Promise<DeviceInfo> => (probed ??= probeDevice());

/**
 * The memory limit when the page sets none: three quarters of `navigator.deviceMemory`
 * (Chromium rounds it and caps it: 8 GB in older versions, 16 GB in headless Chromium 156 here),
 * or 4 GB where the browser does not tell.
 * Models near the device's whole memory are what crash phones and laptops.
 */
export function defaultMemoryLimitMB(device: Pick<DeviceInfo, 'deviceMemoryGB'>): number {
  return device.deviceMemoryGB ? Math.round(device.deviceMemoryGB * 1024 * 0.75) : 4096;
}
