/**
 * What a cell of a worksheet shows, as text: the number formats that make a number a date
 * (ECMA-376 Part 1, §18.8.30 and §18.8.31), and a serial date as an ISO date.
 */
import { streamXml } from './xml-events';

/** Built-in number formats that show dates or times: 14–22, 45–47, and the East Asian 27–36, 50–58. */
const BUILT_IN_DATES = new Set([
  14, 15, 16, 17, 18, 19, 20, 21, 22, 27, 28, 29, 30, 31, 32, 33, 34, 35, 36, 45, 46, 47, 50, 51,
  52, 53, 54, 55, 56, 57, 58,
]);

/** A format code shows a date when, outside quoted text and [brackets], it has a date or time part. */
export const isDateFormat = (code: string): boolean =>
  /[ymdhsb]/i.test(code.replace(/\[[^\]]*]/g, '').replace(/"[^"]*"/g, ''));

/**
 * For each cell style (`s`, the index into cellXfs), whether it shows a date. Only cellXfs:
 * cellStyleXfs are the named styles a cell style derives from, and have their own indexes.
 */
export const readDateStyles = async (styles: AsyncIterable<Buffer>): Promise<boolean[]> => {
  const customDates = new Map<number, boolean>();
  const numberFormats: number[] = [];
  // Only the stylesheet's own lists: conditional formats (<dxfs>) have number formats of their own.
  let list: 'numFmts' | 'cellXfs' | null = null;
  await streamXml(styles, {
    open(name, attributes) {
      if (name === 'numFmts' || name === 'cellXfs') list = name;
      else if (name === 'numFmt' && list === 'numFmts') {
        customDates.set(Number(attributes.numFmtId), isDateFormat(attributes.formatCode ?? ''));
      } else if (name === 'xf' && list === 'cellXfs') {
        numberFormats.push(Number(attributes.numFmtId ?? 0));
      }
    },
    close(name) {
      if (name === list) list = null;
    },
    text: () => undefined,
  });
  return numberFormats.map((id) => customDates.get(id) ?? BUILT_IN_DATES.has(id));
};

/** Whether the workbook counts its dates from 1904 (`<workbookPr date1904="1"/>`), as old Mac workbooks do. */
export const usesDate1904 = (workbookXml: string): boolean =>
  /<(?:[\w.-]+:)?workbookPr\b[^>]*\bdate1904\s*=\s*["'](?:1|true)["']/.test(workbookXml);

const pad = (value: number, width = 2) => String(value).padStart(width, '0');

/** `YYYY-MM-DD`, with `THH:MM:SS` when there is a time, from a date's UTC fields. */
const dateText = (date: Date): string => {
  if (Number.isNaN(date.getTime())) return '';
  const day = `${pad(date.getUTCFullYear(), 4)}-${pad(date.getUTCMonth() + 1)}-${pad(date.getUTCDate())}`;
  const seconds = date.getUTCHours() * 3600 + date.getUTCMinutes() * 60 + date.getUTCSeconds();
  if (seconds === 0 && date.getUTCMilliseconds() === 0) return day;
  return `${day}T${pad(date.getUTCHours())}:${pad(date.getUTCMinutes())}:${pad(date.getUTCSeconds())}`;
};

/**
 * A serial date as the sheet shows it: Excel dates carry no time zone, so the wall-clock values
 * are written as they are.
 */
export const serialDateText = (serial: number, date1904: boolean): string =>
  dateText(new Date(Math.round((serial - 25569 + (date1904 ? 1462 : 0)) * 86_400_000)));

/** A cell of type `d` (an ISO 8601 date, §18.17.4) in the same form; anything else as written. */
export const isoDateText = (value: string): string => {
  const text = value.trim();
  const wallClock =
    /^(\d{4}-\d{2}-\d{2})(?:T(\d{2}:\d{2}(?::\d{2})?)(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})?$/.exec(
      text
    );
  if (!wallClock) return text;
  return dateText(new Date(`${wallClock[1]}T${wallClock[2] ?? '00:00'}Z`)) || text;
};
