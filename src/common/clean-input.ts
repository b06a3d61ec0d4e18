/**
 * Every text that comes in, cleaned the same way before validation (the global pipe, validation.ts): turned into
 * Unicode NFC — Vietnamese typed on a Mac or pasted from Word often arrives decomposed (NFD: `ệ` as e + two marks) or
 * mixed, and must be stored and searched as one form — and refused when it holds control characters (NUL, ESC …:
 * PostgreSQL cannot even store NUL) other than tab and line breaks, or when objects nest deeper than any request
 * needs. Pure.
 */
import type { FieldProblem } from './domain-error.js';

/** Control characters but tab and line breaks: refused in any text that comes in. */
export const CONTROL_CHARACTERS = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/u;
export const MAX_DEPTH = 8;

/** The value with every string in NFC, and the problems found (field paths as the validation errors give them). */
export function cleanInput(value: unknown, path = '', depth = 0): { value: unknown; problems: FieldProblem[] } {
  if (typeof value === 'string') {
    return CONTROL_CHARACTERS.test(value)
      ? { value, problems: [{ field: path || 'body', reason: 'must not contain control characters' }] }
      : { value: value.normalize('NFC'), problems: [] };
  }
  if (value === null || typeof value !== 'object' || Buffer.isBuffer(value)) return { value, problems: [] };
  if (depth >= MAX_DEPTH) return { value, problems: [{ field: path || 'body', reason: `must not nest deeper than ${MAX_DEPTH} levels` }] };
  const problems: FieldProblem[] = [];
  if (Array.isArray(value)) {
    const out = value.map((v, i) => {
      const r = cleanInput(v, `${path}.${i}`.replace(/^\./, ''), depth + 1);
      problems.push(...r.problems);
      return r.value;
    });
    return { value: out, problems };
  }
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value)) {
    const r = cleanInput(v, path ? `${path}.${k}` : k, depth + 1);
    problems.push(...r.problems);
    out[k] = r.value;
  }
  return { value: out, problems };
}
