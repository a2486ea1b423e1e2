/**
 * This device, as the worker sees it: probed once, at the first preflight, and shared by both
 * runtimes' preflights and the router (which asks for the WebGPU adapter before it imports the
 * WebGPU preflight at all).
 */
import { probeDevice, type DeviceInfo } from '../../../fit/device.js';

let device: Promise<DeviceInfo> | undefined;

export const workerDevice = (): Promise<DeviceInfo> => (device ??= probeDevice());
