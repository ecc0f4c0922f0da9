/**
 * A cell value from exceljs as the plain text a person sees in it: a formula gives its cached
 * result (never the formula), rich text its characters, a date an ISO date.
 */
const pad = (value: number, width = 2) => String(value).padStart(width, '0');

/**
 * Excel dates carry no time zone; exceljs reads the serial number as UTC, so the UTC fields are
 * the wall-clock values the sheet shows. A date without a time gives `YYYY-MM-DD`.
 */
const dateText = (date: Date): string => {
  if (Number.isNaN(date.getTime())) return '';
  const day = `${pad(date.getUTCFullYear(), 4)}-${pad(date.getUTCMonth() + 1)}-${pad(date.getUTCDate())}`;
  const seconds = date.getUTCHours() * 3600 + date.getUTCMinutes() * 60 + date.getUTCSeconds();
  if (seconds === 0 && date.getUTCMilliseconds() === 0) return day;
  return `${day}T${pad(date.getUTCHours())}:${pad(date.getUTCMinutes())}:${pad(date.getUTCSeconds())}`;
};

export const cellText = (value: unknown): string => {
  if (value === null || value === undefined) return '';
  if (typeof value === 'string') return value;
  // A formula whose cached result is an error (#N/A…) reaches us as NaN.
  if (typeof value === 'number') return Number.isFinite(value) ? String(value) : '';
  if (typeof value === 'boolean') return value ? 'true' : 'false';
  if (value instanceof Date) return dateText(value);
  if (typeof value === 'object') {
    const object = value as Record<string, unknown>;
    if (Array.isArray(object.richText))
      return object.richText.map((run: { text?: unknown }) => cellText(run?.text)).join('');
    if ('formula' in object || 'sharedFormula' in object) return cellText(object.result);
    if ('text' in object) return cellText(object.text);
    if (typeof object.error === 'string') return object.error;
  }
  return '';
};
