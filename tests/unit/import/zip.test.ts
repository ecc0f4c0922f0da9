import crypto from 'node:crypto';
import fs from 'node:fs';
import { ImportFileError, readUserSheet } from '@server/import/read-sheet';
import {
  deflateRepeated,
  inlineRowXml,
  sheetXml,
  workbookParts,
  writeUsersXlsx,
  zipBuffer,
  type ZipPart,
} from '../../helpers/spreadsheets';
import { limits, rejection, tempFiles } from './sheet-files';

const MB = 1024 * 1024;
const SHEET = 'xl/worksheets/sheet1.xml';
const { newPath, file } = tempFiles();

const workbookWith = (sharedStrings: ZipPart) =>
  zipBuffer([
    ...workbookParts({ sharedStrings: true }),
    {
      name: 'xl/worksheets/sheet1.xml',
      data: sheetXml('<row r="1"><c r="A1" t="s"><v>0</v></c></row>'),
    },
    sharedStrings,
  ]);

/** Memory the process holds (JS heap plus buffers) grown while `run` ran, sampled every 5 ms. */
const growthDuring = async (run: () => Promise<unknown>) => {
  const used = () => process.memoryUsage().heapUsed + process.memoryUsage().arrayBuffers;
  const before = used();
  let peak = before;
  const timer = setInterval(() => {
    peak = Math.max(peak, used());
  }, 5);
  try {
    await run();
  } finally {
    clearInterval(timer);
  }
  return Math.max(peak, used()) - before;
};

const workbook = (...parts: ZipPart[]) =>
  zipBuffer([
    ...workbookParts(),
    {
      name: SHEET,
      data: sheetXml(inlineRowXml(1, ['email']) + inlineRowXml(2, ['a@example.com'])),
    },
    ...parts,
  ]);

/** Edits in place the central-directory header of part `name` in an archive from zipBuffer (which writes no extra fields or comments). */
const editDirectory = (zip: Buffer, name: string, edit: (header: Buffer) => void) => {
  const end = zip.length - 22;
  for (let at = zip.readUInt32LE(end + 16); at < end; at += 46 + zip.readUInt16LE(at + 28)) {
    if (zip.toString('utf8', at + 46, at + 46 + zip.readUInt16LE(at + 28)) === name)
      edit(zip.subarray(at, at + 46));
  }
  return zip;
};

/**
 * The same archive in ZIP64 form (APPNOTE.TXT §4.3.14–4.3.16, §4.5.3): every size and offset in
 * the directory is 0xFFFFFFFF, the real ones in a ZIP64 extra field and end record.
 */
const toZip64 = (zip: Buffer): Buffer => {
  const end = zip.length - 22;
  const count = zip.readUInt16LE(end + 10);
  const start = zip.readUInt32LE(end + 16);
  const headers: Buffer[] = [];
  for (let at = start; at < end; at += 46 + zip.readUInt16LE(at + 28)) {
    const header = Buffer.from(zip.subarray(at, at + 46 + zip.readUInt16LE(at + 28)));
    const extra = Buffer.alloc(28);
    extra.writeUInt16LE(0x0001, 0);
    extra.writeUInt16LE(24, 2);
    extra.writeBigUInt64LE(BigInt(header.readUInt32LE(24)), 4);
    extra.writeBigUInt64LE(BigInt(header.readUInt32LE(20)), 12);
    extra.writeBigUInt64LE(BigInt(header.readUInt32LE(42)), 20);
    for (const field of [20, 24, 42]) header.writeUInt32LE(0xffffffff, field);
    header.writeUInt16LE(extra.length, 30);
    headers.push(header, extra);
  }
  const directory = Buffer.concat(headers);
  const record = Buffer.alloc(56);
  record.writeUInt32LE(0x06064b50, 0);
  record.writeBigUInt64LE(44n, 4);
  record.writeUInt16LE(45, 12);
  record.writeUInt16LE(45, 14);
  record.writeBigUInt64LE(BigInt(count), 24);
  record.writeBigUInt64LE(BigInt(count), 32);
  record.writeBigUInt64LE(BigInt(directory.length), 40);
  record.writeBigUInt64LE(BigInt(start), 48);
  const locator = Buffer.alloc(20);
  locator.writeUInt32LE(0x07064b50, 0);
  locator.writeBigUInt64LE(BigInt(start + directory.length), 8);
  locator.writeUInt32LE(1, 16);
  const endRecord = Buffer.alloc(22);
  endRecord.writeUInt32LE(0x06054b50, 0);
  endRecord.writeUInt16LE(0xffff, 8);
  endRecord.writeUInt16LE(0xffff, 10);
  endRecord.writeUInt32LE(0xffffffff, 12);
  endRecord.writeUInt32LE(0xffffffff, 16);
  return Buffer.concat([zip.subarray(0, start), directory, record, locator, endRecord]);
};

