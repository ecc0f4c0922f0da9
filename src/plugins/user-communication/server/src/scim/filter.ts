/**
 * The SCIM filter language (RFC 7644 §3.4.2.2, Figure 1) and PATCH paths (§3.5.2), parsed into
 * a small tree. Pure: what an attribute means is decided by whoever reads the tree (the
 * database compiler for list filters, the PATCH engine for value filters).
 */
import { MAX_FILTER_COMPARISONS, MAX_FILTER_LENGTH } from './constants';
import { invalidFilter, invalidPath, type ScimError } from './errors';

export const COMPARE_OPS = ['eq', 'ne', 'co', 'sw', 'ew', 'gt', 'lt', 'ge', 'le'] as const;
export type CompareOp = (typeof COMPARE_OPS)[number];
export type CompValue = string | number | boolean | null;

export type FilterNode =
  | { kind: 'and' | 'or'; left: FilterNode; right: FilterNode }
  | { kind: 'not'; filter: FilterNode }
  | { kind: 'compare'; path: string; op: CompareOp; value: CompValue }
  | { kind: 'present'; path: string }
  /** `emails[type eq "work"]`: some value of a multi-valued attribute matches the inner filter. */
  | { kind: 'valuePath'; path: string; filter: FilterNode };

type Token =
  | { type: '(' | ')' | '[' | ']'; at: number }
  | { type: 'string'; value: string; at: number }
  | { type: 'word'; value: string; at: number };

const PUNCTUATION = new Set(['(', ')', '[', ']']);
const ATTR_PATH = /^[A-Za-z][\w$:.-]*$/;
const NUMBER = /^-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?$/;

