import type { AuditAction, AuditFilters } from '../../../../shared/contracts/audit';
import { parseId } from '../../utils/parseId';

/** The filter form as typed: applied only when it reads as valid filters. */
export interface Draft {
  action: AuditAction | undefined;
  userId: string;
  actorId: string;
  /** Days (`2026-03-01`) in the admin's own time zone, as the table shows times. */
  from: string;
  to: string;
}

export const EMPTY_DRAFT: Draft = { action: undefined, userId: '', actorId: '', from: '', to: '' };

export type DraftProblem = 'userId' | 'actorId' | 'to';

/** The first and the last instant of a local day, as the server's ISO filters take them. */
const startOf = (day: string) => new Date(`${day}T00:00:00`).toISOString();
const endOf = (day: string) => new Date(`${day}T23:59:59.999`).toISOString();

export const toFilters = (draft: Draft): { filters: AuditFilters; problems: DraftProblem[] } => {
  const userId = parseId(draft.userId);
  const actorId = parseId(draft.actorId);
  const problems: DraftProblem[] = [];
  if (userId === null) problems.push('userId');
  if (actorId === null) problems.push('actorId');
  if (draft.from && draft.to && draft.to < draft.from) problems.push('to');
  return {
    filters: {
      action: draft.action,
      userId: userId ?? undefined,
      actorId: actorId ?? undefined,
      from: draft.from ? startOf(draft.from) : undefined,
      to: draft.to ? endOf(draft.to) : undefined,
    },
    problems,
  };
};
