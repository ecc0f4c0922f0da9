/** Which column of the sheet feeds which user field, decided once from the header row. */
import { ACCOUNT_STATE_FIELDS } from '../../../shared/contracts/users';
import { ImportFileError } from './errors';

export type Field = 'email' | 'username' | 'locale' | 'blocked';
export type ColumnTarget = { field: Field } | { attribute: string };
export type Column = { index: number; header: string; target: ColumnTarget };

const FIELDS: Record<string, Field> = {
  email: 'email',
  'e-mail': 'email',
  username: 'username',
  locale: 'locale',
  blocked: 'blocked',
};

/**
 * Attributes a sheet must never set: identity and bookkeeping, credentials and tokens, the role,
 * and this plugin's account state. The caller still has to check the rest against the user schema.
 */
const RESERVED = new Set([
  'id',
  'documentId',
  'provider',
  'password',
  'resetPasswordToken',
  'confirmationToken',
  'confirmed',
  'role',
  'createdAt',
  'updatedAt',
  'publishedAt',
  'createdBy',
  'updatedBy',
  'localizations',
  ...ACCOUNT_STATE_FIELDS,
  '__proto__',
  'constructor',
  'prototype',
]);

/** Strapi's rule for attribute names. */
const ATTRIBUTE_NAME = /^[A-Za-z][A-Za-z0-9_]*$/;

const normalise = (header: string) => header.trim().replace(/\s+/g, ' ').toLowerCase();

/** `A`, `B`, … `Z`, `AA`: how a spreadsheet names the column at a 0-based index. */
export const columnLetter = (index: number): string => {
  let letters = '';
  for (let n = index + 1; n > 0; n = Math.floor((n - 1) / 26))
    letters = String.fromCharCode(65 + ((n - 1) % 26)) + letters;
  return letters;
};

const quoteHeader = (header: string) =>
  `"${header.length > 40 ? `${header.slice(0, 40)}…` : header}"`;

const targetOf = (header: string, mapped: Map<string, string>): ColumnTarget | null => {
  const key = normalise(header);
  const configured = mapped.get(key);
  if (configured !== undefined)
    return FIELDS[configured.toLowerCase()]
      ? { field: FIELDS[configured.toLowerCase()] }
      : { attribute: configured };
  if (FIELDS[key]) return { field: FIELDS[key] };
  if (key.startsWith('attr:')) return { attribute: header.trim().slice('attr:'.length).trim() };
  return null;
};

const checkAttribute = (name: string, header: string) => {
  if (Object.values(FIELDS).includes(name as Field)) {
    throw new ImportFileError(
      'bad-columns',
      `The column ${quoteHeader(header)} sets ${name}: name that column "${name}" instead.`
    );
  }
  if (!ATTRIBUTE_NAME.test(name) || RESERVED.has(name)) {
    throw new ImportFileError(
      'bad-columns',
      `The column ${quoteHeader(header)} cannot be imported: "${name}" is not a user attribute a sheet may set. Remove the column or rename it.`
    );
  }
};

export const planColumns = (headers: string[], configured: Record<string, string> = {}) => {
  const mapped = new Map(
    Object.entries(configured).map(([header, target]) => [normalise(header), target.trim()])
  );
  const columns: Column[] = [];
  const unknownHeaders: string[] = [];
  const seen = new Map<string, Column>();
  headers.forEach((header, index) => {
    if (header.trim() === '') return;
    const target = targetOf(header, mapped);
    if (!target) {
      unknownHeaders.push(header.trim());
      return;
    }
    if ('attribute' in target) checkAttribute(target.attribute, header);
    const key = 'field' in target ? target.field : `attr:${target.attribute}`;
    const column = { index, header: header.trim(), target };
    const earlier = seen.get(key);
    if (earlier) {
      throw new ImportFileError(
        'bad-columns',
        `The columns ${quoteHeader(earlier.header)} (${columnLetter(earlier.index)}) and ${quoteHeader(column.header)} (${columnLetter(index)}) both give ${
          'field' in target ? `the ${target.field}` : `the attribute ${target.attribute}`
        }. Keep one of them.`
      );
    }
    seen.set(key, column);
    columns.push(column);
  });
  if (!seen.has('email')) {
    const found = headers.filter((header) => header.trim() !== '');
    const list =
      found.length === 0
        ? 'none'
        : `${found
            .slice(0, 10)
            .map((header) => quoteHeader(header.trim()))
            .join(', ')}${found.length > 10 ? ', …' : ''}`;
    throw new ImportFileError(
      'no-email-column',
      `The sheet has no "email" column. The first row must hold the column names, one of them "email" above the e-mail addresses. Columns found: ${list}.`
    );
  }
  return { columns, unknownHeaders };
};
