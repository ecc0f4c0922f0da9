import type { ImportPreview } from '../../../../shared/contracts/imports';
import { USER_UID } from '../../content-manager/account';

export type ExistingChoice = 'skip' | 'update';

/** Tables show at most this many rows; the report has them all. */
export const MAX_SHOWN_ROWS = 200;

/** What a commit would do. */
export interface Plan {
  create: number;
  update: number;
  skip: number;
}

/**
 * What a commit would do with `choice`, whichever choice the server's numbers were computed
 * with: only the rows of existing users move between "update" and "skip".
 */
export const planFor = (preview: ImportPreview, choice: ExistingChoice): Plan => {
  const otherSkips = Math.max(preview.update + preview.skip - preview.existing, 0);
  return choice === 'update'
    ? { create: preview.create, update: preview.existing, skip: otherSkips }
    : { create: preview.create, update: 0, skip: preview.existing + otherSkips };
};

/** The choice the server's numbers were computed with (the one stored with the import). */
export const choiceOf = (preview: ImportPreview): ExistingChoice =>
  preview.existing > 0 && preview.update >= preview.existing ? 'update' : 'skip';

export const canCommit = (plan: Plan): boolean => plan.create + plan.update > 0;

/** Rows read that cannot be imported (the server may list fewer than it counts). */
export const invalidCount = (preview: ImportPreview): number =>
  Math.max(preview.rows - preview.valid, preview.invalid.length);

/**
 * The Content Manager's user list showing the users an import created, newest first. Relative to
 * the admin's router base (/admin). Normalized to UTC, because a "+" in an offset would be read as
 * a space in a query string.
 */
export const importedUsersPath = (committedAt: string): string => {
  const date = new Date(committedAt);
  const since = Number.isNaN(date.getTime()) ? encodeURIComponent(committedAt) : date.toISOString();
  return (
    `/content-manager/collection-types/${USER_UID}` +
    `?filters[$and][0][origin][$eq]=excel&filters[$and][1][createdAt][$gte]=${since}&page=1&pageSize=50&sort=createdAt:DESC`
  );
};
