import { expect } from '@open-wc/testing';
import { PREBUILT_MODELS } from '../src/engine/worker/webllm/prebuilt-models.js';
import { resolveRecord, type ModelRecordLike } from '../src/engine/worker/webllm/model-records.js';
import { estimateDownloadBytes, paramsBillions } from '../src/fit/estimate.js';
import { checkLimits } from '../src/fit/limits.js';
import {
  isChatModel,
  isShortContext,
  isSpecialized,
  needsF16,
  ESTIMATE_TOLERANCE,
} from '../src/fit/select.js';
import { formatBytes, parseByteSize } from '../src/fit/size.js';
import { defaultMemoryLimitMB, type DeviceInfo } from '../src/fit/device.js';
import { device } from './devices.js';

// `model="auto"` over the real prebuilt list (the generated copy of web-llm 0.2.86's), on a matrix of
// devices and page limits. No host can be reached here: each model's measured download is its
// estimate, so the matrix checks the choice, and the tests after it check what the measurement does.
const MB = 2 ** 20;
const f16s = [true, false];
const memories = [2, 4, 8, undefined];
const buffers: Array<[string, number]> = [
  ['256MB', 256 * MB],
  ['1GB', 2 ** 30],
  ['2GB', 2 ** 31],
];
const sizes = [undefined, '500MB', '1GB', '2GB'];
const memoryLimits = [undefined, '2GB', '6GB'];

/** What the page-side check says of the chosen model: its refusal, or undefined when it fits. */
function pageRefusal(record: ModelRecordLike, d: DeviceInfo, size?: string, memory?: string) {
  return checkLimits(
    {
      downloadBytes: estimateDownloadBytes(record),
      vramMB: record.vram_required_MB ?? 0,
      memoryLimitBytes: defaultMemoryLimitMB(d) * MB,
    },
    { maxModelSize: parseByteSize(size), maxMemory: parseByteSize(memory) },
  );
}

/** Everything a chosen model must satisfy, written apart from the selection code. */
function runsHere(record: ModelRecordLike, d: DeviceInfo, size?: string, memory?: string) {
  return (
    isChatModel(record) &&
    (!needsF16(record) || d.shaderF16) &&
    (record.buffer_size_required_bytes ?? 0) <= d.maxStorageBufferBindingSize &&
    pageRefusal(record, d, size, memory) === undefined
  );
}

const general = (r: ModelRecordLike) => !isSpecialized(r) && !isShortContext(r);