describe('zip bombs', () => {
  it('refuses a workbook whose shared strings unpack to 300 MB, from the directory alone, before inflating anything', async () => {
    const payload = await deflateRepeated(
      Buffer.alloc(MB, 'a'),
      300,
      '<sst><si><t>',
      '</t></si></sst>'
    );
    const filePath = newPath();
    fs.writeFileSync(filePath, workbookWith({ name: 'xl/sharedStrings.xml', deflated: payload }));
    expect(fs.statSync(filePath).size).toBeLessThan(MB);

    let error: ImportFileError | undefined;
    const growth = await growthDuring(async () => {
      error = await rejection(filePath);
    });
    expect(growth).toBeLessThan(16 * MB);
    expect(error?.code).toBe('zip-bomb');
    expect(error?.message).toBe(
      'The workbook expands to more than 200 MB when unpacked, so it was not read. Remove unused sheets, images and formatting, or save the users as .csv.'
    );
  }, 30_000);

  it('refuses a part that compresses more than 100:1 even under the total limit', async () => {
    const payload = await deflateRepeated(
      Buffer.alloc(MB, 'a'),
      20,
      '<sst><si><t>',
      '</t></si></sst>'
    );
    const filePath = newPath();
    fs.writeFileSync(filePath, workbookWith({ name: 'xl/sharedStrings.xml', deflated: payload }));
    const error = await rejection(filePath);
    expect(error.code).toBe('zip-bomb');
    expect(error.message).toMatch(
      /^The workbook is packed more than 100 times tighter than spreadsheets are/
    );
  });

  it('stops reading shared strings past 2 million, however well they pass the size and ratio checks', async () => {
    // Mostly one-letter strings with a random one in 40: about 85:1, so only the count can stop it.
    // The unit is larger than deflate's 32 KB window, so repeating it does not compress it further.
    const entries: string[] = [];
    for (let index = 0; index < 16_000; index += 1)
      entries.push(
        index % 40 === 0
          ? `<si><t>${crypto.randomBytes(4).toString('hex')}</t></si>`
          : '<si><t>a</t></si>'
      );
    const payload = await deflateRepeated(Buffer.from(entries.join('')), 130, '<sst>', '</sst>', 1);
    expect(payload.size / payload.compressed.length).toBeLessThan(100);
    const filePath = newPath();
    fs.writeFileSync(filePath, workbookWith({ name: 'xl/sharedStrings.xml', deflated: payload }));
    const error = await rejection(filePath);
    expect(error.code).toBe('too-large');
    expect(error.message).toBe(
      'The workbook holds more than 2,000,000 texts, more than this import reads. Remove the other sheets, or save the users as .csv.'
    );
  }, 30_000);

  it('honours a lower maxUncompressedBytes', async () => {
    const filePath = newPath();
    await writeUsersXlsx(filePath, 5_000);
    const error = await rejection(filePath, { ...limits, maxUncompressedBytes: 256 * 1024 });
    expect(error.message).toMatch(/^The workbook expands to more than 256 KB when unpacked/);
  });

  it('stops inflating a part that lies about its size as soon as it passes the declared size', async () => {
    const payload = await deflateRepeated(
      Buffer.alloc(MB, 'a'),
      64,
      '<sst><si><t>',
      '</t></si></sst>'
    );
    const filePath = newPath();
    fs.writeFileSync(
      filePath,
      workbookWith({ name: 'xl/sharedStrings.xml', deflated: payload, declaredSize: 1000 })
    );
    let error: ImportFileError | undefined;
    const growth = await growthDuring(async () => {
      error = await rejection(filePath);
    });
    expect(error?.code).toBe('zip-bomb');
    expect(error?.message).toMatch(/expands to more than it declares/);
    expect(growth).toBeLessThan(16 * MB);
  }, 30_000);
});

