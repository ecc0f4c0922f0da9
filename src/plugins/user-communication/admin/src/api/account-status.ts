import { getFetchClient } from '@strapi/strapi/admin';
import type { StatusAnswer, StatusOfUser } from '../../../shared/contracts/account-status';
import { request, type ApiError } from './errors';

const STATUS_URL = '/user-communication/users/status';
/** The most ids the server takes in one request (a Content Manager page holds at most 100 rows). */
const MAX_IDS = 100;

interface Waiter {
  id: number;
  resolve: (status: StatusOfUser | null) => void;
  reject: (error: ApiError) => void;
}

let waiting: Waiter[] = [];
let flushTimer: ReturnType<typeof setTimeout> | null = null;

const fetchStatuses = (ids: number[]) =>
  request(() => getFetchClient().get<StatusAnswer>(STATUS_URL, { params: { ids: ids.join(',') } }));

const flush = async () => {
  flushTimer = null;
  const batch = waiting;
  waiting = [];
  const ids = [...new Set(batch.map((waiter) => waiter.id))];
  for (let start = 0; start < ids.length; start += MAX_IDS) {
    const chunk = ids.slice(start, start + MAX_IDS);
    const waiters = batch.filter((waiter) => chunk.includes(waiter.id));
    try {
      const answer = await fetchStatuses(chunk);
      waiters.forEach((waiter) => waiter.resolve(answer[String(waiter.id)] ?? null));
    } catch (error) {
      waiters.forEach((waiter) => waiter.reject(error as ApiError));
    }
  }
};

/**
 * One user's status, fetched together with every other asked for in the same tick: the cells of
 * a Content Manager page mount together, so the page costs one request (and one statement on the
 * server), not one per row. null: the user no longer exists.
 */
export const loadAccountStatus = (id: number): Promise<StatusOfUser | null> =>
  new Promise((resolve, reject) => {
    waiting.push({ id, resolve, reject });
    flushTimer ??= setTimeout(() => void flush(), 0);
  });