describe('pure: model="auto" over the real prebuilt list, a matrix of devices and limits', () => {
  it('every cell: a chat model within every limit, the largest such; or a refusal naming the smallest chat model (table printed)', async () => {
    const lines: string[] = [];
    let cells = 0;
    for (const shaderF16 of f16s)
      for (const deviceMemoryGB of memories)
        for (const [bufferName, buffer] of buffers)
          for (const size of sizes)
            for (const memory of memoryLimits) {
              cells++;
              const d = device({
                shaderF16,
                deviceMemoryGB,
                maxStorageBufferBindingSize: buffer,
                maxBufferSize: buffer,
              });
              const maxMemoryBytes = parseByteSize(memory);
              const record = await resolveRecord(
                { model: 'auto' },
                PREBUILT_MODELS,
                d,
                {
                  maxDownloadBytes: parseByteSize(size),
                  maxMemoryMB: maxMemoryBytes === undefined ? undefined : maxMemoryBytes / MB,
                },
                async (r) => estimateDownloadBytes(r),
              );
              const cell = `f16 ${shaderF16 ? 'yes' : 'no '} · memory ${String(deviceMemoryGB ?? '?').padEnd(1)} GB · buffer ${bufferName.padEnd(5)} · max-model-size ${(size ?? 'none').padEnd(5)} · max-memory ${(memory ?? 'none').padEnd(4)}`;
              const where = `${cell}: ${record.model_id}`;
              expect(isChatModel(record), where).to.equal(true);
              const fitting = PREBUILT_MODELS.filter((r) => runsHere(r, d, size, memory));
              const refused = pageRefusal(record, d, size, memory);
              if (fitting.length > 0) {
                expect(runsHere(record, d, size, memory), `${where} fits every limit`).to.equal(true);
                if (general(record)) {
                  const largest = Math.max(...fitting.filter(general).map(paramsBillions));
                  expect(paramsBillions(record), `${where} is the largest that fits`).to.equal(largest);
                } else
                  expect(fitting.filter(general), `${where}: a general chat model fits`).to.deep.equal([]);
              } else {
                // Refused: the element names the smallest chat model and what it costs.
                expect(refused, `${where} is refused`).to.not.equal(undefined);
                const smallest = Math.min(
                  ...PREBUILT_MODELS.filter(
                    (r) =>
                      isChatModel(r) &&
                      !isSpecialized(r) &&
                      (!needsF16(r) || shaderF16) &&
                      (r.buffer_size_required_bytes ?? 0) <= buffer,
                  ).map(estimateDownloadBytes),
                );
                expect(estimateDownloadBytes(record), `${where} is the smallest`).to.equal(smallest);
              }
              const figures = `${formatBytes(estimateDownloadBytes(record))}, ${Math.round(record.vram_required_MB ?? 0)} MB GPU`;
              lines.push(
                `${cell} → ${refused ? `refused (${refused.code}): ` : ''}${record.model_id} (${figures})`,
              );
            }
    expect(cells).to.equal(2 * 4 * 3 * 4 * 3);
    expect(lines.some((l) => /embed|vision/i.test(l))).to.equal(false);
    console.log(
      `model="auto" over ${PREBUILT_MODELS.length} prebuilt models, ${cells} cells:\n${lines.join('\n')}`,
    );
  });
});

