import { InvalidInputError } from './domain-error.js';

/** Opaque keyset cursors: base64url of a JSON array of the sort key of the last row. */
export function encodeCursor(key: unknown[]): string {
  return Buffer.from(JSON.stringify(key)).toString('base64url');
}

/** The key of a cursor: `length` elements that pass `valid`, or a 400 on `cursor`. */
export function decodeCursor(cursor: string, length: number, valid: (key: unknown[]) => boolean = () => true): unknown[] {
  try {
    const key = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    if (Array.isArray(key) && key.length === length && valid(key)) return key;
  } catch {
    // fall through
  }
  throw new InvalidInputError([{ field: 'cursor', reason: 'is not a cursor returned by this endpoint' }]);
}
