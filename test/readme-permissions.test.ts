// README's "Who may do what" table is the maintenance menu's permission table
// (electron/node/maintenance/permissions.ts), row for row: what staff and the bank read is
// what the kiosk enforces. Changing one without the other fails here.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { STAFF_ROLES } from '../electron/common/maintenance/maintenance-view.ts';
import { PERMISSIONS } from '../electron/node/maintenance/permissions.ts';

const ROLE_NAMES = { operator: '窓口担当', supervisor: '役席', maintenance: '保守', administrator: '管理者' } as const;

const readme = readFileSync(join(import.meta.dirname, '..', 'README.md'), 'utf8');
const start = readme.indexOf('Who may do what');
const section = readme.slice(start, readme.indexOf('\n## ', start));
const rows = section
  .split('\n')
  .filter((line) => line.startsWith('| `'))
  .map((line) =>
    line
      .split('|')
      .slice(1, -1)
      .map((cell) => cell.trim()),
  );

describe('the README’s table of who may do what in the maintenance menu', () => {
  it('names the roles in the order of the code', () => {
    const header = section.split('\n').find((line) => line.startsWith('| action'));
    expect(
      header
        ?.split('|')
        .slice(2, 2 + STAFF_ROLES.length)
        .map((cell) => cell.trim()),
    ).toEqual(STAFF_ROLES.map((role) => ROLE_NAMES[role]));
  });

  it('has one row per action, saying what permissions.ts says', () => {
    const expected = Object.entries(PERMISSIONS).map(([action, permission]) => [
      `\`${action}\``,
      ...STAFF_ROLES.map((role) => (permission.roles.includes(role) ? '○' : '')),
      permission.approvers ? permission.approvers.map((role) => ROLE_NAMES[role]).join('・') : '',
    ]);
    expect(rows).toEqual(expected);
  });
});
