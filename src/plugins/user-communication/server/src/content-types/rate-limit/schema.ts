import { internalType } from '../internal-type';

/**
 * Fixed-window counters for the public endpoints, in the database so that a limit holds
 * across every instance behind the load balancer (users-permissions' limiter is per process).
 */
export default internalType({
  collectionName: 'uc_rate_limits',
  singularName: 'rate-limit',
  pluralName: 'rate-limits',
  displayName: 'Rate limit counter',
  attributes: {
    bucket: { type: 'string', required: true, private: true, column: { unique: true } },
    hits: { type: 'integer', default: 0, private: true },
    expiresAt: { type: 'datetime', required: true, private: true },
  },
  indexes: [{ name: 'uc_rate_limits_expires_idx', columns: ['expires_at'] }],
});
