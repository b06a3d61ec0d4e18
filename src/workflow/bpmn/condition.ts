/**
 * A tiny, safe expression language for the conditions of exclusive gateway branches
 * (`<bpmn:conditionExpression>` in the route files). It is parsed once, when a route is compiled,
 * and evaluated against a plain scope; there is no `eval`, no `Function`, no property access beyond
 * own properties of plain data.
 *
 * Grammar (lowest precedence first):
 *
 *     or       := and ( '||' and )*
 *     and      := unary ( '&&' unary )*
 *     unary    := '!' unary | primary
 *     primary  := '(' or ')'
 *               | operand ( ( '==' | '!=' ) operand | 'in' '[' [ literal ( ',' literal )* [ ',' ] ] ']' )?
 *     operand  := literal | path
 *     literal  := 'single' | "double" | number | true | false | null
 *     path     := identifier ( '.' identifier )*
 *
 * Semantics:
 * - `==` / `!=` compare strictly (no type coercion), except that `null` and a missing value (`undefined`)
 *   are equal to each other.
 * - `x in [ ... ]` is true when `x == item` for one of the items.
 * - A bare operand used as a condition (`doc.flags.needsLegalReview`) is true only when its value is
 *   exactly `true`.
 * - A path that does not exist evaluates to `undefined` (so `doc.missing == null` is true).
 */

export type Literal = string | number | boolean | null;

export type Operand = { kind: 'literal'; value: Literal } | { kind: 'path'; path: string[] };

export type Condition =
  | { kind: 'or'; items: Condition[] }
  | { kind: 'and'; items: Condition[] }
  | { kind: 'not'; item: Condition }
  | { kind: 'compare'; op: '==' | '!='; left: Operand; right: Operand }
  | { kind: 'in'; left: Operand; list: Literal[] }
  | { kind: 'test'; operand: Operand };

/** A syntax error in a condition; `position` is the 0-based offset in the source where it was found. */
export class ConditionSyntaxError extends Error {
  constructor(
    readonly source: string,
    readonly position: number,
    readonly reason: string,
  ) {
    super(`bad condition "${source}" at position ${position}: ${reason}`);
    this.name = 'ConditionSyntaxError';
  }
}

type Token =
  | { type: 'op'; value: '||' | '&&' | '!' | '==' | '!=' | '(' | ')' | '[' | ']' | ','; pos: number }
  | { type: 'string'; value: string; pos: number }
  | { type: 'number'; value: number; pos: number }
  | { type: 'ident'; value: string; pos: number }
  | { type: 'end'; pos: number };

const MAX_DEPTH = 64;
const MAX_LENGTH = 2000;
const IDENT_START = /[A-Za-z_]/;
const IDENT_PART = /[A-Za-z0-9_]/;
const KEYWORDS = new Set(['true', 'false', 'null', 'in']);

