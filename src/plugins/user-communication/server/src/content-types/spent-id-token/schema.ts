import { internalType } from '../internal-type';

/**
 * ID tokens that have given a login (single sign-on). koa sessions live in the cookie, so a
 * cookie saved before the login still holds the provider's answer after it: the database, not
 * the session, remembers that the answer is spent. Only a SHA-256 digest of the token is kept,
 * until the token expires.
 */
export default internalType({
  collectionName: 'uc_spent_id_tokens',
  singularName: 'spent-id-token',
  pluralName: 'spent-id-tokens',
  displayName: 'Spent ID token',
  attributes: {
    digest: { type: 'string', required: true, private: true, column: { unique: true } },
    /** A random value per attempt: whichever attempt's value is stored spent the token. */
    claim: { type: 'string', required: true, private: true },
    expiresAt: { type: 'datetime', required: true, private: true },
  },
  indexes: [{ name: 'uc_spent_id_tokens_expires_idx', columns: ['expires_at'] }],
});
