/** A typed id filter: undefined when empty, null when it is not a whole number. */
export const parseId = (value: string): number | undefined | null => {
  const trimmed = value.trim();
  if (trimmed === '') return undefined;
  return /^[1-9]\d{0,9}$/.test(trimmed) ? Number(trimmed) : null;
};
