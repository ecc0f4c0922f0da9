import { internalType } from '../internal-type';

/**
 * Single-use tokens behind every emailed link. Only a SHA-256 digest of the 256-bit token is
 * stored, so a copy of the database opens no account. Every column is private and the type
 * is hidden from the Content Manager: no API can filter, sort or populate on it (the route
 * by which Strapi leaked reset tokens in CVE-2026-27886 and its six predecessors).
 */
export default internalType({
  collectionName: 'uc_tokens',
  singularName: 'token',
  pluralName: 'tokens',
  displayName: 'Account token',
  attributes: {
    purpose: {
      type: 'enumeration',
      enum: ['activation', 'password-reset', 'password-change'],
      required: true,
      private: true,
    },
    userId: { type: 'integer', required: true, private: true },
    digest: { type: 'string', required: true, private: true, column: { unique: true } },
    expiresAt: { type: 'datetime', required: true, private: true },
    usedAt: { type: 'datetime', private: true },
    supersededAt: { type: 'datetime', private: true },
  },
  indexes: [{ name: 'uc_tokens_user_purpose_idx', columns: ['user_id', 'purpose'] }],
});
