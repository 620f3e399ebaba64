// The first staff, provisioned on the terminal itself (the menu cannot add anyone before an
// administrator can sign in, nor under dual control before a second approver exists): an
// administrator and a supervisor, each with their own PIN, and then never again — from then
// on staff are managed in the menu.
import type { StaffRole } from '../../common/maintenance/maintenance-view.ts';
import { err, type Result } from '../../common/result.ts';
import type { AuditTrail } from '../storage/audit-trail.ts';
import type { StaffDirectory } from './staff-directory.ts';

export type ProvisionError = 'not-needed' | 'role' | 'exists' | 'invalid';

/** The roles the terminal may provision: those dual control needs before the menu can manage staff. */
export const FIRST_STAFF_ROLES: readonly StaffRole[] = ['administrator', 'supervisor'];

/** Adds one of the first staff; the caller wipes `pin`. */
export async function provisionFirstStaff(
  staff: StaffDirectory,
  audit: AuditTrail,
  member: { readonly number: string; readonly role: StaffRole },
  pin: Uint8Array,
): Promise<Result<undefined, ProvisionError>> {
  if (!staff.bootstrapping()) return err('not-needed');
  if (!FIRST_STAFF_ROLES.includes(member.role)) return err('role');
  const added = await staff.add(member, pin, 'terminal');
  if (added.ok) audit.record({ event: 'staff-provisioned', staff: member.number, role: member.role });
  return added;
}
