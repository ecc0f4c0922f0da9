import { internalType } from '../internal-type';

/**
 * One uploaded sheet: checked at upload (preview), written to users on commit. The status
 * makes the commit happen once: a second commit returns the stored result.
 */
export default internalType({
  collectionName: 'uc_imports',
  singularName: 'import',
  pluralName: 'imports',
  displayName: 'User import',
  attributes: {
    fileName: { type: 'string' },
    format: { type: 'string' },
    status: {
      type: 'enumeration',
      enum: ['previewed', 'committing', 'committed'],
      default: 'previewed',
      required: true,
    },
    rows: { type: 'integer', default: 0 },
    valid: { type: 'integer', default: 0 },
    invalid: { type: 'integer', default: 0 },
    existing: { type: 'integer', default: 0 },
    updateExisting: { type: 'boolean', default: false },
    unknownHeaders: { type: 'json' },
    result: { type: 'json' },
    createdByAdminId: { type: 'integer' },
    /** A commit holds the import until then; one killed halfway can be resumed after it. */
    leaseUntil: { type: 'datetime' },
    /**
     * Which commit holds the import. Each page and the commit's end are written only under it,
     * so a commit whose lease ran out while it still worked, and that another has taken over,
     * stops at its next page instead of writing pages the other writes too.
     */
    claimToken: { type: 'string', private: true },
    committedAt: { type: 'datetime' },
    /**
     * The last sheet row a commit finished, moved in each page's transaction: a resumed commit
     * starts after it. A created row records no outcome of its own (writing one per row was 1.9 s
     * of a 100,000-row commit on PostgreSQL), so a valid row at or before it without one was created.
     */
    committedThrough: { type: 'integer' },
  },
});
