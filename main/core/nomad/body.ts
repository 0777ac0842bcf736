/** Reading a response body under a size cap (decompressed bytes counted); the body is consumed or destroyed. */
import { finished, Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { createGunzip, gunzipSync } from 'node:zlib';

/**
 * Bodies up to this many bytes on the wire are buffered and gunzipped in one synchronous call (a poll's answers
 * are a few KiB); larger ones stream through a gunzip stream so memory stays bounded by the cap.
 */
const SMALL_BODY_BYTES = 256 * 1024;

class CapReached extends Error {}

/** Reads a body (gunzipping when needed) up to `cap` decompressed bytes; destroys it on overflow. */
export async function readCapped(
  body: Readable,
  gzip: boolean,
  cap: number,
): Promise<{ bytes: Buffer; truncated: boolean }> {
  const head = await bufferSmall(body, Math.min(SMALL_BODY_BYTES, cap));
  // Too big to buffer: bufferSmall handed the bytes back to the stream; read it the streaming way.
  if (!head.complete) return readStreaming(body, gzip, cap);
  const raw =
    head.chunks.length === 1 && head.chunks[0] ? head.chunks[0] : Buffer.concat(head.chunks, head.size);
  if (!gzip) return { bytes: raw, truncated: false };
  try {
    return { bytes: gunzipSync(raw, { maxOutputLength: cap }), truncated: false };
  } catch (e) {
    // Over the cap once decompressed: the streaming path keeps exactly the first `cap` bytes.
    if (e instanceof RangeError && 'code' in e && e.code === 'ERR_BUFFER_TOO_LARGE')
      return readStreaming(Readable.from([raw]), gzip, cap);
    throw e;
  }
}

/**
 * Collects a body's chunks until it ends (complete) or more than `limit` bytes arrived (incomplete: the bytes are
 * put back at the front of the paused stream, nothing is lost). Rejects with the stream's error, like a pipeline.
 */
function bufferSmall(
  body: Readable,
  limit: number,
): Promise<{ chunks: Buffer[]; size: number; complete: boolean }> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const onData = (chunk: Buffer): void => {
      chunks.push(chunk);
      size += chunk.length;
      if (size <= limit) return;
      body.pause();
      body.off('data', onData);
      stop();
      // Synchronously, before the stream can emit 'end' (after which nothing can be put back).
      body.unshift(Buffer.concat(chunks, size));
      resolve({ chunks: [], size: 0, complete: false });
    };
    const stop = finished(body, { writable: false }, (e) => {
      body.off('data', onData);
      if (e) reject(e);
      else resolve({ chunks, size, complete: true });
    });
    body.on('data', onData);
  });
}

/** The streaming reader for large bodies: gunzip stream, decompressed bytes counted, destroyed past the cap. */
async function readStreaming(
  body: Readable,
  gzip: boolean,
  cap: number,
): Promise<{ bytes: Buffer; truncated: boolean }> {
  const chunks: Buffer[] = [];
  let size = 0;
  let truncated = false;
  const sink = async (source: AsyncIterable<Buffer>): Promise<void> => {
    for await (const chunk of source) {
      size += chunk.length;
      if (size > cap) {
        truncated = true;
        chunks.push(chunk.subarray(0, chunk.length - (size - cap)));
        throw new CapReached();
      }
      chunks.push(chunk);
    }
  };
  try {
    if (gzip) await pipeline(body, createGunzip(), sink);
    else await pipeline(body, sink);
  } catch (e) {
    // Destroying the body on overflow can surface as undici's abort error instead of CapReached.
    if (!truncated) throw e;
  }
  return { bytes: Buffer.concat(chunks), truncated };
}
