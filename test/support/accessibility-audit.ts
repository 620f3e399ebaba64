// Measures what a customer with poor eyesight depends on, on the page as drawn: axe-core's
// WCAG 2.x A/AA rules plus the AAA 7:1 text contrast the stylesheet promises. Injected with
// page.evaluate (DevTools protocol), so the renderer's CSP stays as strict as in a branch.
import axe from 'axe-core';
import type { Page } from 'playwright-core';

export interface AuditFinding {
  readonly rule: string;
  readonly help: string;
  readonly targets: readonly string[];
  readonly detail: string;
}

/** Every WCAG violation on the page now; empty when the screen passes. */
export async function auditAccessibility(page: Page): Promise<AuditFinding[]> {
  if (!(await page.evaluate(() => 'axe' in globalThis))) await page.evaluate(axe.source);
  return page.evaluate(async () => {
    // Runs in the page, where axe-core has just been defined; the whole document is audited.
    const inPage = (globalThis as unknown as { axe: typeof axe }).axe;
    const result = await inPage.run({
      runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'] },
      rules: {
        'color-contrast-enhanced': { enabled: true },
        // A shared kiosk pins zoom on purpose (a pinched screen strands the next customer);
        // the type is sized for reading at arm's length instead.
        'meta-viewport': { enabled: false },
        // Best practice for finding one's way by landmarks and headings (a screen reader, the
        // assisted mode): one main, a heading, nothing outside a landmark.
        'landmark-one-main': { enabled: true },
        'page-has-heading-one': { enabled: true },
        region: { enabled: true },
        'landmark-no-duplicate-main': { enabled: true },
        'landmark-main-is-top-level': { enabled: true },
        'landmark-banner-is-top-level': { enabled: true },
        'landmark-no-duplicate-banner': { enabled: true },
        'landmark-unique': { enabled: true },
      },
      resultTypes: ['violations'],
    });
    const findings = result.violations.flatMap((violation) =>
      violation.nodes.map((node) => ({
        rule: violation.id,
        help: violation.help,
        targets: node.target.map(String),
        detail: node.failureSummary ?? '',
      })),
    );
    // Exactly one of each on every screen (axe asks for at least one).
    for (const tag of ['main', 'h1']) {
      const count = (
        globalThis as unknown as { document: { querySelectorAll: (selector: string) => { length: number } } }
      ).document.querySelectorAll(tag).length;
      if (count !== 1)
        findings.push({ rule: `one-${tag}`, help: `the screen has ${String(count)} ${tag} elements, not one`, targets: [tag], detail: '' });
    }
    return findings;
  });
}
