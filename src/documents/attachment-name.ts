/**
 * An uploaded file's name as we keep it: the last path component only (no `../`, no folders), NFC, without control
 * characters, at most 200 characters, never empty or dot-only. Pure.
 */
export function attachmentName(raw: string): string | null {
  const base = utf8FromLatin1(raw)
    .normalize('NFC').split(/[\\/]/).pop() ?? '';
  // eslint-disable-next-line no-control-regex
  const clean = base.replace(/[\u0000-\u001f\u007f]/g, '').trim().slice(0, 200);
  return clean && !/^\.+$/.test(clean) ? clean : null;
}

/**
 * Multipart parsers (busboy, under multer) read a file name's bytes as Latin-1, while browsers send UTF-8: a name that
 * is all Latin-1 characters and whose bytes are valid UTF-8 is read again as UTF-8 (`Phá»¥ lá»¥c` → `Phụ lục`).
 */
export function utf8FromLatin1(name: string): string {
  if (!/[\u0080-\u00ff]/.test(name) || /[^\u0000-\u00ff]/.test(name)) return name;
  const decoded = Buffer.from(name, 'latin1').toString('utf8');
  return decoded.includes('\ufffd') ? name : decoded;
}
