// How many cases each property tries: a short run in every `npm test`, as many as asked with
// `npm run fuzz -- --runs N` (which sets FUZZ_RUNS). A failing case is printed with its seed and
// path, to be replayed with FUZZ_SEED/FUZZ_PATH and kept as a regression test.
import type { Parameters } from 'fast-check';

const runs = Number(process.env.FUZZ_RUNS ?? 150);

export function fuzzParameters<T>(scale = 1): Parameters<T> {
  const seed = process.env.FUZZ_SEED;
  const path = process.env.FUZZ_PATH;
  return {
    numRuns: Math.max(1, Math.round(runs * scale)),
    ...(seed ? { seed: Number(seed) } : {}),
    ...(path ? { path } : {}),
  };
}

/** Fails when `work` does not settle within `ms`: a hang is a finding, like a throw. */
export async function settlesWithin<T>(work: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const hang = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what} did not settle within ${String(ms)} ms`)), ms);
  });
  try {
    return await Promise.race([work, hang]);
  } finally {
    clearTimeout(timer);
  }
}
