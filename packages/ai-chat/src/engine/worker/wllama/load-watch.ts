/**
 * The watchdog of the start of a model on the CPU (`stallWatch`, `../../stall-watch.ts`). wllama's
 * load can neither resolve nor reject when something under it stops answering, and a load that
 * never ends is a chat that never answers. llama.cpp's reads of the model file are the start's
 * progress (`readsOf`); the start fails when nothing moved for `stallMs`, measured from the last
 * progress, never from the beginning: a large model on a slow device takes long, and moves.
 *
 * It runs in this worker, so it cannot help when this worker's own thread is stuck. That is what
 * the Firefox hangs seen in the bench were: Firefox ESR 153 driven through WebDriver BiDi
 * (puppeteer-core) blocks a worker for good, now and then, inside `new Worker()` (5–11 of 100
 * nested workers, blob: or same-origin, module or classic), and this worker starts two per load
 * (the CSP probe and wllama's own); the same Firefox without automation did it 0 times in 400.
 */
/**
 * Silence allowed between two signs of progress. The longest silent stages: wllama fetching and
 * compiling its wasm (4.9 MB gzip, the compat build, on a slow connection) before the first read,
 * and llama.cpp's warm-up after the last.
 */
export const STALL_MS = 120_000;
/** The silence `startWllama` allows (`STALL_MS`; a test's worker sets it shorter). */
export const loadWatch = { stallMs: STALL_MS };

/**
 * The same bytes as `blob` (no copy), telling `onRead(bytes)` each time a read of a slice of it
 * completes (wllama reads the model as `blob.slice(a, b).arrayBuffer()`), with the bytes read so far.
 */
export function readsOf(blob: Blob, onRead: (bytesRead: number) => void): Blob {
  let total = 0;
  const watched = new Blob([blob], { type: blob.type });
  const slice = watched.slice.bind(watched);
  return Object.assign(watched, {
    slice(start?: number, end?: number, type?: string): Blob {
      const part = slice(start, end, type);
      const read = part.arrayBuffer.bind(part);
      return Object.assign(part, {
        arrayBuffer: () =>
          read().then((bytes) => {
            onRead((total += bytes.byteLength));
            return bytes;
          }),
      });
    },
  });
}