function tokenize(source: string): Token[] {
  const fail = (pos: number, reason: string): never => {
    throw new ConditionSyntaxError(source, pos, reason);
  };
  const tokens: Token[] = [];
  let i = 0;
  while (i < source.length) {
    const c = source[i];
    if (/\s/.test(c)) {
      i++;
      continue;
    }
    const two = source.slice(i, i + 2);
    if (two === '||' || two === '&&' || two === '==' || two === '!=') {
      tokens.push({ type: 'op', value: two, pos: i });
      i += 2;
      continue;
    }
    if (c === '!' || c === '(' || c === ')' || c === '[' || c === ']' || c === ',') {
      tokens.push({ type: 'op', value: c, pos: i });
      i++;
      continue;
    }
    if (c === "'" || c === '"') {
      const start = i;
      let value = '';
      i++;
      for (;;) {
        if (i >= source.length) fail(start, 'unterminated string');
        const ch = source[i];
        if (ch === c) break;
        if (ch === '\\') {
          const next = source[i + 1];
          const escapes: Record<string, string> = { '\\': '\\', "'": "'", '"': '"', n: '\n', t: '\t' };
          if (next === undefined || !(next in escapes)) fail(i, `unknown escape "\\${next ?? ''}"`);
          value += escapes[next];
          i += 2;
          continue;
        }
        value += ch;
        i++;
      }
      i++; // closing quote
      tokens.push({ type: 'string', value, pos: start });
      continue;
    }
    if (/[0-9]/.test(c) || (c === '-' && /[0-9]/.test(source[i + 1] ?? ''))) {
      const m = /^-?[0-9]+(\.[0-9]+)?/.exec(source.slice(i))!;
      if (IDENT_PART.test(source[i + m[0].length] ?? '')) fail(i, `bad number "${source.slice(i, i + m[0].length + 1)}"`);
      tokens.push({ type: 'number', value: Number(m[0]), pos: i });
      i += m[0].length;
      continue;
    }
    if (IDENT_START.test(c)) {
      // A name, or a dotted path: names joined by "." with no spaces in between.
      const start = i;
      for (;;) {
        while (i < source.length && IDENT_PART.test(source[i])) i++;
        if (source[i] !== '.') break;
        if (!IDENT_START.test(source[i + 1] ?? '')) fail(i + 1, 'expected a name after "."');
        i++;
      }
      tokens.push({ type: 'ident', value: source.slice(start, i), pos: start });
      continue;
    }
    if (c === '=') fail(i, 'unexpected "=" (use "==" to compare)');
    if (c === '&' || c === '|') fail(i, `unexpected "${c}" (use "${c}${c}")`);
    fail(i, `unexpected "${c}"`);
  }
  tokens.push({ type: 'end', pos: source.length });
  return tokens;
}

function describe(t: Token): string {
  switch (t.type) {
    case 'end':
      return 'the end of the condition';
    case 'string':
      return `string ${JSON.stringify(t.value)}`;
    case 'number':
      return `number ${t.value}`;
    default:
      return `"${t.value}"`;
  }
}

