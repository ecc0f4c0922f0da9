import type { FileHandle } from 'node:fs/promises';

const CHUNK = 64 * 1024;

/**
 * The bytes of an open file from `start` up to `end` (exclusive), 64 KB at a time, ending early at
 * the end of the file. Not `file.createReadStream`: destroying that stream closes the handle, even
 * with `autoClose: false` (Node 20), and the handle is still needed afterwards.
 */
export async function* fileChunks(
  file: FileHandle,
  start: number,
  end: number
): AsyncGenerator<Buffer> {
  for (let position = start; position < end;) {
    const buffer = Buffer.alloc(Math.min(CHUNK, end - position));
    const { bytesRead } = await file.read(buffer, 0, buffer.length, position);
    if (bytesRead === 0) return;
    position += bytesRead;
    yield bytesRead === buffer.length ? buffer : buffer.subarray(0, bytesRead);
  }
}
