import { USER_UID } from '../constants';
import type { UpdateRights } from '../services/user-writer';

interface Rule {
  inverted?: boolean;
  conditions?: unknown;
}

interface Ability {
  can(action: string, subject?: string, field?: string): boolean;
  rulesFor(action: string, subject: string, field?: string): Rule[];
}

/** The account fields a bulk update may change; a right limited to other fields is not enough. */
const BULK_FIELDS = ['username', 'blocked'];

/**
 * Has the admin this right on every user, for each field? `can()` on a content type answers
 * true for a right held only under a condition (say, "users I created"): here only a rule
 * without conditions counts, since the bulk paths act on users the condition was never tested on.
 */
const mayOnEveryUser = (ability: Ability, action: string, fields: string[]) =>
  fields.every((field) =>
    ability.rulesFor(action, USER_UID, field).some((rule) => !rule.inverted && !rule.conditions)
  );

export interface CallerState {
  /** An admin's permissions (admin routes). */
  userAbility?: Ability;
  /** How a content-API request authenticated: an API token and its permissions. */
  auth?: { credentials?: { type?: string } | null; ability?: Ability | null };
}

/**
 * May this caller update any user through a bulk path, beyond the users an import or an
 * integration brought in? Only with a right it already has elsewhere: an admin who may edit every
 * user in the Content Manager (no condition, every field a bulk update writes), or an API token with full access or allowed users-permissions' own
 * `PUT /api/users/:id`.
 */
export const updateRightsOf = (state: CallerState): UpdateRights => {
  if (state.userAbility) {
    return {
      updateAny: mayOnEveryUser(
        state.userAbility,
        'plugin::content-manager.explorer.update',
        BULK_FIELDS
      ),
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
  Boolean(
    state.userAbility &&
    mayOnEveryUser(state.userAbility, 'plugin::content-manager.explorer.read', [
      'email',
      'username',
    ])
  );
