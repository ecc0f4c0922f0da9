/**
 * Text files as spreadsheet programs write them: UTF-8 with or without a byte-order mark,
 * UTF-16 with one (Excel's "Unicode text"), and otherwise Windows-1252 (Excel's "CSV" on a
 * Western-European Windows), which is what bytes that are not valid UTF-8 almost always are.
 */

/**
 * The 0x80–0x9F block of Windows-1252 (WHATWG Encoding, index-windows-1252). Node 20's
 * TextDecoder('windows-1252') decodes these bytes as ISO-8859-1 controls (0x80 → U+0080, not €),
 * so they are mapped here; the five undefined bytes stay as their C1 control.
 */
const CP1252_HIGH = [
  0x20ac, 0x81, 0x201a, 0x192, 0x201e, 0x2026, 0x2020, 0x2021, 0x2c6, 0x2030, 0x160, 0x2039, 0x152,
  0x8d, 0x17d, 0x8f, 0x90, 0x2018, 0x2019, 0x201c, 0x201d, 0x2022, 0x2013, 0x2014, 0x2dc, 0x2122,
  0x161, 0x203a, 0x153, 0x9d, 0x17e, 0x178,
];

const decodeWindows1252 = (bytes: Uint8Array): string =>
  Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength)
    .toString('latin1')
    .replace(/[\x80-\x9f]/g, (char) => String.fromCharCode(CP1252_HIGH[char.charCodeAt(0) - 0x80]));

/** An encoding, and where the text starts: after the byte-order mark, if there is one. */
export type TextEncoding = {
  encoding: 'utf-8' | 'utf-16le' | 'utf-16be' | 'windows-1252';
  start: number;
};

export const byteOrderMark = (bytes: Uint8Array): TextEncoding | null => {
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf)
    return { encoding: 'utf-8', start: 3 };
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return { encoding: 'utf-16le', start: 2 };
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return { encoding: 'utf-16be', start: 2 };
  return null;
};

/**
 * The encoding of a file, from its first bytes and one pass over the rest: without a byte-order
 * mark, the whole file has to be valid UTF-8 to be read as UTF-8.
 */
export const detectEncoding = async (chunks: AsyncIterable<Uint8Array>): Promise<TextEncoding> => {
  const utf8 = new TextDecoder('utf-8', { fatal: true });
  let first = true;
  try {
    for await (const chunk of chunks) {
      const bom = first ? byteOrderMark(chunk) : null;
      if (bom) return bom;
      first = false;
      utf8.decode(chunk, { stream: true });
    }
    utf8.decode();
  } catch {
    return { encoding: 'windows-1252', start: 0 };
  }
  return { encoding: 'utf-8', start: 0 };
};

/** The text of chunks of bytes, decoded as they come; a character split between two chunks is kept whole. */
export async function* decodeText(
  chunks: AsyncIterable<Uint8Array>,
  encoding: TextEncoding['encoding']
): AsyncGenerator<string> {
  if (encoding === 'windows-1252') {
    for await (const chunk of chunks) yield decodeWindows1252(chunk);
    return;
  }
  // ignoreBOM keeps a second BOM as data rather than silently eating it; the first is skipped by the caller.
  const decoder = new TextDecoder(encoding, { ignoreBOM: true });
  for await (const chunk of chunks) yield decoder.decode(chunk, { stream: true });
  const rest = decoder.decode();
  if (rest) yield rest;
}