/** Parses a condition; throws a {@link ConditionSyntaxError} (an `Error`) with the position and the reason. */
export function parseCondition(source: string): Condition {
  if (typeof source !== 'string') throw new ConditionSyntaxError(String(source), 0, 'the condition is not a string');
  if (source.length > MAX_LENGTH) throw new ConditionSyntaxError(source.slice(0, 40) + '…', 0, `longer than ${MAX_LENGTH} characters`);
  const tokens = tokenize(source);
  let at = 0;
  let depth = 0;

  const peek = (): Token => tokens[at];
  const fail = (t: Token, reason: string): never => {
    throw new ConditionSyntaxError(source, t.pos, reason);
  };
  const isOp = (t: Token, value: string): boolean => t.type === 'op' && t.value === value;
  const expectOp = (value: string, what: string): void => {
    const t = peek();
    if (!isOp(t, value)) fail(t, `expected "${value}" ${what} but found ${describe(t)}`);
    at++;
  };

  const parseOr = (): Condition => {
    if (++depth > MAX_DEPTH) fail(peek(), `nested deeper than ${MAX_DEPTH} levels`);
    const items = [parseAnd()];
    while (isOp(peek(), '||')) {
      at++;
      items.push(parseAnd());
    }
    depth--;
    return items.length === 1 ? items[0] : { kind: 'or', items };
  };

  const parseAnd = (): Condition => {
    const items = [parseUnary()];
    while (isOp(peek(), '&&')) {
      at++;
      items.push(parseUnary());
    }
    return items.length === 1 ? items[0] : { kind: 'and', items };
  };

  const parseUnary = (): Condition => {
    if (isOp(peek(), '!')) {
      if (++depth > MAX_DEPTH) fail(peek(), `nested deeper than ${MAX_DEPTH} levels`);
      at++;
      const item = parseUnary();
      depth--;
      return { kind: 'not', item };
    }
    return parsePrimary();
  };

  const parseLiteral = (): Literal | undefined => {
    const t = peek();
    if (t.type === 'string' || t.type === 'number') {
      at++;
      return t.value;
    }
    if (t.type === 'ident' && (t.value === 'true' || t.value === 'false' || t.value === 'null')) {
      at++;
      return t.value === 'null' ? null : t.value === 'true';
    }
    return undefined;
  };

  const parseOperand = (): Operand => {
    const t = peek();
    const literal = parseLiteral();
    if (literal !== undefined) return { kind: 'literal', value: literal };
    if (t.type !== 'ident') return fail(t, `expected a value or a name but found ${describe(t)}`);
    const path = t.value.split('.');
    const keyword = path.find((p) => KEYWORDS.has(p));
    if (keyword) fail(t, `unexpected keyword "${keyword}"`);
    at++;
    return { kind: 'path', path };
  };

  const parsePrimary = (): Condition => {
    const t = peek();
    if (isOp(t, '(')) {
      at++;
      const inner = parseOr();
      expectOp(')', 'to close the "("');
      return inner;
    }
    const left = parseOperand();
    const next = peek();
    if (isOp(next, '==') || isOp(next, '!=')) {
      at++;
      const right = parseOperand();
      return { kind: 'compare', op: (next as { value: '==' | '!=' }).value, left, right };
    }
    if (next.type === 'ident' && next.value === 'in') {
      at++;
      expectOp('[', 'after "in"');
      const list: Literal[] = [];
      while (!isOp(peek(), ']')) {
        const item = parseLiteral();
        if (item === undefined) fail(peek(), `expected a literal in the list but found ${describe(peek())}`);
        list.push(item as Literal);
        if (isOp(peek(), ',')) at++;
        else if (!isOp(peek(), ']')) fail(peek(), `expected "," or "]" but found ${describe(peek())}`);
      }
      at++; // ]
      return { kind: 'in', left, list };
    }
    return { kind: 'test', operand: left };
  };

  if (tokens.length === 1) fail(tokens[0], 'the condition is empty');
  const cond = parseOr();
  if (peek().type !== 'end') fail(peek(), `expected the end of the condition but found ${describe(peek())}`);
  return cond;
}

/** The value of `path` in `scope`, following own properties of objects only; `undefined` when missing. */
function lookup(scope: Record<string, unknown>, path: readonly string[]): unknown {
  let value: unknown = scope;
  for (const key of path) {
    if (value === null || typeof value !== 'object' || !Object.prototype.hasOwnProperty.call(value, key)) return undefined;
    value = (value as Record<string, unknown>)[key];
  }
  return value;
}

function operandValue(op: Operand, scope: Record<string, unknown>): unknown {
  return op.kind === 'literal' ? op.value : lookup(scope, op.path);
}

function same(a: unknown, b: unknown): boolean {
  if (a === undefined || a === null) return b === undefined || b === null;
  return a === b;
}

/** Evaluates a parsed condition against `scope` (e.g. `{ action: 'approve', doc: { urgency: 'hoa-toc' } }`). */
export function evaluateCondition(cond: Condition, scope: Record<string, unknown>): boolean {
  switch (cond.kind) {
    case 'or':
      return cond.items.some((c) => evaluateCondition(c, scope));
    case 'and':
      return cond.items.every((c) => evaluateCondition(c, scope));
    case 'not':
      return !evaluateCondition(cond.item, scope);
    case 'compare': {
      const eq = same(operandValue(cond.left, scope), operandValue(cond.right, scope));
      return cond.op === '==' ? eq : !eq;
    }
    case 'in': {
      const value = operandValue(cond.left, scope);
      return cond.list.some((item) => same(value, item));
    }
    case 'test':
      return operandValue(cond.operand, scope) === true;
  }
}

const TRUE: Condition = { kind: 'and', items: [] };
const FALSE: Condition = { kind: 'or', items: [] };

/** `a && b && …`, simplified; an empty list is `true`. */
export function allOf(items: readonly Condition[]): Condition {
  const flat = items.flatMap((c) => (c.kind === 'and' ? c.items : [c]));
  if (flat.some((c) => c.kind === 'or' && c.items.length === 0)) return FALSE;
  return flat.length === 1 ? flat[0] : { kind: 'and', items: flat };
}

