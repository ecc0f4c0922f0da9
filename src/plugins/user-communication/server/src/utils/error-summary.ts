/**
 * What a log line may say of an unexpected error: its name and code (`error (23505)`), never
 * its message, which for a database error quotes the statement and the values it was writing.
 */
export const errorSummary = (error: unknown): string => {
  if (!(error instanceof Error)) return 'a non-Error value';
  const { code } = error as Error & { code?: unknown };
  return code ? `${error.name} (${String(code)})` : error.name;
};
