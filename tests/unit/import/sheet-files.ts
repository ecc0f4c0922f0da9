/** Temporary files for the tests that read user lists, and the refusal such a read ends in. */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { ImportFileError, readUserSheet, type ReadSheetOptions } from '@server/import/read-sheet';

export const limits: ReadSheetOptions = { maxBytes: 10 * 1024 * 1024, maxRows: 100_000 };

/** A folder made before the file's tests and removed after them; every path in it is new. */
export const tempFiles = (defaultName = 'users.xlsx') => {
  let dir = '';
  let counter = 0;
  beforeAll(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'uc-import-'));
  });
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));
  const newPath = (name = defaultName) => path.join(dir, `${(counter += 1)}-${name}`);
  const file = (content: Buffer | string, name?: string) => {
    const filePath = newPath(name);
    fs.writeFileSync(filePath, content);
    return filePath;
  };
  return { newPath, file };
};

/** The ImportFileError that reading `filePath` ends in (the test fails if it reads). */
export const rejection = async (filePath: string, options: ReadSheetOptions = limits) => {
  const error = await readUserSheet(filePath, options).then(
    () => null,
    (thrown: unknown) => thrown
  );
  expect(error).toBeInstanceOf(ImportFileError);
  return error as ImportFileError;
};
