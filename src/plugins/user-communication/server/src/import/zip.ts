/**
 * Just enough of the ZIP format (APPNOTE.TXT 6.3.10) to vet an .xlsx before anything is inflated:
 * the central directory gives every part's declared sizes, and parts are then inflated one at a
 * time with their real output counted, so a file that lies about its sizes is caught too.
 */
import type { FileHandle } from 'node:fs/promises';
import { Readable, pipeline } from 'node:stream';
import zlib from 'node:zlib';
import { ImportFileError } from './errors';

export type ZipEntry = {
  name: string;
  method: number;
  crc32: number;
  compressedSize: number;
  uncompressedSize: number;
  localHeaderOffset: number;
};

const EOCD = 0x06054b50;
const ZIP64_LOCATOR = 0x07064b50;
const ZIP64_EOCD = 0x06064b50;
const CENTRAL_HEADER = 0x02014b50;
const LOCAL_HEADER = 0x04034b50;
const MAX_ENTRIES = 10_000;

export const STORED = 0;
export const DEFLATED = 8;

const damaged = (why: string) =>
  new ImportFileError(
    'damaged',
    `The workbook could not be read: it looks damaged or incomplete (${why}). Open it in Excel, save it again as .xlsx and retry.`
  );

const readAt = async (file: FileHandle, position: number, length: number): Promise<Buffer> => {
  const buffer = Buffer.alloc(length);
  const { bytesRead } = await file.read(buffer, 0, length, position);
  if (bytesRead !== length) throw damaged('unexpected end of file');
  return buffer;
};

const safeNumber = (value: bigint): number => {
  if (value > BigInt(Number.MAX_SAFE_INTEGER)) throw damaged('impossible size');
  return Number(value);
};

type Directory = { count: number; size: number; offset: number };

const findDirectory = async (file: FileHandle, fileSize: number): Promise<Directory> => {
  // The end record is 22 bytes plus a comment of at most 65,535 bytes, so it is in the tail.
  const tailLength = Math.min(fileSize, 22 + 0xffff);
  const tail = await readAt(file, fileSize - tailLength, tailLength);
  let at = -1;
  for (let index = tail.length - 22; index >= 0; index -= 1) {
    if (
      tail.readUInt32LE(index) === EOCD &&
      index + 22 + tail.readUInt16LE(index + 20) <= tail.length
    ) {
      at = index;
      break;
    }
  }
  if (at < 0) throw damaged('no ZIP directory');
  const endOffset = fileSize - tailLength + at;
  let directory: Directory = {
    count: tail.readUInt16LE(at + 10),
    size: tail.readUInt32LE(at + 12),
    offset: tail.readUInt32LE(at + 16),
  };
  if (tail.readUInt16LE(at + 4) !== 0 || tail.readUInt16LE(at + 6) !== 0)
    throw damaged('split archive');
  if (
    directory.count === 0xffff ||
    directory.size === 0xffffffff ||
    directory.offset === 0xffffffff
  ) {
    if (endOffset < 20) throw damaged('ZIP64 record missing');
    const locator = await readAt(file, endOffset - 20, 20);
    if (locator.readUInt32LE(0) !== ZIP64_LOCATOR) throw damaged('ZIP64 record missing');
    const record = await readAt(file, safeNumber(locator.readBigUInt64LE(8)), 56);
    if (record.readUInt32LE(0) !== ZIP64_EOCD) throw damaged('ZIP64 record missing');
    directory = {
      count: safeNumber(record.readBigUInt64LE(32)),
      size: safeNumber(record.readBigUInt64LE(40)),
      offset: safeNumber(record.readBigUInt64LE(48)),
    };
  }
  if (directory.count > MAX_ENTRIES) throw damaged(`more than ${MAX_ENTRIES} parts`);
  if (directory.offset + directory.size > endOffset) throw damaged('directory out of bounds');
  return directory;
};

/** Reads the zip64 extended-information extra field (0x0001) for the values the header left at 0xFFFFFFFF. */
const applyZip64 = (entry: ZipEntry, extra: Buffer) => {
  for (let at = 0; at + 4 <= extra.length;) {
    const id = extra.readUInt16LE(at);
    const size = extra.readUInt16LE(at + 2);
    if (id === 0x0001) {
      let field = at + 4;
      const next = () => {
        if (field + 8 > at + 4 + size) throw damaged('bad ZIP64 field');
        const value = safeNumber(extra.readBigUInt64LE(field));
        field += 8;
        return value;
      };
      if (entry.uncompressedSize === 0xffffffff) entry.uncompressedSize = next();
      if (entry.compressedSize === 0xffffffff) entry.compressedSize = next();
      if (entry.localHeaderOffset === 0xffffffff) entry.localHeaderOffset = next();
      return;
    }
    at += 4 + size;
  }
};

