import {
  PERMISSIONS,
  permissionUid,
  type PermissionAction,
} from '../../shared/contracts/permissions';

/** One action as Page.Protect, useRBAC and a settings link ask for it. */
export type RequiredPermissions = Array<{ action: string; subject: null }>;

// Built once per action: useRBAC checks again whenever it is given a new array.
const BY_ACTION = Object.fromEntries(
  PERMISSIONS.map(({ action }) => [action, [{ action: permissionUid(action), subject: null }]])
) as Record<PermissionAction, RequiredPermissions>;

export const permissionsFor = (action: PermissionAction): RequiredPermissions => BY_ACTION[action];
