/**
 * The ZIP container of an .xlsx, read with yauzl: its central directory (ZIP64 included) lists
 * every part with its declared sizes before anything is inflated, and it refuses a part whose
 * inflated output differs from the size declared. Around it, the limits of this import: the
 * number of parts, the total unpacked size, the compression ratio, and the CRC-32, which yauzl
 * leaves unchecked.
 */
import type { FileHandle } from 'node:fs/promises';
import { Readable } from 'node:stream';
import zlib from 'node:zlib';
import yauzl, { type Entry, type ZipFile } from 'yauzl';
import { ImportFileError, damagedWorkbook, formatBytes } from './errors';
import { fileChunks } from './file-chunks';

export type ZipEntry = Entry;

const MAX_ENTRIES = 10_000;
/** Above this, an entry compressing better than MAX_RATIO:1 is treated as a bomb. */
const RATIO_FLOOR = 1024 * 1024;
const MAX_RATIO = 100;
const STORED = 0;
const DEFLATED = 8;

/** yauzl's errors are plain Errors, told apart by their message only; it may end with a period or hold a part's name. */
const yauzlReason = (error: unknown) =>
  String((error as Error)?.message ?? error)
    .replace(/\.$/, '')
    .slice(0, 200);

const encrypted = () =>
  new ImportFileError(
    'encrypted-or-xls',
    'This file is encrypted (password-protected). Save it as an unprotected .xlsx or .csv.'
  );

const bomb = (limit: number) =>
  new ImportFileError(
    'zip-bomb',
    `The workbook expands to more than ${formatBytes(limit)} when unpacked, so it was not read. Remove unused sheets, images and formatting, or save the users as .csv.`
  );

const checkSizes = (entries: Iterable<ZipEntry>, limit: number) => {
  let total = 0;
  for (const entry of entries) {
    total += entry.uncompressedSize;
    if (total > limit) throw bomb(limit);
    if (
      entry.uncompressedSize > RATIO_FLOOR &&
      entry.uncompressedSize > entry.compressedSize * MAX_RATIO
    ) {
      throw new ImportFileError(
        'zip-bomb',
        `The workbook is packed more than ${MAX_RATIO} times tighter than spreadsheets are, as decompression bombs are, so it was not read. Open it in Excel and save it again, or save the users as .csv.`
      );
    }
  }
};

/**
 * yauzl reading through the caller's handle rather than a bare descriptor: closing the handle
 * then waits for reads still in flight, and yauzl never closes it.
 */
class HandleReader extends yauzl.RandomAccessReader {
  constructor(private readonly file: FileHandle) {
    super();
  }

  override _readStreamForRange(start: number, end: number): Readable {
    return Readable.from(fileChunks(this.file, start, end), { objectMode: false });
  }

  /** The directory is read in small pieces, two per part; yauzl's default builds a stream for each. */
  override read(
    buffer: Buffer,
    offset: number,
    length: number,
    position: number,
    callback: (error: Error | null, bytesRead?: number) => void
  ): void {
    this.file.read(buffer, offset, length, position).then(
      ({ bytesRead }) => callback(null, bytesRead),
      (error: Error) => callback(error)
    );
  }
}

export class Zip {
  private constructor(
    private readonly zipfile: ZipFile,
    readonly entries: ReadonlyMap<string, ZipEntry>
  ) {}

  /** Lists the parts from the central directory and holds them to the limits, inflating nothing. */
  static async open(file: FileHandle, size: number, maxUncompressedBytes: number): Promise<Zip> {
    const list: ZipEntry[] = [];
    let zipfile: ZipFile;
    try {
      // autoClose off: parts are read after the listing, and a closed ZipFile refuses to.
      zipfile = await yauzl.fromRandomAccessReaderPromise(new HandleReader(file), size, {
        autoClose: false,
      });
      if (zipfile.entryCount > MAX_ENTRIES) throw damagedWorkbook(`more than ${MAX_ENTRIES} parts`);
      for await (const entry of zipfile.eachEntry()) {
        // Bit 0: the part is encrypted (Office itself encrypts differently, as an OLE file, but zip tools do this).
        if (entry.isEncrypted()) throw encrypted();
        list.push(entry);
      }
    } catch (error) {
      if (error instanceof ImportFileError) throw error;
      // Strong encryption (APPNOTE.TXT §7.2) is refused by yauzl before the part is listed.
      if (/strong encryption/.test(yauzlReason(error))) throw encrypted();
      throw damagedWorkbook(yauzlReason(error));
    }
    checkSizes(list, maxUncompressedBytes);
    return new Zip(zipfile, new Map(list.map((entry) => [entry.fileName, entry])));
  }

  /**
   * The inflated content of one part, chunk by chunk. yauzl fails it as soon as the output passes
   * the size the directory declared (a lying zip bomb), or at the end when it falls short; the
   * CRC is checked here at the end.
   */
  async *inflate(entry: ZipEntry): AsyncGenerator<Buffer> {
    if (entry.compressionMethod !== STORED && entry.compressionMethod !== DEFLATED) {
      throw new ImportFileError(
        'damaged',
        `The workbook uses a compression method this import cannot read (method ${entry.compressionMethod}). Open it in Excel and save it again as .xlsx.`
      );
    }
    let crc = 0;
    try {
      const content: AsyncIterable<Buffer> = await this.zipfile.openReadStreamPromise(entry);
      for await (const chunk of content) {
        if (typeof zlib.crc32 === 'function') crc = zlib.crc32(chunk, crc);
        yield chunk;
      }
    } catch (error) {
      // yauzl's validateEntrySizes, once the output passes the declared size.
      if (yauzlReason(error).startsWith('too many bytes in the stream')) {
        throw new ImportFileError(
          'zip-bomb',
          'The workbook expands to more than it declares when unpacked; it may be a decompression bomb and was not read.'
        );
      }
      throw damagedWorkbook(`${entry.fileName}: ${yauzlReason(error)}`);
    }
    // zlib.crc32 arrived in Node 20.15; on older runtimes the size check has to do.
    if (typeof zlib.crc32 === 'function' && crc >>> 0 !== entry.crc32 >>> 0)
      throw damagedWorkbook(`${entry.fileName} fails its checksum`);
  }

  /** A small part read whole, refusing anything over `limit` bytes. */
  async text(entry: ZipEntry, limit: number): Promise<string> {
    if (entry.uncompressedSize > limit)
      throw damagedWorkbook(`${entry.fileName} is unusually large`);
    const chunks: Buffer[] = [];
    for await (const chunk of this.inflate(entry)) chunks.push(chunk);
    return Buffer.concat(chunks).toString('utf8');
  }
}
