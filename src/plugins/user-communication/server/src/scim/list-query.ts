/** The query of GET /Users (RFC 7644 §3.4.2): filter, 1-based paging, attribute selection. */
import { DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE } from './constants';
import { invalidFilter, invalidValue } from './errors';
import { parseFilter, type FilterNode } from './filter';

export interface Selection {
  attributes?: string[];
  excludedAttributes?: string[];
}

export interface ListQuery extends Selection {
  filter?: FilterNode;
  /** 1-based (§3.4.2.4); below 1 counts as 1. */
  startIndex: number;
  /** Negative counts as 0 (only totalResults); capped at the ServiceProviderConfig's maxResults. */
  count: number;
}

/** Parameter names in any case: clients differ (`startIndex`, `startindex`). */
const param = (query: Record<string, unknown>, name: string): unknown => {
  const key = Object.keys(query).find(
    (candidate) => candidate.toLowerCase() === name.toLowerCase()
  );
  return key === undefined ? undefined : query[key];
};

const single = (value: unknown, name: string): string | undefined => {
  if (value === undefined) return undefined;
  if (typeof value !== 'string') throw invalidValue(`Give "${name}" once`);
  return value;
};

const integer = (value: string | undefined, name: string, fallback: number): number => {
  if (value === undefined || value.trim() === '') return fallback;
  if (!/^-?\d{1,9}$/.test(value.trim())) throw invalidValue(`"${name}" must be a whole number`);
  return Number(value);
};

const list = (value: string | undefined) =>
  value === undefined
    ? undefined
    : value
        .split(',')
        .map((item) => item.trim())
        .filter(Boolean);

/** The attributes / excludedAttributes of any GET, POST, PUT or PATCH. */
export const readSelection = (query: Record<string, unknown>): Selection => ({
  attributes: list(single(param(query, 'attributes'), 'attributes')),
  excludedAttributes: list(single(param(query, 'excludedAttributes'), 'excludedAttributes')),
});

export const readListQuery = (query: Record<string, unknown>): ListQuery => {
  const rawFilter = param(query, 'filter');
  if (rawFilter !== undefined && typeof rawFilter !== 'string')
    throw invalidFilter('Give one filter (combine conditions with and / or)');
  const startIndex = integer(single(param(query, 'startIndex'), 'startIndex'), 'startIndex', 1);
  const count = integer(single(param(query, 'count'), 'count'), 'count', DEFAULT_PAGE_SIZE);
  return {
    ...readSelection(query),
    filter: rawFilter === undefined || rawFilter.trim() === '' ? undefined : parseFilter(rawFilter),
    startIndex: Math.max(1, startIndex),
    count: Math.min(MAX_PAGE_SIZE, Math.max(0, count)),
  };
};