describe('the ZIP container', () => {
  it('reads a ZIP64 workbook, whose sizes and offsets are in ZIP64 records', async () => {
    expect((await readUserSheet(file(toZip64(workbook())), limits)).rows).toEqual([
      { row: 2, cells: ['a@example.com'] },
    ]);
  });

  it('holds a ZIP64 workbook to the unpacked-size limit by its 64-bit sizes', async () => {
    const error = await rejection(file(toZip64(workbook())), {
      ...limits,
      maxUncompressedBytes: 500,
    });
    expect(error.code).toBe('zip-bomb');
    expect(error.message).toMatch(/^The workbook expands to more than 500 bytes when unpacked/);
  });

  it('refuses a part whose CRC-32 does not match its content, once it is read', async () => {
    const zip = editDirectory(workbook(), SHEET, (header) =>
      header.writeUInt32LE((header.readUInt32LE(16) ^ 1) >>> 0, 16)
    );
    const error = await rejection(file(zip));
    expect(error.code).toBe('damaged');
    expect(error.message).toBe(
      'The workbook could not be read: it looks damaged or incomplete (xl/worksheets/sheet1.xml fails its checksum). Open it in Excel, save it again as .xlsx and retry.'
    );
  });

  it('refuses a part encrypted by a zip tool, traditionally (bit 0) or strongly (bits 0 and 6)', async () => {
    for (const flags of [0x1, 0x41]) {
      const zip = editDirectory(workbook(), 'xl/workbook.xml', (header) =>
        header.writeUInt16LE(header.readUInt16LE(8) | flags, 8)
      );
      const error = await rejection(file(zip));
      expect(error.code).toBe('encrypted-or-xls');
      expect(error.message).toBe(
        'This file is encrypted (password-protected). Save it as an unprotected .xlsx or .csv.'
      );
    }
  });

  it('names the compression method of a part it cannot inflate', async () => {
    const zip = editDirectory(workbook(), SHEET, (header) => header.writeUInt16LE(14, 10));
    const error = await rejection(file(zip));
    expect(error.code).toBe('damaged');
    expect(error.message).toBe(
      'The workbook uses a compression method this import cannot read (method 14). Open it in Excel and save it again as .xlsx.'
    );
  });

  it('refuses an archive of more than 10,000 parts before listing them', async () => {
    const parts = Array.from({ length: 10_001 }, (_, index) => ({
      name: `xl/media/${index}.bin`,
      data: '',
      store: true,
    }));
    const error = await rejection(file(workbook(...parts)));
    expect(error.code).toBe('damaged');
    expect(error.message).toContain('(more than 10000 parts)');
  });

  // Behaviour that came with yauzl: before it, these archives were read.
  it('refuses a part named outside the archive, as yauzl does', async () => {
    for (const name of ['../outside.txt', '/absolute.txt']) {
      const error = await rejection(file(workbook({ name, data: 'x' })));
      expect(error.code).toBe('damaged');
      expect(error.message).toMatch(/^The workbook could not be read/);
    }
  });

  it('refuses bytes after the end record, which yauzl takes for a comment of the wrong length', async () => {
    const error = await rejection(file(Buffer.concat([workbook(), Buffer.alloc(16)])));
    expect(error.code).toBe('damaged');
    expect(error.message).toContain('Invalid comment length');
  });

  it('refuses a stored part whose two sizes differ when listing it (was: as a bomb, once read; or not at all, if never read)', async () => {
    const sheet = sheetXml(inlineRowXml(1, ['email']));
    const error = await rejection(
      file(
        zipBuffer([...workbookParts(), { name: SHEET, data: sheet, store: true, declaredSize: 10 }])
      )
    );
    expect(error.code).toBe('damaged');
    expect(error.message).toContain('size mismatch for stored file');
  });

  it('reads parts named with backslashes (.NET 4.5 ZipFile), which yauzl turns into slashes', async () => {
    const parts = [
      ...workbookParts(),
      {
        name: SHEET,
        data: sheetXml(inlineRowXml(1, ['email']) + inlineRowXml(2, ['b@example.com'])),
      },
    ].map((part) => ({ ...part, name: part.name.replace(/\//g, '\\') }));
    expect((await readUserSheet(file(zipBuffer(parts)), limits)).rows).toEqual([
      { row: 2, cells: ['b@example.com'] },
    ]);
  });
});
