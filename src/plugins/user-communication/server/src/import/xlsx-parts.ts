/**
 * Finds, from the workbook's own bookkeeping, the few parts the import streams: the first
 * visible worksheet, the shared strings and the styles. Those two XML files are small and read
 * whole; the worksheet and shared strings are never read here.
 */
import path from 'node:path';
import { ImportFileError } from './errors';
import type { Zip, ZipEntry } from './zip';

export type WorkbookParts = {
  relationships: string;
  workbook: string;
  worksheet: ZipEntry;
  sharedStrings: ZipEntry | null;
  styles: ZipEntry | null;
};

const WORKBOOK = 'xl/workbook.xml';
const WORKBOOK_RELS = 'xl/_rels/workbook.xml.rels';
/** workbook.xml lists sheets and names; 10 MB is far beyond any real one. */
const BOOKKEEPING_LIMIT = 10 * 1024 * 1024;

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };
const decodeXml = (text: string) =>
  text.replace(/&(#x[0-9a-f]+|#\d+|\w+);/gi, (whole, name: string) => {
    if (name[0] === '#') {
      const code =
        name[1] === 'x' || name[1] === 'X'
          ? parseInt(name.slice(2), 16)
          : parseInt(name.slice(1), 10);
      return Number.isFinite(code) && code <= 0x10ffff ? String.fromCodePoint(code) : whole;
    }
    return ENTITIES[name] ?? whole;
  });

const attributesOf = (tag: string): Record<string, string> => {
  const attributes: Record<string, string> = {};
  for (const match of tag.matchAll(/([\w:.-]+)\s*=\s*(?:"([^"]*)"|'([^']*)')/g))
    attributes[match[1]] = decodeXml(match[2] ?? match[3]);
  return attributes;
};

/** Elements by local name, whatever namespace prefix the writer chose. */
const elements = (xml: string, localName: string) =>
  [...xml.matchAll(new RegExp(`<(?:[\\w.-]+:)?${localName}\\b([^>]*)>`, 'g'))].map((match) =>
    attributesOf(match[1])
  );

const notAWorkbook = (entries: ReadonlyMap<string, ZipEntry>) => {
  if (entries.has('mimetype') || entries.has('content.xml')) {
    return new ImportFileError(
      'not-a-spreadsheet',
      'This looks like an OpenDocument (.ods) file. Save it as .xlsx or .csv and upload that.'
    );
  }
  return new ImportFileError(
    'not-a-spreadsheet',
    'This is a ZIP archive, not an Excel workbook. Upload an .xlsx or .csv file.'
  );
};

export const findWorkbookParts = async (zip: Zip): Promise<WorkbookParts> => {
  const { entries } = zip;
  const workbookEntry = entries.get(WORKBOOK);
  const relationshipsEntry = entries.get(WORKBOOK_RELS);
  if (!workbookEntry || !relationshipsEntry) throw notAWorkbook(entries);
  const workbook = await zip.text(workbookEntry, BOOKKEEPING_LIMIT);
  const relationships = await zip.text(relationshipsEntry, BOOKKEEPING_LIMIT);

  // Targets are relative to xl/ (ECMA-376 Part 2, §9.3); a leading "/" makes them package-absolute.
  const targets = new Map<string, { type: string; part: ZipEntry | undefined }>();
  for (const rel of elements(relationships, 'Relationship')) {
    if (!rel.Id || !rel.Target || rel.TargetMode === 'External') continue;
    const name = rel.Target.startsWith('/')
      ? rel.Target.slice(1)
      : path.posix.join('xl', rel.Target);
    targets.set(rel.Id, { type: rel.Type ?? '', part: entries.get(name) });
  }
  const byType = (suffix: string) =>
    [...targets.values()].find((target) => target.type.endsWith(suffix) && target.part)?.part ??
    null;

  // The first sheet in tab order that is a worksheet (not a chart sheet) and not hidden: the one Excel opens on.
  const sheets = elements(workbook, 'sheet').map((sheet) => {
    const idKey = Object.keys(sheet).find((key) => key.endsWith(':id'));
    const target = idKey ? targets.get(sheet[idKey]) : undefined;
    return { hidden: sheet.state === 'hidden' || sheet.state === 'veryHidden', target };
  });
  const worksheets = sheets.filter(
    (sheet) => sheet.target?.type.endsWith('/worksheet') && sheet.target.part
  );
  const first = worksheets.find((sheet) => !sheet.hidden) ?? worksheets[0];
  if (!first?.target?.part) {
    throw new ImportFileError(
      'empty',
      'The workbook has no worksheet to read. Put the users on the first sheet and save it again.'
    );
  }
  return {
    relationships,
    workbook,
    worksheet: first.target.part,
    sharedStrings: byType('/sharedStrings'),
    styles: byType('/styles'),
  };
};
