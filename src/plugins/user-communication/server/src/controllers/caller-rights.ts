import { USER_UID } from '../constants';
import type { UpdateRights } from '../services/user-writer';

interface Ability {
  can(action: string, subject?: string, field?: string): boolean;
}

export interface CallerState {
  /** An admin's permissions (admin routes). */
  userAbility?: Ability;
  /** How a content-API request authenticated: an API token and its permissions. */
  auth?: { credentials?: { type?: string } | null; ability?: Ability | null };
}

/**
 * May this caller update any user through a bulk path, beyond the users an import or an
 * integration brought in? Only with a right it already has elsewhere: an admin who may edit users
 * in the Content Manager, or an API token with full access or allowed users-permissions' own
 * `PUT /api/users/:id`.
 */
export const updateRightsOf = (state: CallerState): UpdateRights => {
  if (state.userAbility) {
    return {
      updateAny: state.userAbility.can('plugin::content-manager.explorer.update', USER_UID),
    };
  }
  const token = state.auth?.credentials;
  const updateAny =
    token?.type === 'full-access' ||
    (token?.type === 'custom' &&
      Boolean(state.auth?.ability?.can('plugin::users-permissions.user.update')));
  return { updateAny };
};

/**
 * May this admin see users' names and addresses outside the Content Manager (the reminder
 * preview)? Only with the right to read those fields of users there: `settings.read` is about
 * the plugin's settings, not about people.
 */
export const mayReadUsers = (state: CallerState): boolean =>
  ['email', 'username'].every((field) =>
    Boolean(state.userAbility?.can('plugin::content-manager.explorer.read', USER_UID, field))
  );
