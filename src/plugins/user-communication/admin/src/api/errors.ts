import { isFetchError } from '@strapi/strapi/admin';

/** A server refusal, reduced to what a page shows: one message, and one per field path. */
export interface ApiError {
  message: string;
  fieldErrors: Record<string, string>;
  /** True when the request was cancelled (a newer one replaced it, or the page closed). */
  aborted: boolean;
}

interface YupErrorDetail {
  path?: string[] | string;
  message?: string;
}

export const toApiError = (error: unknown): ApiError => {
  if (isFetchError(error)) {
    const body = error.response?.data?.error;
    const details = (body?.details ?? {}) as { errors?: YupErrorDetail[] };
    const fieldErrors: Record<string, string> = {};
    for (const detail of details.errors ?? []) {
      const path = Array.isArray(detail.path) ? detail.path.join('.') : detail.path;
      if (path && detail.message && !fieldErrors[path]) fieldErrors[path] = detail.message;
    }
    return { message: body?.message ?? error.message, fieldErrors, aborted: false };
  }
  const aborted = (error as { name?: unknown } | null)?.name === 'AbortError';
  return {
    message: error instanceof Error ? error.message : String(error),
    fieldErrors: {},
    aborted,
  };
};

/** Runs a request and rethrows any failure as an ApiError, so pages handle one error shape. */
export const request = async <T>(send: () => Promise<{ data: T }>): Promise<T> => {
  try {
    return (await send()).data;
  } catch (error) {
    throw toApiError(error);
  }
};
