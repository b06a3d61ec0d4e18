import { StreamableFile } from '@nestjs/common';
import type { Response } from 'express';

/** A stored file as a download (or shown inline, a PDF): its type, its name (UTF-8, RFC 5987) and no content sniffing. */
export function fileResponse(
  res: Response,
  file: { name: string; contentType: string; content: Buffer },
  disposition: 'attachment' | 'inline' = 'attachment',
): StreamableFile {
  res.setHeader('Content-Type', file.contentType);
  res.setHeader('Content-Disposition', `${disposition}; filename*=UTF-8''${encodeURIComponent(file.name)}`);
  res.setHeader('X-Content-Type-Options', 'nosniff');
  return new StreamableFile(file.content);
}
