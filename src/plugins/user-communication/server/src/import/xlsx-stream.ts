/** Shaping the byte stream that read-xlsx hands to exceljs, and keeping exceljs from waiting forever on it. */
import { ImportFileError, formatCount } from './errors';

const LOCAL_HEADER = 0x04034b50;
const END_OF_CENTRAL_DIRECTORY = 0x06054b50;
const STORED = 0;

/**
 * A ZIP local file header (APPNOTE.TXT §4.3.7) for a part written STORED with known sizes, so a
 * streaming unzipper reads exactly `size` bytes and never has to hunt for a data descriptor.
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
  record.writeUInt32LE(END_OF_CENTRAL_DIRECTORY, 0);
  return record;
};

/**
 * Re-cuts chunks so none ends inside a UTF-8 character: exceljs decodes every chunk on its own,
 * and a character split across two chunks turns into two U+FFFD (exceljs issues #2063, #2316;
 * PR #1665 is unmerged). The unzipper and exceljs pass our chunk boundaries through.
 */
export async function* wholeCharacters(chunks: AsyncIterable<Buffer>): AsyncGenerator<Buffer> {
  let carry: Buffer | null = null;
  for await (const piece of chunks) {
    if (piece.length === 0) continue;
    const chunk: Buffer = carry ? Buffer.concat([carry, piece]) : piece;
    // Walk back over at most 3 continuation bytes (10xxxxxx) to the last lead byte.
    let lead = chunk.length - 1;
    while (lead > 0 && chunk.length - lead < 4 && (chunk[lead] & 0xc0) === 0x80) lead -= 1;
    const byte = chunk[lead];
    const length = byte >= 0xf0 ? 4 : byte >= 0xe0 ? 3 : byte >= 0xc0 ? 2 : 1;
    const cut = lead + length > chunk.length ? lead : chunk.length;
    carry = cut < chunk.length ? chunk.subarray(cut) : null;
    if (cut > 0) yield chunk.subarray(0, cut);
  }
  if (carry) yield carry;
}

/**
 * Counts `</si>` (one per shared string) in the inflated shared-strings part, throwing as soon as
 * it passes `limit`: a pass over bytes, so a table too big for exceljs is refused before exceljs parses any of it.
 */
export const checkSharedStringCount = async (
  chunks: AsyncIterable<Buffer>,
  limit: number
): Promise<void> => {
  const end = Buffer.from('</si>');
  let carry: Buffer = Buffer.alloc(0);
  let count = 0;
  for await (const chunk of chunks) {
    // The last 4 bytes of the previous chunk may hold the start of a tag that this chunk completes.
    const haystack = carry.length > 0 ? Buffer.concat([carry, chunk]) : chunk;
    for (let at = haystack.indexOf(end); at >= 0; at = haystack.indexOf(end, at + end.length))
      count += 1;
    if (count > limit) {
      throw new ImportFileError(
        'too-large',
        `The workbook holds more than ${formatCount(limit)} texts, more than this import reads. Remove the other sheets, or save the users as .csv.`
      );
    }
    carry = haystack.subarray(Math.max(0, haystack.length - (end.length - 1)));
  }
};

/**
 * Fails the step a reader is waiting on when our source stream fails: exceljs pipes the source
 * into its unzipper, a piped stream's error reaches nobody, and exceljs would wait forever.
 * (One slot, replaced at each step: racing every step against one long-pending promise would
 * pile a reaction per row on that promise, each holding its row.)
 */
export class SourceFailure {
  error: unknown = undefined;
  private pending: ((error: unknown) => void) | null = null;

  fail(error: unknown) {
    this.error = error;
    this.pending?.(error);
  }

  async *guard<T>(iterable: AsyncIterable<T>): AsyncGenerator<T> {
    const iterator = iterable[Symbol.asyncIterator]();
    let finished = false;
    try {
      for (;;) {
        const step = await new Promise<IteratorResult<T>>((resolve, reject) => {
          if (this.error !== undefined) return reject(this.error);
          this.pending = reject;
          iterator.next().then(resolve, reject);
        });
        this.pending = null;
        if (step.done) {
          finished = true;
          return;
        }
        yield step.value;
      }
    } finally {
      this.pending = null;
      if (!finished) iterator.return?.()?.catch(() => undefined);
    }
  }
}
