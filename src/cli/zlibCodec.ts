/**
 * Node's zlib as the .xlsx packages' DEFLATE codec: it inflates and deflates a big sheet several
 * times faster than the pure-JavaScript one the browser and Excel use. `maxOutputLength` keeps
 * the zip directory's declared size the limit: a part that lies about its size stops at the
 * first byte past it.
 */
import { deflateRawSync, inflateRawSync } from "node:zlib";
import type { DeflateCodec } from "../xlsx/zip";

/** A Buffer as the plain Uint8Array every other codec returns. */
const plain = (b: Buffer): Uint8Array => new Uint8Array(b.buffer, b.byteOffset, b.byteLength);

export const NODE_CODEC: DeflateCodec = {
  deflate: (data, level) => plain(deflateRawSync(data, { level })),
  inflate: (raw, limit) => {
    try {
      return plain(inflateRawSync(raw, { maxOutputLength: Math.max(1, limit) }));
    } catch (err) {
      // Past the limit zlib says "Cannot create a Buffer larger than…": the codec's RangeError.
      if ((err as { code?: string }).code === "ERR_BUFFER_TOO_LARGE") throw new RangeError((err as Error).message);
      throw err;
    }
  },
};
