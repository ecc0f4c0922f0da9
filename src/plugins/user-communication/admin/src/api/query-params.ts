/** A list's query string: the server refuses unknown parameters, so only set values are sent. */
export const queryParams = (values: Record<string, string | number | undefined>) =>
  Object.fromEntries(Object.entries(values).filter(([, value]) => value !== undefined));
