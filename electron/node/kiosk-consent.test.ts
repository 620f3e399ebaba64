// The customer's agreement (図3.3-3) and consent (図3.3-6) as evidence, and the lifetimes of a
// retrieval as one contract: what reaches the gateway is when the customer pressed and the
// version of the statement on screen, in the language on screen; a 確認 after the gateway
// stopped holding the retrieval provides nothing and says so; a submission still waiting when
// the hold ends is final, recorded for staff, not retried for days.
import { afterEach, describe, expect, it } from 'vitest';
import { agreementSubject } from '../common/consent-text.ts';
import { itemKey } from '../common/item-key.ts';
import { TestKiosk, tuesdayAfternoon, type TestKioskOptions } from '../../test/support/kiosk-driver.ts';
import { until } from '../../test/support/until.ts';
import { consentTextVersion } from './consent/consent-version.ts';
import { DEMO_SERVICES } from './services/service-catalog.ts';
import { summarise } from './session/session-view.ts';

const kiosks: TestKiosk[] = [];
afterEach(async () => {
  for (const kiosk of kiosks.splice(0).reverse()) await kiosk.stop();
});

async function start(options: TestKioskOptions = {}): Promise<TestKiosk> {
  const kiosk = await TestKiosk.start(options);
  kiosks.push(kiosk);
  return kiosk;
}

const [housingService] = DEMO_SERVICES;
if (!housingService) throw new Error('no demo service');
const housing = summarise(housingService);
const MINUTE = 60_000;

/** The instants just before and just after an action, in milliseconds. */
function around(now: () => Date, act: () => void): { before: number; after: number } {
  const before = now().getTime();
  act();
  return { before, after: now().getTime() };
}

describe('consent evidence', () => {
  it('sends the agreement as given at 同意して進む, and the consent as given at 確認, each in the language on screen', async () => {
    const { now, advance } = tuesdayAfternoon();
    const t = await start({ now });
    const { kiosk, gateway } = t;
    await t.screen('attract');
    kiosk.send({ type: 'START' });
    kiosk.send({ type: 'SELECT_SERVICE', serviceId: housing.id });
    await t.screen('confirmation');
    kiosk.send({ type: 'SET_LANGUAGE', language: 'en' });
    const agreed = around(now, () => kiosk.send({ type: 'AGREE' }));
    // The customer takes a while to find the card: the agreement is the press, not the PIN.
    advance(2 * MINUTE);
    await t.screen('insert-card');
    await t.insert('default');
    await t.typePin('1234');
    const review = await t.at('review');
    expect(review.language).toBe('en');

    const [request] = gateway.retrievalRequests;
    expect(Date.parse(request?.agreement.agreedAt ?? '')).toBeGreaterThanOrEqual(agreed.before);
    expect(Date.parse(request?.agreement.agreedAt ?? '')).toBeLessThanOrEqual(agreed.after);
    expect(request?.agreement.textVersion).toBe(consentTextVersion('agreement', agreementSubject(housing), 'en'));

    // Back to Japanese before consenting: the statement on screen is then the Japanese one.
    kiosk.send({ type: 'SET_LANGUAGE', language: 'ja' });
    advance(3 * MINUTE);
    await t.at('review');
    const last = review.items.at(-1);
    if (last) kiosk.send({ type: 'REVIEW_SEEN', lastItemKey: itemKey(last) });
    const consented = around(now, () => kiosk.send({ type: 'CONFIRM', itemKeys: review.items.map(itemKey) }));
    await t.screen('finishing');
    t.take();
    await t.screen('complete');
    const [submitted] = gateway.submissions;
    const consent = submitted?.submission.consent;
    expect(Date.parse(consent?.consentedAt ?? '')).toBeGreaterThanOrEqual(consented.before);
    expect(Date.parse(consent?.consentedAt ?? '')).toBeLessThanOrEqual(consented.after);
    expect(consent?.textVersion).toBe(consentTextVersion('provision', { service: housing, items: review.items }, 'ja'));
    expect(consent?.retentionDays).toBe(365);

    const recorded = kiosk.audit.recent().filter((record) => record.event === 'agreed' || record.event === 'consent-given');
    expect(recorded).toMatchObject([
      { event: 'agreed', detail: { textVersion: request?.agreement.textVersion, language: 'en' } },
      { event: 'consent-given', detail: { textVersion: consent?.textVersion, language: 'ja' } },
    ]);
  });
});

describe('the lifetime of a retrieval', () => {
  it('provides nothing for a 確認 after the gateway stopped holding the retrieval, says so, and records it', async () => {
    const { now, advance } = tuesdayAfternoon();
    const t = await start({ now });
    const { kiosk, gateway } = t;
    await t.toReview();
    // The customer stays on the review screen past the time the gateway holds the information.
    advance(31 * MINUTE);
    await t.confirm();
    expect(await t.screen('returning-card')).toMatchObject({ reason: 'expired' });
    expect(t.motorised().position).toBe('at-slot');
    t.take();
    await t.screen('attract');
    expect(gateway.submissions).toHaveLength(0);
    expect(kiosk.outbox.size).toBe(0);
    const session = t.lastSession();
    expect(session.events).not.toContain('consent-given');
    expect(session.endReason).toBe('expired');
    expect(kiosk.audit.recent().filter((record) => record.event === 'consent-refused')).toMatchObject([{ detail: { reason: 'expired' } }]);
  });

  it('tells the customer a submission still being sent is not complete, with a reference and until when; past that it is deleted as final', async () => {
    const { now, advance } = tuesdayAfternoon();
    const t = await start({ now, courierIntervalMs: 50 });
    const { kiosk, gateway } = t;
    await t.toReview();
    gateway.faults.inject('submit', { kind: 'status', status: 503 }, 1000);
    await t.confirm();
    await t.screen('finishing');
    t.take();
    const complete = await t.at('complete');
    if (complete.submission.status !== 'sending') throw new Error(`not sending: ${complete.submission.status}`);
    const { reference, until: heldUntil } = complete.submission;
    expect(reference).toMatch(/^[34679ACDEFGHJKMNPQRTUVWXY]{4}-[34679ACDEFGHJKMNPQRTUVWXY]{4}$/);
    // Until when the gateway holds the retrieval: what it announced with the items.
    expect(Date.parse(heldUntil) - now().getTime()).toBeGreaterThan(25 * MINUTE);
    expect(Date.parse(heldUntil) - now().getTime()).toBeLessThanOrEqual(30 * MINUTE);
    expect(kiosk.outbox.size).toBe(1);

    advance(31 * MINUTE);
    await until(() => kiosk.outbox.size === 0);
    expect(gateway.submissions).toHaveLength(0);
    const expired = kiosk.audit.recent().filter((record) => record.event === 'submission-expired');
    expect(expired).toMatchObject([{ detail: { reference, reason: 'held-until-passed' } }]);
    // Not retried any more: the gateway hears no further submission.
    const attempts = gateway.requestCount('submit');
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(gateway.requestCount('submit')).toBe(attempts);
  });
});
