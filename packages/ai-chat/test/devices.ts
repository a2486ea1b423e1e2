import type { DeviceInfo } from '../src/fit/device.js';

/** A device for selection tables: a desktop with WebGPU, shader-f16 and 8 GB, changed by `over`. */
export const device = (over: Partial<DeviceInfo> = {}): DeviceInfo => ({
  webgpu: true,
  shaderF16: true,
  maxBufferSize: 2 ** 31,
  maxStorageBufferBindingSize: 2 ** 31,
  deviceMemoryGB: 8,
  ...over,
});
