import { createHash } from 'node:crypto';
import pg from 'pg';

/** Marks a statement to prepare: see `prepared`. */
const MARK = '/* prepared */ ';

/**
 * Marks a fixed SQL text to run as a prepared statement: parsed and planned once per connection, then reused.
 * For the hot paths' lookups by key, whose generic plan is as good as any (planning was half the database's time on
 * the action path). Not for the boxes' and the archivists' filtered searches: their best plan depends on the values.
 */
export function prepared(sql: string): string {
  return MARK + sql;
}

/** At most this many distinct statements are prepared (per process, and so per connection); others run unnamed. */
const MAX_STATEMENTS = 500;
const names = new Map<string, string>();

/** The name of a statement's text, or null once the cap is reached. */
function statementName(text: string): string | null {
  let name = names.get(text);
  if (name === undefined) {
    if (names.size >= MAX_STATEMENTS) return null;
    name = `cv_${createHash('sha1').update(text).digest('hex').slice(0, 20)}`;
    names.set(text, name);
  }
  return name;
}

/**
 * The pool's client: a query marked by `prepared` runs as a named statement (node-pg prepares a name on first use on
 * each connection and reuses it after); every other query runs as it is.
 */
export class PreparingClient extends pg.Client {
  // node-pg's overloads are many; this forwards every one of them unchanged but (marked text, values).
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  override query(config: any, values?: any, callback?: any): any {
    if (typeof config === 'string' && config.startsWith(MARK) && Array.isArray(values)) {
      const name = statementName(config);
      if (name) return super.query({ name, text: config, values }, callback);
    }
    return super.query(config, values, callback);
  }
}
