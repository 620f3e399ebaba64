// The fault matrix: every screen a customer can be on (the session machine's `screen:*` tags)
// × every fault a branch sees, each cell one test of the real kiosk core on a desk reader's
// production path (see matrix-kiosk.ts). A row's screen is first reached without a fault: what
// that session shows is the baseline a fault may add its own screens to. The table of outcomes
// is printed at the end.
import { rmSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { ScreenTag } from '../../electron/node/session/session-types.ts';
import { runCell, type CellRun } from './cell.ts';
import { problemsOf, summaryOf } from './checks.ts';
import { NOT_A_CUSTOMER_STATE, rowName, screenTagsOfMachine } from './customer-screens.ts';
import { FAULTS, type MatrixFault } from './faults.ts';
import { removeShellFolders, startMatrixKiosk, startMatrixKioskInShell } from './matrix-kiosk.ts';
import { formatTable } from './table.ts';

const electron = await vi.hoisted(async () => (await import('../support/fake-electron.ts')).fakeElectron());
vi.mock('electron', () => electron.module);

/** Screens a desk reader never shows, and why. */
const NOT_ON_A_DESK_READER: Partial<Record<ScreenTag, string>> = {
  'screen:card-retained': 'a desk reader cannot keep a card',
};

const MACHINE_SCREENS = screenTagsOfMachine();
const ROWS = MACHINE_SCREENS.filter((tag) => !NOT_A_CUSTOMER_STATE[tag] && !NOT_ON_A_DESK_READER[tag]);

/** The row's session without a fault: it reaches the row's screen and ends as it should. */
const NO_FAULT: MatrixFault = { id: 'none', inject: () => undefined, repair: () => Promise.resolve(true) };

const cells = new Map<string, { run: CellRun | undefined; problems: string[] }>();

async function run(row: ScreenTag, fault: MatrixFault): Promise<CellRun> {
  const kiosk = fault.shell ? await startMatrixKioskInShell(electron) : await startMatrixKiosk();
  try {
    return await runCell({ row, fault, kiosk });
  } finally {
    await kiosk.stop();
  }
}

/** Each row's session without a fault, run once, for its own test and as its faults' baseline. */
const baselines = new Map<ScreenTag, Promise<CellRun>>();
const baselineOf = (row: ScreenTag): Promise<CellRun> => {
  const known = baselines.get(row) ?? run(row, NO_FAULT);
  baselines.set(row, known);
  return known;
};

beforeAll(() => {
  // One shell per renderer-lost cell, all on the one fake electron.
  electron.module.app.setMaxListeners(0);
  electron.ipc.setMaxListeners(0);
  electron.ready();
});

afterAll(() => {
  removeShellFolders((folder) => rmSync(folder, { recursive: true, force: true }));
  const summary = (row: string, fault: string): string => {
    const cell = cells.get(`${row}|${fault}`);
    return cell?.run ? summaryOf(cell.run, cell.problems) : 'FAIL';
  };
  const table = formatTable(ROWS.map(rowName), ['none', ...FAULTS.map((fault) => fault.id)], summary);
  console.log(`Fault matrix (desk reader behind the card service; rows: screens, columns: faults)\n${table}`);
});

describe('the fault matrix', () => {
  it('has a row for every screen of the session machine a customer can be on', () => {
    const covered = new Set<ScreenTag>([...ROWS, ...(Object.keys({ ...NOT_A_CUSTOMER_STATE, ...NOT_ON_A_DESK_READER }) as ScreenTag[])]);
    expect(MACHINE_SCREENS.filter((tag) => !covered.has(tag))).toEqual([]);
    expect(ROWS.length).toBeGreaterThan(20);
  });
});

// One suite, so that every cell may run beside every other.
describe.concurrent('cells', () => {
  const columns: [string, MatrixFault][] = [['none', NO_FAULT], ...FAULTS.map((fault) => [fault.id, fault] as [string, MatrixFault])];
  it.each(ROWS.flatMap((row) => columns.map(([id, fault]) => [rowName(row), id, row, fault] as const)))(
    '%s × %s',
    async (name, id, row, fault) => {
      const baseline = await baselineOf(row);
      const cell = fault === NO_FAULT ? baseline : await run(row, fault);
      const problems = problemsOf(cell, baseline.trail);
      cells.set(`${name}|${id}`, { run: cell, problems });
      expect(problems, `${cell.trail.join(' > ')} | ${cell.audit.join(', ')}`).toEqual([]);
    },
  );
});
