/**
 * Conditions on gateway flows (`<conditionExpression>` in the BPMN files): a small, safe expression
 * language, never eval'd. Grammar:
 *   expr   := or
 *   or     := and ('||' and)*
 *   and    := unary ('&&' unary)*
 *   unary  := '!' unary | cmp
 *   cmp    := value (('==' | '!=') value | 'in' '[' value (',' value)* ']')?
 *   value  := string | number | true | false | null | path | '(' expr ')'
 *   path   := identifier ('.' identifier)*         e.g. action, doc.urgency, doc.flags.needsLegalReview
 */
export type Condition =
  | { kind: 'or' | 'and'; items: Condition[] }
  | { kind: 'not'; item: Condition }
  | { kind: 'eq' | 'ne'; left: Condition; right: Condition }
  | { kind: 'in'; left: Condition; options: Condition[] }
  | { kind: 'literal'; value: string | number | boolean | null }
  | { kind: 'path'; path: string[] };

type Token = { t: 'op' | 'str' | 'num' | 'id'; v: string; at: number };

function tokenize(src: string): Token[] {
  const out: Token[] = [];
  let i = 0;
  while (i < src.length) {
    const c = src[i];
    if (/\s/.test(c)) {
      i++;
      continue;
    }
    const two = src.slice(i, i + 2);
    if (['==', '!=', '&&', '||'].includes(two)) {
      out.push({ t: 'op', v: two, at: i });
      i += 2;
    } else if ('!()[],'.includes(c)) {
      out.push({ t: 'op', v: c, at: i });
      i++;
    } else if (c === "'" || c === '"') {
      const end = src.indexOf(c, i + 1);
      if (end < 0) throw new Error(`unterminated string at position ${i + 1}`);
      out.push({ t: 'str', v: src.slice(i + 1, end), at: i });
      i = end + 1;
    } else if (/[0-9-]/.test(c)) {
      const m = /^-?\d+(\.\d+)?/.exec(src.slice(i));
      if (!m) throw new Error(`unexpected "${c}" at position ${i + 1}`);
      out.push({ t: 'num', v: m[0], at: i });
      i += m[0].length;
    } else if (/[A-Za-z_]/.test(c)) {
      const m = /^[A-Za-z_][A-Za-z0-9_]*(\.[A-Za-z_][A-Za-z0-9_]*)*/.exec(src.slice(i))!;
      out.push({ t: 'id', v: m[0], at: i });
      i += m[0].length;
    } else {
      throw new Error(`unexpected "${c}" at position ${i + 1}`);
    }
  }
  return out;
}

export function parseCondition(source: string): Condition {
  const tokens = tokenize(source);
  let pos = 0;
  const peek = () => tokens[pos];
  const fail = (what: string): never => {
    const tok = peek();
    throw new Error(tok ? `expected ${what} at position ${tok.at + 1}, found "${tok.v}"` : `expected ${what} at the end`);
  };
  const accept = (v: string) => {
    const tok = peek();
    if (tok && tok.t === 'op' && tok.v === v) {
      pos++;
      return true;
    }
    if (tok && tok.t === 'id' && tok.v === v) {
      pos++;
      return true;
    }
    return false;
  };
  const expect = (v: string) => accept(v) || fail(`"${v}"`);

  function orExpr(): Condition {
    const items = [andExpr()];
    while (accept('||')) items.push(andExpr());
    return items.length === 1 ? items[0] : { kind: 'or', items };
  }
  function andExpr(): Condition {
    const items = [unary()];
    while (accept('&&')) items.push(unary());
    return items.length === 1 ? items[0] : { kind: 'and', items };
  }
  function unary(): Condition {
    if (accept('!')) return { kind: 'not', item: unary() };
    return comparison();
  }
  function comparison(): Condition {
    const left = value();
    if (accept('==')) return { kind: 'eq', left, right: value() };
    if (accept('!=')) return { kind: 'ne', left, right: value() };
    if (accept('in')) {
      expect('[');
      const options = [value()];
      while (accept(',')) options.push(value());
      expect(']');
      return { kind: 'in', left, options };
    }
    return left;
  }
  function value(): Condition {
    const tok = peek();
    if (!tok) return fail('a value');
    if (accept('(')) {
      const inner = orExpr();
      expect(')');
      return inner;
    }
    if (tok.t === 'str') {
      pos++;
      return { kind: 'literal', value: tok.v };
    }
    if (tok.t === 'num') {
      pos++;
      return { kind: 'literal', value: Number(tok.v) };
    }
    if (tok.t === 'id') {
      pos++;
      if (tok.v === 'true' || tok.v === 'false') return { kind: 'literal', value: tok.v === 'true' };
      if (tok.v === 'null') return { kind: 'literal', value: null };
      if (tok.v === 'in') return fail('a value');
      return { kind: 'path', path: tok.v.split('.') };
    }
    return fail('a value');
  }

  if (tokens.length === 0) throw new Error('the condition is empty');
  const cond = orExpr();
  if (pos < tokens.length) fail('the end of the condition');
  return cond;
}

function resolve(cond: Condition, scope: Record<string, unknown>): unknown {
  switch (cond.kind) {
    case 'literal':
      return cond.value;
    case 'path': {
      let v: unknown = scope;
      for (const key of cond.path) {
        if (v === null || typeof v !== 'object' || !Object.prototype.hasOwnProperty.call(v, key)) return undefined;
        v = (v as Record<string, unknown>)[key];
      }
      return v;
    }
    default:
      return evaluateCondition(cond, scope);
  }
}

/** Missing values count as null: `doc.flag == null` holds when `doc.flag` is absent. */
function same(a: unknown, b: unknown): boolean {
  return (a ?? null) === (b ?? null);
}

export function evaluateCondition(cond: Condition, scope: Record<string, unknown>): boolean {
  switch (cond.kind) {
    case 'or':
      return cond.items.some((c) => evaluateCondition(c, scope));
    case 'and':
      return cond.items.every((c) => evaluateCondition(c, scope));
    case 'not':
      return !evaluateCondition(cond.item, scope);
    case 'eq':
      return same(resolve(cond.left, scope), resolve(cond.right, scope));
    case 'ne':
      return !same(resolve(cond.left, scope), resolve(cond.right, scope));
    case 'in': {
      const v = resolve(cond.left, scope);
      return cond.options.some((o) => same(v, resolve(o, scope)));
    }
    default:
      return Boolean(resolve(cond, scope));
  }
}
