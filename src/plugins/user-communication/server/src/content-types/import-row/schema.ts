import { internalType } from '../internal-type';

/**
 * One row of an uploaded sheet, as checked at upload, with its outcome once committed (none for
 * a created row: the import's `committedThrough` says it was written). Rows live in their own
 * table (not one JSON document) so 100,000 of them are written and read in pages, and a commit
 * interrupted halfway resumes where it stopped.
 */
export default internalType({
  collectionName: 'uc_import_rows',
  singularName: 'import-row',
  pluralName: 'import-rows',
  displayName: 'User import row',
  attributes: {
    importId: { type: 'integer', required: true },
    row: { type: 'integer', required: true },
    email: { type: 'string' },
    username: { type: 'string' },
    usernameDerived: { type: 'boolean', default: false },
    locale: { type: 'string' },
    blocked: { type: 'boolean' },
    attributes: { type: 'json' },
    valid: { type: 'boolean', default: false },
    errors: { type: 'json' },
    /** At upload: an account with this e-mail already existed (so the commit skips or updates it). */
    exists: { type: 'boolean', default: false },
    outcome: { type: 'enumeration', enum: ['created', 'updated', 'skipped', 'failed'] },
    detail: { type: 'text' },
  },
  indexes: [{ name: 'uc_import_rows_import_row_idx', columns: ['import_id', 'row'] }],
});
