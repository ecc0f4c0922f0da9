import type { FunnelQuery } from '../../../../shared/contracts/funnel';
import type { Origin } from '../../../../shared/contracts/users';

/** The period as typed: days (`2026-03-01`) in the admin's own time zone. */
export interface Period {
  from: string;
  to: string;
  origin: Origin | undefined;
}

const DEFAULT_DAYS = 30;

const day = (date: Date) =>
  `${date.getFullYear()}-${String(date.getMonth() + 1).padStart(2, '0')}-${String(date.getDate()).padStart(2, '0')}`;

/** The last 30 days, today included: what the server also takes by default. */
export const defaultPeriod = (today = new Date()): Period => {
  const from = new Date(today);
  from.setDate(from.getDate() - DEFAULT_DAYS);
  return { from: day(from), to: day(today), origin: undefined };
};

/** The first instant of the first day to the last of the last, as the server's ISO filters take them. */
export const toQuery = (period: Period): FunnelQuery => ({
  from: period.from ? new Date(`${period.from}T00:00:00`).toISOString() : undefined,
  to: period.to ? new Date(`${period.to}T23:59:59.999`).toISOString() : undefined,
  origin: period.origin,
});

export const isOrdered = (period: Period) => !period.from || !period.to || period.from <= period.to;