describe('pure: model="auto" measures what the estimates chose (resolveRecord over the real list)', () => {
  const desktop = device({ deviceMemoryGB: 8 });
  const limits = { maxDownloadBytes: 2e9 };

  it('measures only candidates whose estimate is near the limit, best first, until one fits: no 7-9B model is measured under 2GB', async () => {
    const measured: string[] = [];
    const record = await resolveRecord({ model: 'auto' }, PREBUILT_MODELS, desktop, limits, async (r) => {
      measured.push(r.model_id);
      return estimateDownloadBytes(r);
    });
    expect(record.model_id).to.equal('Llama-3.2-3B-Instruct-q4f16_1-MLC');
    expect(measured.at(-1)).to.equal(record.model_id);
    const byId = new Map(PREBUILT_MODELS.map((r) => [r.model_id, r]));
    for (const id of measured) {
      expect(estimateDownloadBytes(byId.get(id)!), id).to.be.at.most(2e9 * ESTIMATE_TOLERANCE);
      expect(paramsBillions(byId.get(id)!), id).to.be.below(7);
    }
    // The 3.8B models estimated a little over 2GB were measured first, and refused on their measure.
    expect(measured.slice(0, -1)).to.deep.equal([
      'Phi-4-mini-instruct-q4f16_1-MLC',
      'Phi-3.5-mini-instruct-q4f16_1-MLC',
      'Phi-3-mini-4k-instruct-q4f16_1-MLC',
    ]);
  });

  it('a wrong estimate moves on: a candidate that measures over the limit is passed for the next that fits', async () => {
    const measured: string[] = [];
    const record = await resolveRecord({ model: 'auto' }, PREBUILT_MODELS, desktop, limits, async (r) => {
      measured.push(r.model_id);
      // The host says more than the estimate for Llama-3.2-3B.
      return r.model_id === 'Llama-3.2-3B-Instruct-q4f16_1-MLC' ? 2.3e9 : estimateDownloadBytes(r);
    });
    const at = measured.indexOf('Llama-3.2-3B-Instruct-q4f16_1-MLC');
    expect(at).to.be.above(-1);
    expect(measured.length).to.be.above(at + 1);
    expect(record.model_id).to.equal(measured.at(-1));
    expect(record.model_id).to.equal('Qwen2.5-3B-Instruct-q4f16_1-MLC');
    expect(isChatModel(record)).to.equal(true);
    expect(estimateDownloadBytes(record)).to.be.at.most(2e9);
  });

  it('a model whose files are gone from the host is skipped; a network failure ends the choice with its error', async () => {
    const gone = Object.assign(new Error('tensor-cache.json answered HTTP 404'), {
      name: 'ModelFilesNotFoundError',
    });
    const next = await resolveRecord({ model: 'auto' }, PREBUILT_MODELS, desktop, limits, async (r) => {
      if (r.model_id === 'Llama-3.2-3B-Instruct-q4f16_1-MLC') throw gone;
      return estimateDownloadBytes(r);
    });
    expect(next.model_id).not.to.equal('Llama-3.2-3B-Instruct-q4f16_1-MLC');
    expect(isChatModel(next)).to.equal(true);
    const offline = Object.assign(new Error('could not reach huggingface.co'), { name: 'NetworkError' });
    const error = await resolveRecord({ model: 'auto' }, PREBUILT_MODELS, desktop, limits, async () => {
      throw offline;
    }).catch((e: unknown) => e);
    expect(error).to.equal(offline);
  });

  it('nothing fits: the smallest general chat model is named, with its figures, never an embedding model', async () => {
    for (const [d, maxDownloadBytes, maxMemoryMB] of [
      [device({ shaderF16: true }), 100e6, undefined],
      [device({ shaderF16: false }), 100e6, undefined],
      [device({ deviceMemoryGB: 2 }), undefined, 200],
    ] as const) {
      const record = await resolveRecord(
        { model: 'auto' },
        PREBUILT_MODELS,
        d,
        { maxDownloadBytes, maxMemoryMB },
        async (r) => estimateDownloadBytes(r),
      );
      expect(isChatModel(record), record.model_id).to.equal(true);
      expect(isSpecialized(record), record.model_id).to.equal(false);
      expect(record.model_id).to.match(
        d.shaderF16 ? /^SmolLM2-360M-Instruct-q4f16_1/ : /^SmolLM2-360M-Instruct-q4f32_1/,
      );
      const refused = checkLimits(
        {
          downloadBytes: estimateDownloadBytes(record),
          vramMB: record.vram_required_MB!,
          memoryLimitBytes: 4 * 2 ** 30,
        },
        {
          maxModelSize: maxDownloadBytes,
          maxMemory: maxMemoryMB === undefined ? undefined : maxMemoryMB * MB,
        },
      );
      expect(refused?.code).to.equal(maxDownloadBytes ? 'model-too-large' : 'insufficient-memory');
    }
  });

  it("the demo page's setup (auto, max-model-size 2GB) and a 4 GB laptop at 1.5GB choose chat models, with or without f16", async () => {
    const cases: Array<[DeviceInfo, number, string]> = [
      [device({ deviceMemoryGB: 8 }), 2e9, 'Llama-3.2-3B-Instruct-q4f16_1-MLC'],
      [device({ deviceMemoryGB: 8, shaderF16: false }), 2e9, 'gemma-2b-it-q4f32_1-MLC'],
      [device({ deviceMemoryGB: 4 }), 1.5e9, 'gemma-2b-it-q4f16_1-MLC'],
      [device({ deviceMemoryGB: 4, shaderF16: false }), 1.5e9, 'gemma-2b-it-q4f32_1-MLC'],
    ];
    for (const [d, maxDownloadBytes, expected] of cases) {
      const record = await resolveRecord(
        { model: 'auto' },
        PREBUILT_MODELS,
        d,
        { maxDownloadBytes },
        async (r) => estimateDownloadBytes(r),
      );
      expect(record.model_id).to.equal(expected);
    }
  });
});
