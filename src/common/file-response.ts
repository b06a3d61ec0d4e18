import { StreamableFile } from '@nestjs/common';
import type { Response } from 'express';

/** A stored file as a download: its type, its name (UTF-8, RFC 5987) and no content sniffing. */
export function fileResponse(res: Response, file: { name: string; contentType: string; content: Buffer }): StreamableFile {
  res.setHeader('Content-Type', file.contentType);
  res.setHeader('Content-Disposition', `attachment; filename*=UTF-8''${encodeURIComponent(file.name)}`);
  res.setHeader('X-Content-Type-Options', 'nosniff');
  return new StreamableFile(file.content);
}
