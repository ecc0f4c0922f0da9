import crypto from 'node:crypto';
import { FUNNEL_STEPS, type FunnelCounts, type FunnelStep } from '@shared/contracts/funnel';
import type { TestApp } from './strapi';

const MESSAGE_UID = 'plugin::user-communication.message';

type DbDate = Date | string | number | null;
const millis = (value: DbDate) => (value === null ? null : new Date(value).getTime());

/** An activation message of the user in a given state, as the worker and delivery feedback leave it. */
export const activationMessage = (
  app: TestApp,
  userId: number,
  status: 'queued' | 'sent' | 'dead' | 'bounced' | 'complained',
  sentAt: string | null
) =>
  app.strapi.db.query(MESSAGE_UID).create({
    data: {
      type: 'activation',
      userId,
      recipient: `user-${userId}@example.com`,
      subject: 'Activate your account',
      status,
      sentAt,
      dedupeKey: `test:${crypto.randomUUID()}`,
    },
  });

export interface FunnelTruth {
  /** Per origin (null: none recorded), the counts of each step. */
  byOrigin: Map<string | null, FunnelCounts>;
  /** The ids of the users who reached each step. */
  reached: Record<FunnelStep, number[]>;
}

/** The funnel counted straight from the tables (plain reads, counted here). */
export const funnelFromDatabase = async (
  app: TestApp,
  period: { from: string; to: string; origin?: string }
): Promise<FunnelTruth> => {
  const knex = app.strapi.db.connection;
  const users = (await knex('up_users').select(
    'id',
    'origin',
    'created_at',
    'activated_at',
    'last_login_at'
  )) as Array<{
    id: number;
    origin: string | null;
    created_at: DbDate;
    activated_at: DbDate;
    last_login_at: DbDate;
  }>;
  const messages = (await knex('uc_messages')
    .where({ type: 'activation' })
    .select('user_id', 'status', 'sent_at')) as Array<{
    user_id: number | null;
    status: string;
    sent_at: DbDate;
  }>;
  const from = Date.parse(period.from);
  const to = Date.parse(period.to);
  const truth: FunnelTruth = {
    byOrigin: new Map(),
    reached: Object.fromEntries(FUNNEL_STEPS.map((step) => [step, []])) as unknown as Record<
      FunnelStep,
      number[]
    >,
  };
  for (const user of users) {
    const created = millis(user.created_at) as number;
    if (created < from || created > to) continue;
    if (period.origin && user.origin !== period.origin) continue;
    const own = messages.filter((message) => Number(message.user_id) === Number(user.id));
    const sent = own.some((message) => message.sent_at !== null);
    const delivered = own.some(
      (message) => message.sent_at !== null && ['sent', 'complained'].includes(message.status)
    );
    const activated = delivered && user.activated_at !== null;
    const loggedIn = activated && user.last_login_at !== null;
    const steps: Record<FunnelStep, boolean> = {
      created: true,
      'mail-sent': sent,
      delivered: sent && delivered,
      activated,
      'first-login': loggedIn,
    };
    const counts =
      truth.byOrigin.get(user.origin) ??
      (Object.fromEntries(FUNNEL_STEPS.map((step) => [step, 0])) as FunnelCounts);
    for (const step of FUNNEL_STEPS) {
      if (!steps[step]) continue;
      counts[step] += 1;
      truth.reached[step].push(Number(user.id));
    }
    truth.byOrigin.set(user.origin, counts);
  }
  return truth;
};
