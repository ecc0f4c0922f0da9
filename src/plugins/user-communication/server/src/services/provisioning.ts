import type { Core } from '@strapi/strapi';
import { getService } from '../utils/get-service';
import type { ExistingUser } from './user-writer';

export interface ProvisionResult {
  index: number;
  id: number | null;
  documentId: string | null;
  email: string | null;
  status: 'created' | 'updated' | 'error';
  error?: string;
}

const errorMessage = (error: unknown) => (error instanceof Error ? error.message : String(error));

/**
 * The integration API: provisioning systems send users one at a time or in batches. The
 * e-mail address is the key, so sending the same user again updates it instead of creating
 * a duplicate, and does not send a second activation e-mail. Each item succeeds or fails on
 * its own.
 */
const provisioning = ({ strapi }: { strapi: Core.Strapi }) => ({
  async provision(items: Array<Record<string, unknown>>): Promise<ProvisionResult[]> {
    const writer = getService(strapi, 'user-writer');
    const checked = items.map((item) => writer.normalise(item));
    const emails = checked.flatMap((result) => ('user' in result ? [result.user.email] : []));
    const existing = await writer.findByEmails([...new Set(emails)]);
    const fresh = [
      ...new Map(
        checked.flatMap((result) => ('user' in result && !existing.has(result.user.email) ? [[result.user.email, result.user]] : []))
      ).values(),
    ];
    const usernames = await writer.usernamesFor(fresh);
    const usernameOf = new Map(fresh.map((user, i) => [user.email, usernames[i]]));
    const roleId = fresh.length > 0 ? await writer.defaultRoleId() : 0;

    const results: ProvisionResult[] = [];
    for (const [index, result] of checked.entries()) {
      if ('errors' in result) {
        const email = typeof items[index].email === 'string' ? (items[index].email as string) : null;
        results.push({ index, id: null, documentId: null, email, status: 'error', error: result.errors.join('; ') });
        continue;
      }
      const { user } = result;
      const answer = (record: ExistingUser, status: 'created' | 'updated'): ProvisionResult => ({
        index,
        id: record.id,
        documentId: record.documentId,
        email: record.email,
        status,
      });
      try {
        const known = existing.get(user.email);
        if (known) {
          await strapi.db.transaction(() => writer.update(known, user));
          results.push(answer(known, 'updated'));
          continue;
        }
        const username = usernameOf.get(user.email);
        if (!username || 'error' in username) throw new Error(username && 'error' in username ? username.error : 'No username');
        // One transaction per user: the user and its activation e-mail (queued by the lifecycle) exist together or not at all.
        const created = await strapi.db.transaction(() => writer.create({ ...user, username: username.username }, 'integration', roleId));
        existing.set(user.email, created);
        results.push(answer(created, 'created'));
      } catch (error) {
        results.push({ index, id: null, documentId: null, email: user.email, status: 'error', error: errorMessage(error) });
      }
    }
    return results;
  },
});

export type ProvisioningService = ReturnType<typeof provisioning>;
export default provisioning;
