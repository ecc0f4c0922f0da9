import { ERROR_MESSAGE } from './constants';

/** RFC 7644 §3.12: the `scimType` values of a 400 (and `uniqueness` of a 409). */
export type ScimType =
  | 'invalidFilter'
  | 'tooMany'
  | 'uniqueness'
  | 'mutability'
  | 'invalidSyntax'
  | 'invalidPath'
  | 'noTarget'
  | 'invalidValue'
  | 'invalidVers'
  | 'sensitive';

export interface ScimErrorBody {
  schemas: [typeof ERROR_MESSAGE];
  status: string;
  scimType?: ScimType;
  detail: string;
}

/**
 * An answer of the SCIM API that is not a success: thrown anywhere below the controller and
 * written by the SCIM route middleware as RFC 7644 §3.12 says (status as a string).
 */
export class ScimError extends Error {
  constructor(
    readonly status: number,
    readonly detail: string,
    readonly scimType?: ScimType
  ) {
    super(detail);
    this.name = 'ScimError';
  }

  get body(): ScimErrorBody {
    return errorBody(this.status, this.detail, this.scimType);
  }
}

export const errorBody = (status: number, detail: string, scimType?: ScimType): ScimErrorBody => ({
  schemas: [ERROR_MESSAGE],
  status: String(status),
  ...(scimType ? { scimType } : {}),
  detail,
});

export const invalidFilter = (detail: string) => new ScimError(400, detail, 'invalidFilter');
export const invalidPath = (detail: string) => new ScimError(400, detail, 'invalidPath');
export const invalidValue = (detail: string) => new ScimError(400, detail, 'invalidValue');
export const invalidSyntax = (detail: string) => new ScimError(400, detail, 'invalidSyntax');
export const mutability = (detail: string) => new ScimError(400, detail, 'mutability');
export const noTarget = (detail: string) => new ScimError(400, detail, 'noTarget');
export const uniqueness = (detail: string) => new ScimError(409, detail, 'uniqueness');
export const notFound = (detail: string) => new ScimError(404, detail);
