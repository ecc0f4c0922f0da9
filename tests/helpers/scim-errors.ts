import { ScimError } from '@server/scim/errors';

/** The `scimType` a call fails with, or 'no error'; any other exception is rethrown. */
export const scimTypeOf = (run: () => unknown): string | undefined => {
  try {
    run();
  } catch (error) {
    if (error instanceof ScimError) return error.scimType;
    throw error;
  }
  return 'no error';
};
