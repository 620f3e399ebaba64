// Who may do what in the maintenance menu: one table, here and in README. 保守 (the bank's
// maintenance engineer) diagnoses and repairs, but never changes what customers are offered
// nor who the staff are; 窓口担当 may look, test and take the kiosk out of service (the safe
// direction), not put it back. Actions marked 二人制 need a second, different staff member
// of one of the approving roles to sign in and approve.
import type { MaintenanceAction, StaffRole } from '../../common/maintenance/maintenance-view.ts';

export interface Permission {
  readonly roles: readonly StaffRole[];
  /** 二人制: the roles one of which a second, different staff member must have to approve. */
  readonly approvers?: readonly StaffRole[];
}

const EVERYONE: readonly StaffRole[] = ['operator', 'supervisor', 'maintenance', 'administrator'];
const TECHNICAL: readonly StaffRole[] = ['supervisor', 'maintenance', 'administrator'];
const BRANCH_DECISION: readonly StaffRole[] = ['supervisor', 'administrator'];
/** The branch's own staff, who serve customers at the counter (not the bank's engineers). */
const BRANCH_STAFF: readonly StaffRole[] = ['operator', 'supervisor', 'administrator'];

export const PERMISSIONS: { readonly [A in MaintenanceAction]: Permission } = {
  'view-status': { roles: EVERYONE },
  'reader-test': { roles: EVERYONE },
  'restart-card-service': { roles: TECHNICAL },
  'self-test': { roles: EVERYONE },
  suspend: { roles: EVERYONE },
  resume: { roles: TECHNICAL },
  'switch-service': { roles: BRANCH_DECISION },
  'plan-suspension': { roles: BRANCH_DECISION, approvers: BRANCH_DECISION },
  'view-schedules': { roles: EVERYONE },
  'edit-schedules': { roles: BRANCH_DECISION, approvers: BRANCH_DECISION },
  'view-configuration': { roles: TECHNICAL },
  'restart-kiosk': { roles: TECHNICAL },
  'unlock-staff': { roles: BRANCH_DECISION },
  'manage-staff': { roles: ['administrator'], approvers: BRANCH_DECISION },
  // Whoever serves the owner at the counter checks their identity; a supervisor approves.
  'release-card': { roles: BRANCH_STAFF, approvers: BRANCH_DECISION },
  // Whoever finds the card left in the desk reader takes it into safekeeping.
  'confirm-card-lock': { roles: EVERYONE },
  // Saying a customer's card is gone closes its record for good: branch staff, and a second person.
  'record-card-missing': { roles: BRANCH_STAFF, approvers: BRANCH_DECISION },
  'retry-submission': { roles: TECHNICAL },
  // A customer's consented submission deleted undelivered: a branch decision, approved by a second.
  'purge-submission': { roles: BRANCH_DECISION, approvers: BRANCH_DECISION },
  // The vendor's diagnostics leave the branch (encrypted): the engineer's, or the administrator's.
  'export-logs': { roles: ['maintenance', 'administrator'] },
  // Counts and timelines without personal data: everyone answers enquiries and closes the day.
  'view-records': { roles: EVERYONE },
  'print-day-close': { roles: EVERYONE },
  // The whole trail leaves the kiosk: a branch decision, approved by a second person.
  'export-audit': { roles: BRANCH_DECISION, approvers: BRANCH_DECISION },
};

export const mayDo = (role: StaffRole, action: MaintenanceAction): boolean => PERMISSIONS[action].roles.includes(role);

export const needsApproval = (action: MaintenanceAction): boolean => PERMISSIONS[action].approvers !== undefined;

/** A second staff member's approval counts only from another person of an approving role. */
export const mayApprove = (action: MaintenanceAction, performer: string, approver: { number: string; role: StaffRole }): boolean =>
  approver.number !== performer && (PERMISSIONS[action].approvers?.includes(approver.role) ?? false);

export const allowedActions = (role: StaffRole): MaintenanceAction[] =>
  (Object.keys(PERMISSIONS) as MaintenanceAction[]).filter((action) => mayDo(role, action));
