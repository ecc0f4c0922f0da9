import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {
  ImportFileError,
  readUserSheet,
  type ReadSheetOptions,
} from '../../src/plugins/user-communication/server/src/import/read-sheet';
import {
  deflateRepeated,
  inlineRowXml,
  sheetXml,
  workbookParts,
  writeUsersXlsx,
  zipBuffer,
  type ZipPart,
} from '../helpers/spreadsheets';

const limits = { maxBytes: 10 * 1024 * 1024, maxRows: 100_000 };
const MB = 1024 * 1024;
let dir: string;
let counter = 0;
const newPath = () => path.join(dir, `${(counter += 1)}.xlsx`);

const rejection = async (filePath: string, options: ReadSheetOptions = limits) => {
  const error = await readUserSheet(filePath, options).then(
    () => null,
    (thrown: unknown) => thrown
  );
  expect(error).toBeInstanceOf(ImportFileError);
  return error as ImportFileError;
};

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

const workbookWith = (sharedStrings: ZipPart) =>
  zipBuffer([
    ...workbookParts({ sharedStrings: true }),
    {
      name: 'xl/worksheets/sheet1.xml',
      data: sheetXml('<row r="1"><c r="A1" t="s"><v>0</v></c></row>'),
    },
    sharedStrings,
  ]);

beforeAll(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'uc-import-limits-'));
});
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

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
    const started = performance.now();
    const growth = await growthDuring(async () => {
      error = await rejection(filePath);
    });
    expect(performance.now() - started).toBeLessThan(1000);
    expect(growth).toBeLessThan(16 * MB);
    expect(error?.code).toBe('zip-bomb');
    expect(error?.message).toBe(
      'The workbook expands to more than 200 MB when unpacked, so it was not read. Remove unused sheets, images and formatting, or save the users as .csv.'
    );
  });

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
  });

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
  });
});

describe('row limit', () => {
  it('refuses a 200,000-row workbook (exceljs streaming writer) at maxRows 100,000', async () => {
    const filePath = newPath();
    await writeUsersXlsx(filePath, 200_000);
    const started = performance.now();
    const error = await rejection(filePath);
    expect(error.code).toBe('too-many-rows');
    expect(error.message).toBe(
      'The file has more than 100,000 rows. Split it into files of at most 100,000 rows each.'
    );
    expect(performance.now() - started).toBeLessThan(15_000);
  }, 60_000);

  it('stops at the first row past the limit and does not read on (the sheet is broken further down)', async () => {
    // 20,000 good rows, then XML that any parser reading on would choke on.
    const rows = Array.from({ length: 20_000 }, (_, index) =>
      inlineRowXml(index + 2, [`u${index}@example.com`])
    ).join('');
    const xml = sheetXml(
      `${inlineRowXml(1, ['email'])}${rows}<row r="30000"><c r="A30000"></row></oops>`
    );
    const filePath = newPath();
    fs.writeFileSync(
      filePath,
      zipBuffer([...workbookParts(), { name: 'xl/worksheets/sheet1.xml', data: xml }])
    );
    expect((await rejection(filePath, { ...limits, maxRows: 10_000 })).code).toBe('too-many-rows');
    // Read to the end, the same file is damaged: so the refusal above came before the broken part.
    expect((await rejection(filePath, { ...limits, maxRows: 100_000 })).code).toBe('damaged');
  });

  it('refuses a header row wider than maxColumns', async () => {
    const headers = ['email', ...Array.from({ length: 30 }, (_, index) => `extra${index}`)];
    const filePath = newPath();
    fs.writeFileSync(
      filePath,
      zipBuffer([
        ...workbookParts(),
        { name: 'xl/worksheets/sheet1.xml', data: sheetXml(inlineRowXml(1, headers.slice(0, 26))) },
      ])
    );
    expect((await rejection(filePath, { ...limits, maxColumns: 20 })).code).toBe(
      'too-many-columns'
    );
  });
});