const tokenize = (text: string, fail: (detail: string) => ScimError): Token[] => {
  const tokens: Token[] = [];
  let i = 0;
  while (i < text.length) {
    const char = text[i];
    if (char === ' ' || char === '\t' || char === '\n' || char === '\r') {
      i += 1;
    } else if (PUNCTUATION.has(char)) {
      tokens.push({ type: char as '(' | ')' | '[' | ']', at: i });
      i += 1;
    } else if (char === '"') {
      let end = i + 1;
      while (end < text.length && text[end] !== '"') end += text[end] === '\\' ? 2 : 1;
      if (end >= text.length) throw fail(`Unterminated string starting at character ${i + 1}`);
      let value: unknown;
      try {
        value = JSON.parse(text.slice(i, end + 1));
      } catch {
        throw fail(`Invalid string at character ${i + 1}`);
      }
      tokens.push({ type: 'string', value: value as string, at: i });
      i = end + 1;
    } else {
      let end = i;
      while (end < text.length && !/[\s()[\]"]/.test(text[end])) end += 1;
      tokens.push({ type: 'word', value: text.slice(i, end), at: i });
      i = end;
    }
  }
  return tokens;
};

const describe = (token: Token | undefined) => {
  if (!token) return 'the end of the filter';
  if (token.type === 'word') return `"${token.value}" at character ${token.at + 1}`;
  if (token.type === 'string') return `a string at character ${token.at + 1}`;
  return `"${token.type}" at character ${token.at + 1}`;
};

const keyword = (token: Token | undefined, ...words: string[]) =>
  token?.type === 'word' && words.includes(token.value.toLowerCase());

class Parser {
  private index = 0;
  private comparisons = 0;

  constructor(
    private readonly tokens: Token[],
    private readonly fail: (detail: string) => ScimError
  ) {}

  private peek(): Token | undefined {
    return this.tokens[this.index];
  }

  next(): Token | undefined {
    const token = this.tokens[this.index];
    this.index += 1;
    return token;
  }

  expect(type: '(' | ')' | '[' | ']') {
    const token = this.next();
    if (token?.type !== type) throw this.fail(`Expected "${type}" but found ${describe(token)}`);
  }

  done(): boolean {
    return this.index >= this.tokens.length;
  }

  rest(): Token | undefined {
    return this.peek();
  }

  /** or binds loosest, then and, then not (§3.4.2.2: "and" before "or"). */
  filter(inValuePath = false, depth = 0): FilterNode {
    if (depth > 32) throw this.fail('The filter is nested too deeply');
    let left = this.conjunction(inValuePath, depth);
    while (keyword(this.peek(), 'or')) {
      this.next();
      left = { kind: 'or', left, right: this.conjunction(inValuePath, depth) };
    }
    return left;
  }

  private conjunction(inValuePath: boolean, depth: number): FilterNode {
    let left = this.unary(inValuePath, depth);
    while (keyword(this.peek(), 'and')) {
      this.next();
      left = { kind: 'and', left, right: this.unary(inValuePath, depth) };
    }
    return left;
  }

  private unary(inValuePath: boolean, depth: number): FilterNode {
    const token = this.peek();
    if (keyword(token, 'not')) {
      this.next();
      this.expect('(');
      const inner = this.filter(inValuePath, depth + 1);
      this.expect(')');
      return { kind: 'not', filter: inner };
    }
    if (token?.type === '(') {
      this.next();
      const inner = this.filter(inValuePath, depth + 1);
      this.expect(')');
      return inner;
    }
    return this.attributeExpression(inValuePath, depth);
  }

  attrPath(): string {
    const token = this.next();
    if (token?.type !== 'word' || !ATTR_PATH.test(token.value))
      throw this.fail(`Expected an attribute name but found ${describe(token)}`);
    return token.value;
  }

  private attributeExpression(inValuePath: boolean, depth: number): FilterNode {
    const path = this.attrPath();
    if (this.peek()?.type === '[') {
      if (inValuePath) throw this.fail('A value filter cannot contain another one');
      this.next();
      const inner = this.filter(true, depth + 1);
      this.expect(']');
      const sub = this.peek();
      // `emails[type eq "work"].value eq "…"`: not in Figure 1, but what Microsoft Entra ID sends.
      if (sub?.type === 'word' && sub.value.startsWith('.')) {
        this.next();
        const subPath = sub.value.slice(1);
        if (!ATTR_PATH.test(subPath) || subPath.includes('.'))
          throw this.fail(`Invalid sub-attribute "${sub.value}"`);
        return {
          kind: 'valuePath',
          path,
          filter: { kind: 'and', left: inner, right: this.comparison(subPath) },
        };
      }
      return { kind: 'valuePath', path, filter: inner };
    }
    return this.comparison(path);
  }

  private comparison(path: string): FilterNode {
    const operator = this.next();
    this.comparisons += 1;
    if (this.comparisons > MAX_FILTER_COMPARISONS)
      throw this.fail(`A filter may hold at most ${MAX_FILTER_COMPARISONS} comparisons`);
    if (keyword(operator, 'pr')) return { kind: 'present', path };
    if (operator?.type !== 'word' || !keyword(operator, ...COMPARE_OPS))
      throw this.fail(
        `Expected an operator (eq, ne, co, sw, ew, gt, lt, ge, le, pr) after "${path}" but found ${describe(operator)}`
      );
    const op = operator.value.toLowerCase() as CompareOp;
    return { kind: 'compare', path, op, value: this.value() };
  }

  private value(): CompValue {
    const token = this.next();
    if (token?.type === 'string') return token.value;
    if (token?.type === 'word') {
      const word = token.value.toLowerCase();
      if (word === 'true') return true;
      if (word === 'false') return false;
      if (word === 'null') return null;
      if (NUMBER.test(token.value)) return Number(token.value);
    }
    throw this.fail(
      `Expected a value (a "string", a number, true, false or null) but found ${describe(token)}`
    );
  }
}

/** A `filter` query parameter; any error is 400 invalidFilter. */
export const parseFilter = (text: string): FilterNode => {
  if (text.length > MAX_FILTER_LENGTH)
    throw invalidFilter(`A filter may be at most ${MAX_FILTER_LENGTH} characters long`);
  const parser = new Parser(tokenize(text, invalidFilter), invalidFilter);
  if (parser.done()) throw invalidFilter('The filter is empty');
  const filter = parser.filter();
  if (!parser.done()) throw invalidFilter(`Unexpected ${describe(parser.rest())}`);
  return filter;
};

export interface PatchPath {
  /** The attribute path before any value filter, e.g. `emails` or `name.givenName`. */
  attrPath: string;
  /** The value filter of `emails[type eq "work"]`. */
  filter?: FilterNode;
  /** The sub-attribute after a value filter: `value` in `emails[type eq "work"].value`. */
  subAttr?: string;
}

/** The `path` of a PATCH operation (RFC 7644 §3.5.2, Figure 1's PATH); any error is 400 invalidPath. */
export const parsePatchPath = (text: string): PatchPath => {
  if (text.length > MAX_FILTER_LENGTH) throw invalidPath('The path is too long');
  const parser = new Parser(tokenize(text, invalidPath), invalidPath);
  const attrPath = parser.attrPath();
  if (parser.done()) return { attrPath };
  parser.expect('[');
  const filter = parser.filter(true, 1);
  parser.expect(']');
  if (parser.done()) return { attrPath, filter };
  const sub = parser.next();
  if (sub?.type !== 'word' || !/^\.[A-Za-z][\w$-]*$/.test(sub.value) || !parser.done())
    throw invalidPath(`Unexpected ${describe(sub)} in path "${text}"`);
  return { attrPath, filter, subAttr: sub.value.slice(1) };
};
