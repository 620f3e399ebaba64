// A compromised or buggy renderer sending anything, in any order, while a card goes in and out
// and timers run: the kiosk core refuses what is not the protocol, ignores what does not fit
// the screen, and never crashes, throws, or shows a PIN digit.
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { itemKey } from '../../electron/common/item-key.ts';
import { UiEventSchema } from '../../electron/common/ui-events.ts';
import { TestKiosk } from '../support/kiosk-driver.ts';
import { fuzzParameters } from './fuzz-runs.ts';

let kiosk: TestKiosk;
beforeAll(async () => {
  // Short timers, so that idle warnings, notices and card returns happen during the walk.
  kiosk = await TestKiosk.start({
    gatewayProcessingMs: 20,
    delays: { idle: 150, reviewIdle: 200, idleCountdown: 150, noticeScreen: 100, cardTake: 150, completeScreen: 100 },
  });
});
afterAll(() => kiosk.stop());

/** Every screen event type the protocol knows, read from its schema (a new one is fuzzed too). */
const TYPES = UiEventSchema.options.map((option) => option.shape.type.value);

/** An event of a known type with plausible fields, or anything at all. */
const event = fc.oneof(
  {
    weight: 6,
    arbitrary: fc.record({
      type: fc.constantFrom(...TYPES),
      digit: fc.integer({ min: 0, max: 9 }),
      serviceId: fc.constantFrom('housing-loan-income', 'card-loan-income', 'unknown-service'),
      language: fc.constantFrom('ja', 'en'),
      itemKeys: fc.constantFrom(['taxYear'], ['salaryIncome', 'taxYear'], ['salaryIncome@2025'], ['x'], []),
      lastItemKey: fc.constantFrom('taxYear', 'municipalIncomeTax', 'x@1'),
    }),
  },
  fc.anything(),
);
type Step = { readonly do: 'send'; readonly events: readonly unknown[] } | { readonly do: 'insert' | 'take' | 'wait'; readonly ms: number };
/** What a customer does in a row, so that the walk gets past the PIN to the review and beyond. */
const RUNS: readonly (readonly unknown[])[] = [
  [{ type: 'TOUCH' }, { type: 'START' }, { type: 'SELECT_SERVICE', serviceId: 'housing-loan-income' }, { type: 'AGREE' }],
  [...[1, 2, 3, 4].map((digit) => ({ type: 'DIGIT', digit })), { type: 'SUBMIT_PIN' }],
  [
    { type: 'REVIEW_SEEN', lastItemKey: 'municipalIncomeTax' },
    { type: 'CONFIRM', itemKeys: [] },
  ],
];
const step: fc.Arbitrary<Step> = fc.oneof(
  { weight: 6, arbitrary: event.map((value): Step => ({ do: 'send', events: [value] })) },
  { weight: 3, arbitrary: fc.constantFrom(...RUNS).map((events): Step => ({ do: 'send', events })) },
  fc.record({ do: fc.constantFrom('insert', 'take', 'wait'), ms: fc.integer({ min: 0, max: 400 }) }) as fc.Arbitrary<Step>,
);

/** The review's real item keys, so that CONFIRM is sometimes what the screen showed. */
function withShownItems(value: unknown): unknown {
  const view = kiosk.kiosk.view();
  if (view.screen !== 'review' || typeof value !== 'object' || value === null || (value as { type?: unknown }).type !== 'CONFIRM')
    return value;
  return { ...value, itemKeys: view.items.map(itemKey) };
}

describe('screen events from a hostile renderer', () => {
  it('never crash the session, throw, or bring a PIN digit into the view', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(step, { minLength: 5, maxLength: 40 }), async (steps) => {
        for (const next of steps) {
          if (next.do === 'send') {
            for (const sent of next.events) {
              const result = kiosk.kiosk.send(withShownItems(sent));
              if (!result.ok) expect(result.error).toBe('invalid-event');
            }
          } else if (next.do === 'insert') {
            await kiosk.insert('default').catch(() => undefined); // the slot may be busy
          } else if (next.do === 'take') {
            kiosk.take();
          }
          await new Promise((resolve) => setTimeout(resolve, next.do === 'wait' ? next.ms : 2));
          const view = kiosk.kiosk.view();
          expect(typeof view.screen).toBe('string');
          expect(JSON.stringify(view)).not.toMatch(/"pin"\s*:\s*"\d/);
        }
        expect(kiosk.kiosk.audit.counters()['session-crashed'] ?? 0).toBe(0);
      }),
      fuzzParameters(0.25),
    );
  });
});
