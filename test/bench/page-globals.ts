// The few browser APIs the benchmarks' in-page code uses, typed here because the test program
// has no DOM library. In-page functions (serialised by Playwright) reach them as
// `globalThis as unknown as PageGlobals`.

export interface PageElement {
  readonly classList: { contains(name: string): boolean };
  closest(selector: string): PageElement | null;
}

export interface PageGlobals {
  readonly document: {
    querySelector(selector: string): PageElement | null;
    querySelectorAll(selector: string): { readonly length: number };
  };
  readonly performance: { now(): number };
  requestAnimationFrame(callback: () => void): number;
  addEventListener(
    type: 'pointerdown',
    listener: (event: { readonly target: unknown; readonly timeStamp: number }) => void,
    options: { readonly capture: boolean },
  ): void;
  readonly PerformanceObserver: new (
    callback: (list: { getEntries(): { readonly name: string; readonly startTime: number }[] }) => void,
  ) => {
    observe(options: { readonly type: string; readonly buffered: boolean }): void;
  };
}
