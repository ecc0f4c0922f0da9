import type { Core } from '@strapi/strapi';
import { ACCOUNT_STATUS_PLUGIN_OPTION } from '../../../shared/contracts/account-status';
import { EMAIL_STATUSES } from '../../../shared/contracts/delivery';
import { SCIM_CHANGES } from '../../../shared/contracts/users';
import { ORIGINS, PLUGIN_ID, USER_UID } from '../constants';

interface MutableContentType {
  attributes: Record<string, unknown>;
  pluginOptions?: Record<string, unknown>;
  indexes?: Array<{ name: string; columns: string[]; type?: string }>;
  config?: { metadatas?: Record<string, unknown>; [key: string]: unknown };
}

const readOnly = (label: string, description: string) => ({
  edit: { label, description, editable: false },
});

/**
 * Adds the account state to the users-permissions user. Done in register() so the
 * columns exist before the schema sync. The fields are shown read-only in the Content
 * Manager (the server derives them) and, being plain scalar columns, are filterable there.
 */
export const extendUserContentType = (strapi: Core.Strapi): void => {
  strapi.get('content-types').extend(USER_UID, (contentType: MutableContentType) => {
    contentType.attributes.origin = {
      type: 'enumeration',
      enum: [...ORIGINS],
      configurable: false,
    };
    contentType.attributes.lastLoginAt = { type: 'datetime', configurable: false };
    contentType.attributes.activatedAt = { type: 'datetime', configurable: false };
    contentType.attributes.mustChangePassword = {
      type: 'boolean',
      default: false,
      configurable: false,
    };
    contentType.attributes.lastRemindedAt = { type: 'datetime', configurable: false };
    // Tokens issued before this instant are refused (legacy-support JWTs carry no session to delete).
    contentType.attributes.sessionsValidAfter = {
      type: 'datetime',
      configurable: false,
      private: true,
    };
    // SCIM (scim/user-resource.ts): the identity provider's id and userName, the lower-cased
    // userName that uniqueness and lookups compare on every database alike, the attributes
    // without a column of their own, and the last change a provisioning request made.
    contentType.attributes.externalId = { type: 'string', configurable: false };
    contentType.attributes.scimUserName = { type: 'string', configurable: false };
    contentType.attributes.scimUserNameKey = {
      type: 'string',
      configurable: false,
      private: true,
    };
    contentType.attributes.scimProfile = { type: 'json', configurable: false, private: true };
    contentType.attributes.scimUpdatedAt = { type: 'datetime', configurable: false };
    contentType.attributes.scimLastChange = {
      type: 'enumeration',
      enum: [...SCIM_CHANGES],
      configurable: false,
    };
    // The subject (`sub`) of the identity provider's user who first signed in to this account
    // with SSO: a later sign-in with the same address but another subject is refused.
    contentType.attributes.ssoSubject = {
      type: 'string',
      configurable: false,
      private: true,
    };
    // Delivery feedback (services/delivery-feedback.ts): whether mail reaches the address, why
    // not, and soft bounces since the last delivery.
    // Private: the content API must not list who reported the platform as spam, nor hand relay
    // diagnostics (host names, addresses) to users; the admin (Content Manager, panel) sees them.
    contentType.attributes.emailStatus = {
      type: 'enumeration',
      enum: [...EMAIL_STATUSES],
      default: 'ok',
      configurable: false,
      private: true,
    };
    contentType.attributes.emailStatusReason = {
      type: 'string',
      configurable: false,
      private: true,
    };
    contentType.attributes.emailStatusChangedAt = {
      type: 'datetime',
      configurable: false,
      private: true,
    };
    contentType.attributes.softBounceCount = {
      type: 'integer',
      default: 0,
      configurable: false,
      private: true,
    };
    // The user's own refusal of no-login reminders (List-Unsubscribe); account mail still goes out.
    contentType.attributes.reminderOptOut = {
      type: 'boolean',
      default: false,
      configurable: false,
      private: true,
    };
    contentType.attributes.reminderOptOutAt = {
      type: 'datetime',
      configurable: false,
      private: true,
    };
    // The reminder job selects due users by these columns, a page at a time (keyset on id).
    contentType.indexes = [
      ...(contentType.indexes ?? []),
      { name: 'up_users_uc_last_login_idx', columns: ['last_login_at'] },
      { name: 'up_users_uc_created_idx', columns: ['created_at'] },
      { name: 'up_users_uc_last_reminded_idx', columns: ['last_reminded_at'] },
      // Logins, resets, imports and integrations look users up by e-mail or username; users-permissions indexes neither.
      { name: 'up_users_uc_email_idx', columns: ['email'] },
      { name: 'up_users_uc_username_idx', columns: ['username'] },
      // A unique index: two SCIM requests creating one userName at once cannot both succeed.
      { name: 'up_users_uc_scim_user_name_uq', columns: ['scim_user_name_key'], type: 'unique' },
      { name: 'up_users_uc_external_id_idx', columns: ['external_id'] },
      // SCIM lists only its own users (origin scim), in id order.
      { name: 'up_users_uc_origin_idx', columns: ['origin', 'id'] },
    ];
    // The admin's list hooks (Status column and filter) see the type's plugin options, not its uid.
    contentType.pluginOptions = {
      ...contentType.pluginOptions,
      [PLUGIN_ID]: { [ACCOUNT_STATUS_PLUGIN_OPTION]: true },
    };
    contentType.config = {
      ...contentType.config,
      metadatas: {
        ...contentType.config?.metadatas,
        origin: readOnly('Origin', 'How the account was created'),
        lastLoginAt: readOnly('Last login', 'Set on every successful login'),
        activatedAt: readOnly('Activated at', 'When the user activated the account'),
        mustChangePassword: readOnly('Must change password', 'Set by a one-time password'),
        lastRemindedAt: readOnly('Last no-login reminder', 'When the last reminder was sent'),
        ssoSubject: readOnly(
          'SSO subject',
          "The identity provider's id of the person who signs in to this account"
        ),
        sessionsValidAfter: readOnly(
          'Signed out everywhere at',
          'Sessions started before this were ended by a password change'
        ),
        externalId: readOnly('External id', "The user's id in the identity provider (SCIM)"),
        scimUserName: readOnly('SCIM userName', 'The userName the identity provider gave'),
        scimProfile: readOnly('SCIM attributes', 'Name, title, phone numbers… as provisioned'),
        scimUpdatedAt: readOnly(
          'Last provisioning change',
          'When a SCIM request last changed the user'
        ),
        scimLastChange: readOnly('Last provisioning change', 'What that SCIM request did'),
        emailStatus: readOnly(
          'E-mail status',
          'Set by bounces and spam complaints; ok again when the address changes'
        ),
        emailStatusReason: readOnly(
          'E-mail status reason',
          'What the bounce or complaint report said'
        ),
        emailStatusChangedAt: readOnly('E-mail status changed at', 'When the status last changed'),
        softBounceCount: readOnly('Soft bounces', 'Temporary failures since the last delivery'),
        reminderOptOut: readOnly('No reminders', 'The user unsubscribed from no-login reminders'),
        reminderOptOutAt: readOnly('Unsubscribed at', 'When the user unsubscribed from reminders'),
      },
    };
    return contentType;
  });
};
