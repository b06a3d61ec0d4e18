/**
 * The images printed with a digital signature: a person's handwritten signature (blue) and an agency's seal (red),
 * as PNG (transparent background). An image is read through before it is accepted — every chunk's CRC, the image data
 * inflated to exactly the size its header announces — so that a file that would break later, when a document is
 * signed or issued (pdfkit decodes it then), is refused at upload instead.
 */
import { crc32, inflateSync } from 'node:zlib';

export const IMAGE_MAX_BYTES = 1024 * 1024;
const PNG_MAGIC = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
/** Samples per pixel of each PNG colour type: grey, RGB, palette, grey + alpha, RGBA. */
const CHANNELS: Record<number, number> = { 0: 1, 2: 3, 3: 1, 4: 2, 6: 4 };

/** Why `png` cannot be used, or its size in pixels. */
export function checkImage(png: Buffer): { problem: string } | { width: number; height: number } {
  if (png.length < 33 || !png.subarray(0, 8).equals(PNG_MAGIC) || png.toString('latin1', 12, 16) !== 'IHDR') return { problem: 'must be a PNG image' };
  const width = png.readUInt32BE(16);
  const height = png.readUInt32BE(20);
  const [bitDepth, colourType, , , interlace] = png.subarray(24, 29);
  if (width < 16 || height < 16 || width > 4000 || height > 4000) return { problem: 'must be between 16 and 4000 pixels wide and high' };
  if (!(colourType in CHANNELS) || ![1, 2, 4, 8, 16].includes(bitDepth)) return { problem: 'has an unknown colour type or bit depth' };
  if (interlace !== 0) return { problem: 'must not be interlaced' };
  const data: Buffer[] = [];
  let at = 8;
  let ended = false;
  while (at + 12 <= png.length && !ended) {
    const length = png.readUInt32BE(at);
    const type = png.toString('latin1', at + 4, at + 8);
    if (at + 12 + length > png.length) return { problem: `is cut short (in its ${type} chunk)` };
    if (crc32(png.subarray(at + 4, at + 8 + length)) !== png.readUInt32BE(at + 8 + length)) return { problem: `is damaged (bad CRC in its ${type} chunk)` };
    if (type === 'IDAT') data.push(png.subarray(at + 8, at + 8 + length));
    ended = type === 'IEND';
    at += 12 + length;
  }
  if (!ended || data.length === 0) return { problem: 'is cut short (no image data or no end)' };
  const rowBytes = Math.ceil((width * CHANNELS[colourType] * bitDepth) / 8);
  try {
    if (inflateSync(Buffer.concat(data)).length !== height * (rowBytes + 1)) return { problem: 'is damaged (image data of the wrong size)' };
  } catch {
    return { problem: 'is damaged (image data cannot be decompressed)' };
  }
  return { width, height };
}
