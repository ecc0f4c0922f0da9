import type { Core } from '@strapi/strapi';
import type {
  ClearEmailStatusAnswer,
  ClearEmailStatusResult,
  EmailStatus,
} from '../../../shared/contracts/delivery';
import { USER_UID } from '../constants';
import { getService } from '../utils/get-service';
import { retryingTransaction } from '../utils/transient-conflict';

interface LockedUser {
  id: number;
  emailStatus: EmailStatus | null;
  softBounceCount: number | null;
}

type Outcome = Omit<ClearEmailStatusResult, 'id'>;

/**
 * An admin's word over the delivery reports ("Mark as deliverable", Okta's "remove from
 * suppression list", Auth0's "unblock"): a report can be wrong (a provider misclassifies, a
 * mailbox is restored), and correcting the address should not be the only way back.
 */
const emailStatus = ({ strapi }: { strapi: Core.Strapi }) => ({
  /** Users by documentId or numeric id: each one's status starts over, as for a corrected address. */
  async clear(keys: string[]): Promise<ClearEmailStatusAnswer> {
    const byKey = await getService(strapi, 'users').findByKeys(keys);
    const ids = [...new Set([...byKey.values()].map((user) => user.id))];
    let outcomes = new Map<number, Outcome>();
    if (ids.length > 0) {
      outcomes = await retryingTransaction(strapi, async () => {
        // Built by the run that commits: a run rolled back for a lost race leaves nothing here.
        const outcomes = new Map<number, Outcome>();
        // Read under the rows' locks, taken in id order as every path that writes a user's mail
        // state takes them (tokens.lockUsers): a bounce recorded meanwhile is either cleared
        // here or lands after, and two admins clearing overlapping lists cannot deadlock.
        const locked = (await strapi.db
          .queryBuilder(USER_UID)
          .select(['id', 'emailStatus', 'softBounceCount'])
          .where({ id: { $in: ids } })
          .orderBy({ id: 'asc' })
          .forUpdate()
          .execute()) as LockedUser[];
        const fields = getService(strapi, 'delivery-feedback').addressChangedFields();
        for (const user of locked) {
          const previous = user.emailStatus ?? 'ok';
          if (previous === 'ok' && (user.softBounceCount ?? 0) === 0) {
            outcomes.set(user.id, { status: 'skipped', reason: 'already-ok' });
            continue;
          }
          // Protected account-state fields: only the plugin's own flows may write them.
          await getService(strapi, 'user-state').trusted(() =>
            strapi.db.query(USER_UID).update({ where: { id: user.id }, data: fields })
          );
          outcomes.set(user.id, { status: 'cleared', ...(previous !== 'ok' ? { previous } : {}) });
        }
        return outcomes;
      });
    }
    // A user deleted since the first read is not found, like one that never existed.
    return {
      results: keys.map((id) => {
        const user = byKey.get(id);
        const outcome = user ? outcomes.get(user.id) : undefined;
        return { id, ...(outcome ?? { status: 'skipped', reason: 'not-found' }) };
      }),
    };
  },
});

export type EmailStatusService = ReturnType<typeof emailStatus>;
export default emailStatus;