/** `!c`, simplified. */
export function negate(c: Condition): Condition {
  if (c.kind === 'not') return c.item;
  if (c.kind === 'and' && c.items.length === 0) return FALSE;
  if (c.kind === 'or' && c.items.length === 0) return TRUE;
  return { kind: 'not', item: c };
}

/** True when `c` is the constant `true` (an empty conjunction). */
export function isAlwaysTrue(c: Condition): boolean {
  return c.kind === 'and' && c.items.length === 0;
}

/** True when `c` is the constant `false` (an empty disjunction). */
export function isAlwaysFalse(c: Condition): boolean {
  return c.kind === 'or' && c.items.length === 0;
}

/**
 * Partial evaluation: every comparison whose paths all start with a name of `known` is evaluated now;
 * the rest stays. The result is simplified, so it may be the constant true/false
 * ({@link isAlwaysTrue}/{@link isAlwaysFalse}). E.g. specializing `action == 'approve' && doc.x == 1`
 * for `{ action: 'approve' }` gives `doc.x == 1`.
 */
export function specializeCondition(cond: Condition, known: Record<string, unknown>): Condition {
  const isKnown = (op: Operand): boolean => op.kind === 'literal' || Object.prototype.hasOwnProperty.call(known, op.path[0]);
  const constant = (b: boolean): Condition => (b ? TRUE : FALSE);
  switch (cond.kind) {
    case 'or': {
      const items: Condition[] = [];
      for (const c of cond.items.map((i) => specializeCondition(i, known))) {
        if (isAlwaysTrue(c)) return TRUE;
        if (!isAlwaysFalse(c)) items.push(...(c.kind === 'or' ? c.items : [c]));
      }
      return items.length === 1 ? items[0] : { kind: 'or', items };
    }
    case 'and':
      return allOf(cond.items.map((i) => specializeCondition(i, known)).filter((c) => !isAlwaysTrue(c)));
    case 'not':
      return negate(specializeCondition(cond.item, known));
    case 'compare':
      return isKnown(cond.left) && isKnown(cond.right) ? constant(evaluateCondition(cond, known)) : cond;
    case 'in':
      return isKnown(cond.left) ? constant(evaluateCondition(cond, known)) : cond;
    case 'test':
      return isKnown(cond.operand) ? constant(evaluateCondition(cond, known)) : cond;
  }
}

function formatOperand(op: Operand): string {
  return op.kind === 'path' ? op.path.join('.') : formatLiteral(op.value);
}

function formatLiteral(v: Literal): string {
  return typeof v === 'string' ? `'${v.replace(/\\/g, '\\\\').replace(/'/g, "\\'").replace(/\n/g, '\\n').replace(/\t/g, '\\t')}'` : String(v);
}

/** The condition written back in the expression language (parseable again); for messages and debugging. */
export function formatCondition(cond: Condition): string {
  const wrap = (c: Condition): string => (c.kind === 'or' || c.kind === 'and' ? `(${formatCondition(c)})` : formatCondition(c));
  switch (cond.kind) {
    case 'or':
      return cond.items.length === 0 ? 'false' : cond.items.map((c) => (c.kind === 'or' ? `(${formatCondition(c)})` : formatCondition(c))).join(' || ');
    case 'and':
      return cond.items.length === 0 ? 'true' : cond.items.map((c) => (c.kind === 'or' ? `(${formatCondition(c)})` : formatCondition(c))).join(' && ');
    case 'not':
      return `!${wrap(cond.item)}`;
    case 'compare':
      return `${formatOperand(cond.left)} ${cond.op} ${formatOperand(cond.right)}`;
    case 'in':
      return `${formatOperand(cond.left)} in [${cond.list.map(formatLiteral).join(', ')}]`;
    case 'test':
      return formatOperand(cond.operand);
  }
}