/** Lists the parts of a ZIP file from its central directory, without inflating anything. */
export const readZipEntries = async (file: FileHandle, fileSize: number): Promise<ZipEntry[]> => {
  const directory = await findDirectory(file, fileSize);
  const buffer = await readAt(file, directory.offset, directory.size);
  const entries: ZipEntry[] = [];
  let at = 0;
  for (let index = 0; index < directory.count; index += 1) {
    if (at + 46 > buffer.length || buffer.readUInt32LE(at) !== CENTRAL_HEADER)
      throw damaged('bad directory entry');
    const flags = buffer.readUInt16LE(at + 8);
    const nameLength = buffer.readUInt16LE(at + 28);
    const extraLength = buffer.readUInt16LE(at + 30);
    const commentLength = buffer.readUInt16LE(at + 32);
    if (at + 46 + nameLength + extraLength > buffer.length) throw damaged('bad directory entry');
    const entry: ZipEntry = {
      name: buffer.toString('utf8', at + 46, at + 46 + nameLength),
      method: buffer.readUInt16LE(at + 10),
      crc32: buffer.readUInt32LE(at + 16),
      compressedSize: buffer.readUInt32LE(at + 20),
      uncompressedSize: buffer.readUInt32LE(at + 24),
      localHeaderOffset: buffer.readUInt32LE(at + 42),
    };
    applyZip64(entry, buffer.subarray(at + 46 + nameLength, at + 46 + nameLength + extraLength));
    // Bit 0: the part is encrypted (Office itself encrypts differently, as an OLE file, but zip tools do this).
    if (flags & 0x1) {
      throw new ImportFileError(
        'encrypted-or-xls',
        'This file is encrypted (password-protected). Save it as an unprotected .xlsx or .csv.'
      );
    }
    entries.push(entry);
    at += 46 + nameLength + extraLength + commentLength;
  }
  return entries;
};

const CHUNK = 64 * 1024;

/** Raw bytes of a range. Not `file.createReadStream`: destroying that closes the shared handle. */
async function* readRange(file: FileHandle, start: number, length: number): AsyncGenerator<Buffer> {
  for (let offset = 0; offset < length;) {
    const chunk = await readAt(file, start + offset, Math.min(CHUNK, length - offset));
    offset += chunk.length;
    yield chunk;
  }
}

/**
 * The inflated content of one part, chunk by chunk. Throws as soon as the output passes the size
 * the directory declared (a lying zip bomb), and at the end when the size or the CRC differ.
 */
export async function* inflateEntry(file: FileHandle, entry: ZipEntry): AsyncGenerator<Buffer> {
  if (entry.method !== STORED && entry.method !== DEFLATED) {
    throw new ImportFileError(
      'damaged',
      `The workbook uses a compression method this import cannot read (method ${entry.method}). Open it in Excel and save it again as .xlsx.`
    );
  }
  const header = await readAt(file, entry.localHeaderOffset, 30);
  if (header.readUInt32LE(0) !== LOCAL_HEADER) throw damaged(`bad header for ${entry.name}`);
  const start = entry.localHeaderOffset + 30 + header.readUInt16LE(26) + header.readUInt16LE(28);
  let produced = 0;
  let crc = 0;
  if (entry.compressedSize > 0) {
    const raw = Readable.from(readRange(file, start, entry.compressedSize), { objectMode: false });
    const output =
      entry.method === DEFLATED ? pipeline(raw, zlib.createInflateRaw(), () => undefined) : raw;
    try {
      for await (const chunk of output as AsyncIterable<Buffer>) {
        produced += chunk.length;
        if (produced > entry.uncompressedSize) {
          throw new ImportFileError(
            'zip-bomb',
            'The workbook expands to more than it declares when unpacked; it may be a decompression bomb and was not read.'
          );
        }
        if (typeof zlib.crc32 === 'function') crc = zlib.crc32(chunk, crc);
        yield chunk;
      }
    } catch (error) {
      if (error instanceof ImportFileError) throw error;
      throw damaged(`${entry.name}: ${(error as Error).message}`);
    } finally {
      output.destroy();
      raw.destroy();
    }
  }
  if (produced !== entry.uncompressedSize) throw damaged(`${entry.name} is shorter than declared`);
  // zlib.crc32 arrived in Node 20.15; on older runtimes the size check above has to do.
  if (typeof zlib.crc32 === 'function' && crc >>> 0 !== entry.crc32 >>> 0)
    throw damaged(`${entry.name} fails its checksum`);
}

/** A small part read whole, refusing anything over `limit` bytes. */
export const readEntryText = async (
  file: FileHandle,
  entry: ZipEntry,
  limit: number
): Promise<string> => {
  if (entry.uncompressedSize > limit) throw damaged(`${entry.name} is unusually large`);
  const chunks: Buffer[] = [];
  for await (const chunk of inflateEntry(file, entry)) chunks.push(chunk);
  return Buffer.concat(chunks).toString('utf8');
};

/**
 * A local file header for a part written STORED with known sizes, so a streaming unzipper
 * reads exactly `size` bytes and never has to hunt for a data descriptor.
 */
export const storedLocalHeader = (name: string, size: number, crc: number): Buffer => {
  const nameBytes = Buffer.from(name, 'utf8');
  const header = Buffer.alloc(30 + nameBytes.length);
  header.writeUInt32LE(LOCAL_HEADER, 0);
  header.writeUInt16LE(20, 4); // version needed: 2.0
  header.writeUInt16LE(0x0800, 6); // bit 11: the name is UTF-8
  header.writeUInt16LE(STORED, 8);
  header.writeUInt16LE(0x0021, 12); // 1980-01-01, the earliest DOS date
  header.writeUInt32LE(crc >>> 0, 14);
  header.writeUInt32LE(size, 18);
  header.writeUInt32LE(size, 22);
  header.writeUInt16LE(nameBytes.length, 26);
  nameBytes.copy(header, 30);
  return header;
};

/** An end-of-central-directory record with no entries: a streaming unzipper stops cleanly on it. */
export const emptyEndRecord = (): Buffer => {
  const record = Buffer.alloc(22);
  record.writeUInt32LE(EOCD, 0);
  return record;
};
