/**
 * The CPU runtime's speed calibration, in one place: per browser engine and wllama build, the two
 * constants of `predictMsPerToken` (`cpu.ts`): ms per token = `fixedMs` + weight bytes / (probe's
 * bytes per ms × `speedup`).
 *
 * Measured on this project's test machine (2 cores shared with other test runs; Chromium 156,
 * Firefox ESR 153, WebKitGTK 2.50; wllama 3.13, one thread) with
 *   pnpm --filter ai-chat build && cd apps/bench && BENCH_CPU_ONLY=sizes BENCH_RUNS_SIZES=2 node scripts/bench-cpu.mjs
 * which loads generated q8_0 models of 0.2, 3.6, 27, 37 and 91 MB through <ai-chat> in each engine
 * (Firefox also without JSPI, for the compat build), each in a new page (a new probe), 64 tokens a
 * reply, and prints "Calibration fit": per engine and build, measured ms per token against bytes /
 * probe, fitted by medians (Theil–Sen, `fitCalibration` in `apps/bench/src/stats.mjs`), because
 * single readings scatter 2–4× with the machine's load. The 0.2 MB model is nearly all fixed cost.
 * The figures below are that fit over the 104 pages of three such runs (7 December 2026, 20:20–21:17
 * UTC, 2 and 3 pages per model and engine; the first two with the probe's former 75th percentile,
 * which read alike here), so the load a reply meets is in them; each run's own fit
 * (fixedMs / speedup) shows the scatter:
 *   Chromium fast   1.8 / 1.33   (runs: 1.5 / 1.45, 2.7 / 0.99, 1.6 / 1.08)
 *   Firefox fast    1.1 / 2.13   (runs: 1.3 / 2.24, 0.8 / 1.49, 0.9 / 2.11)
 *   Firefox compat  1.1 / 2.07   (runs: 0.8 / 2.10, 1.7 / 2.01, 1.2 / 1.43)
 *   WebKitGTK compat 3.4 / 1.09  (runs: 3.8 / 1.34, 7.3 / 3.03, 3.4 / 0.60)
 * An engine's build not measured (Chromium's compat build, WebKit's fast one) takes the measured
 * build's figures, its speedup scaled by COMPAT_COST: the compat build's cost over the fast one in
 * Firefox, where both run (2.13 / 2.07). (Headless Chromium names itself "HeadlessChrome/", which
 * `browserEngineOf` took for WebKit until these runs: its pages were predicted with WebKit's figures,
 * and the fit of its rows reads them back with those.)
 */
import type { BrowserEngine, WasmBuild } from './cpu.js';

/** How llama.cpp in one build of one engine runs against the probe. */
export interface Calibration {
  /** llama.cpp's speed over the probe's, per byte of 8-bit weights (its SIMD kernels against a plain loop). */
  speedup: number;
  /** A fixed cost per token, ms: sampling, the token's text, the messages between wllama's worker and ours. */
  fixedMs: number;
}

const COMPAT_COST = 1.03;
const CHROMIUM: Calibration = { speedup: 1.33, fixedMs: 1.8 };
const FIREFOX: Calibration = { speedup: 2.13, fixedMs: 1.1 };
const FIREFOX_COMPAT: Calibration = { speedup: 2.07, fixedMs: 1.1 };
const WEBKIT_COMPAT: Calibration = { speedup: 1.09, fixedMs: 3.4 };

/** A build's figures on the other build: the weights' term `by` times slower (the fixed cost as measured). */
const slower = ({ speedup, fixedMs }: Calibration, by: number): Calibration => ({
  speedup: Math.round((speedup / by) * 100) / 100,
  fixedMs,
});

export const CALIBRATION: Record<BrowserEngine, Record<WasmBuild, Calibration>> = {
  chromium: { 'jspi-memory64': CHROMIUM, compat: slower(CHROMIUM, COMPAT_COST) },
  firefox: { 'jspi-memory64': FIREFOX, compat: FIREFOX_COMPAT },
  webkit: { 'jspi-memory64': slower(WEBKIT_COMPAT, 1 / COMPAT_COST), compat: WEBKIT_COMPAT },
};

/** 4-bit weights cost more work per byte (two weights per byte, unpacked): a generated q4_0 model of 14 MB. */
export const FOUR_BIT_FACTOR = 2.5;
