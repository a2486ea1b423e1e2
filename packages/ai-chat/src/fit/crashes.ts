/**
 * Loads that died with the page, pure. A load leaves a mark in storage while it runs (see
 * `engine/page/load-marks.ts`); a later visit that finds a mark whose page is gone (its Web Lock
 * free) reads it as a crash. The fit code then treats that model as over this device's memory
 * limit until a load of it succeeds: `auto` takes the next smaller model, a named model is not
 * started on its own.
 */

export interface LoadMark {
  /** The Web Lock the loading page holds until the load ends: free once that page is gone. */
  lock: string;
  model: string;
  runtime: string;
  /** The model's name for the visitor, where the runtime has one. */
  label?: string;
  /** Memory the model needs, bytes (0: unknown). */
  memoryBytes: number;
  /** A crash that another model loaded fine after (under the limit it sets): no longer said. */
  quiet?: boolean;
}

export interface LoadMarks {
  /** Loads running now, or that died with their page. */
  loading: LoadMark[];
  /** Loads that died with their page (one per model and runtime). */
  crashed: LoadMark[];
}

const same = (a: LoadMark, b: LoadMark) => a.model === b.model && a.runtime === b.runtime;

/** What storage holds, read; anything else than marks reads as none. */
export function parseMarks(text: string | null | undefined): LoadMarks {
  try {
    const value = JSON.parse(text ?? '') as Partial<LoadMarks>;
    const list = (marks: unknown) =>
      Array.isArray(marks)
        ? marks.filter(
            (m: Partial<LoadMark>) =>
              typeof m?.lock === 'string' &&
              typeof m.model === 'string' &&
              typeof m.runtime === 'string' &&
              typeof m.memoryBytes === 'number',
          )
        : [];
    return { loading: list(value.loading), crashed: list(value.crashed) };
  } catch {
    return { loading: [], crashed: [] };
  }
}

/** The marks of loads whose page is gone (`held`: the locks held now, in any tab) become crashes. */
export function settle(marks: LoadMarks, held: { has(lock: string): boolean }): LoadMarks {
  const gone = marks.loading.filter((m) => !held.has(m.lock));
  return {
    loading: marks.loading.filter((m) => held.has(m.lock)),
    crashed: [...marks.crashed.filter((c) => !gone.some((g) => same(g, c))), ...gone],
  };
}

/** A load starts: its mark is kept until it ends. */
export const begin = (marks: LoadMarks, mark: LoadMark): LoadMarks => ({
  ...marks,
  loading: [...marks.loading, mark],
});

/**
 * A load ended (or its page closed): its mark goes. One that succeeded clears its model's crash,
 * and quiets the others (they still set the limit; the visitor was told once).
 */
export const end = (marks: LoadMarks, mark: LoadMark, loaded: boolean): LoadMarks => ({
  loading: marks.loading.filter((m) => m.lock !== mark.lock),
  crashed: loaded
    ? marks.crashed.filter((c) => !same(c, mark)).map((c) => ({ ...c, quiet: true }))
    : marks.crashed,
});

/** The crash of the model that needed the least memory (of a known size): the one that sets the limit. */
const smallest = (crashed: readonly LoadMark[]) =>
  crashed.filter((c) => c.memoryBytes > 0).sort((a, b) => a.memoryBytes - b.memoryBytes)[0];

/**
 * The crash to tell the visitor of before starting a model: a crash of that very model, else, for
 * `auto`, the one that set the limit (unless a model loaded fine since).
 */
export function crashFor(
  crashed: readonly LoadMark[],
  model: { id: string; runtime: string },
  auto: boolean,
): LoadMark | undefined {
  const own = crashed.find((c) => c.model === model.id && c.runtime === model.runtime);
  const limiting = auto ? smallest(crashed) : undefined;
  return own ?? (limiting?.quiet ? undefined : limiting);
}

/**
 * The memory limit a crash sets: a little under what its model needs (the need is kept rounded, and
 * a model of about the same size would end the same way).
 */
export const limitOf = (crash: LoadMark): number => Math.floor(crash.memoryBytes * 0.99);

/**
 * The memory limit for `auto` after crashes: the limit the smallest crashed model sets, never above
 * the page's own (`undefined`: no crash of a known size, the page's limit stands).
 */
export function crashLimit(crashed: readonly LoadMark[], pageLimit: number | undefined): number | undefined {
  const crash = smallest(crashed);
  return crash ? Math.min(pageLimit ?? Infinity, limitOf(crash)) : pageLimit;
}
