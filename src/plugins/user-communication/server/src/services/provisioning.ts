import type { Core } from '@strapi/strapi';
import { errors } from '@strapi/utils';
import { getService } from '../utils/get-service';
import { checkUser, type UserInput } from '../user-fields/rules';
import type { ExistingUser, UpdateRights } from './user-writer';
import { errorSummary } from '../utils/error-summary';
import { retryingTransaction } from '../utils/transient-conflict';

export interface ProvisionResult {
  index: number;
  id: number | null;
  documentId: string | null;
  email: string | null;
  status: 'created' | 'updated' | 'error';
  error?: string;
}

/**
 * The integration API: provisioning systems send users one at a time or in batches. The
 * e-mail address is the key, so sending the same user again updates it instead of creating
 * a duplicate, and does not send a second activation e-mail. Each item succeeds or fails on
 * its own.
 */
const provisioning = ({ strapi }: { strapi: Core.Strapi }) => ({
  async provision(
    items: Array<Record<string, unknown>>,
    rights: UpdateRights
  ): Promise<ProvisionResult[]> {
    const writer = getService(strapi, 'user-writer');
    const custom = writer.customAttributes();
    const checked = items.map((item) => checkUser(item, custom));
    const emails = checked.flatMap((result) => ('user' in result ? [result.user.email] : []));
    const existing = await writer.findByEmails([...new Set(emails)]);
    // The first item of a new address creates it (the later ones update it).
    const firstByEmail = new Map<string, UserInput>();
    for (const result of checked) {
      if (
        'user' in result &&
        !existing.has(result.user.email) &&
        !firstByEmail.has(result.user.email)
      ) {
        firstByEmail.set(result.user.email, result.user);
      }
    }
    const fresh = [...firstByEmail.values()];
    const usernames = await writer.usernamesFor(fresh);
    const usernameOf = new Map(fresh.map((user, i) => [user.email, usernames[i]]));
    const roleId = fresh.length > 0 ? await writer.defaultRoleId() : 0;

    const results: ProvisionResult[] = [];
    for (const [index, result] of checked.entries()) {
      if ('errors' in result) {
        const email =
          typeof items[index].email === 'string' ? (items[index].email as string) : null;
        results.push({
          index,
          id: null,
          documentId: null,
          email,
          status: 'error',
          error: result.errors.join('; '),
        });
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
          await retryingTransaction(strapi, () => writer.update(known, user, rights));
          results.push(answer(known, 'updated'));
          continue;
        }
        const username = usernameOf.get(user.email);
        if (!username || 'error' in username)
          throw new errors.ApplicationError(
            username && 'error' in username ? username.error : 'No username'
          );
        // One transaction per user: the user and its activation e-mail (queued by the lifecycle) exist together or not at all.
        const created = await retryingTransaction(strapi, () =>
          writer.create({ ...user, username: username.username }, { origin: 'integration', roleId })
        );
        existing.set(user.email, created);
        results.push(answer(created, 'created'));
      } catch (error) {
        // Our own errors speak to the caller; a database error is logged, not shown (it names tables and columns).
        if (!(error instanceof errors.ApplicationError))
          strapi.log.error(
            `[user-communication] provisioning ${user.email}: ${errorSummary(error)}`
          );
        const message =
          error instanceof errors.ApplicationError
            ? error.message
            : 'The user could not be saved. Try again; if it persists, ask the administrator to check the server log.';
        results.push({
          index,
          id: null,
          documentId: null,
          email: user.email,
          status: 'error',
          error: message,
        });
      }
    }
    return results;
  },
});

export type ProvisioningService = ReturnType<typeof provisioning>;
export default provisioning;
