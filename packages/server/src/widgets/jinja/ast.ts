// Syntax tree of the Jinja2 subset used by `.widget` templates. Node shapes mirror Jinja's own
// (`jinja2.nodes`), flattened into discriminated unions.

/** A binary arithmetic operator. */
export type ArithmeticOperator = '+' | '-' | '*' | '/' | '//' | '%' | '**';

/** A comparison operator of a (possibly chained) comparison. */
export type CompareOperator = '==' | '!=' | '<' | '<=' | '>' | '>=' | 'in' | 'notin';

/** An expression. `line` points error messages at the template source. */
export type Expr =
  | { kind: 'literal'; value: unknown }
  | { kind: 'name'; name: string; line: number }
  | { kind: 'list'; items: Expr[] }
  | { kind: 'dict'; entries: Array<[Expr, Expr]> }
  | { kind: 'getattr'; target: Expr; name: string }
  | { kind: 'getitem'; target: Expr; key: Expr }
  | { kind: 'slice'; target: Expr; start?: Expr; stop?: Expr; step?: Expr }
  | { kind: 'call'; callee: Expr; args: Expr[]; kwargs: Array<[string, Expr]> }
  | { kind: 'filter'; target: Expr; name: string; args: Expr[]; kwargs: Array<[string, Expr]> }
  | { kind: 'test'; target: Expr; name: string; args: Expr[]; kwargs: Array<[string, Expr]> }
  | { kind: 'not'; operand: Expr }
  | { kind: 'neg' | 'pos'; operand: Expr }
  | { kind: 'and' | 'or'; left: Expr; right: Expr }
  | { kind: 'arith'; op: ArithmeticOperator; left: Expr; right: Expr }
  | { kind: 'concat'; parts: Expr[] }
  | { kind: 'compare'; first: Expr; ops: Array<[CompareOperator, Expr]> }
  | { kind: 'cond'; test: Expr; then: Expr; otherwise?: Expr; line: number };

/** What `for` and `set` assign to: names (a tuple unpacks), or one namespace attribute. */
export type AssignTarget =
  | { kind: 'names'; names: string[]; tuple: boolean }
  | { kind: 'namespace-attr'; name: string; attr: string };

/** A filter applied by `{% set x | filter %}…{% endset %}`. */
export interface FilterCall {
  name: string;
  args: Expr[];
  kwargs: Array<[string, Expr]>;
}

/** A template statement. */
export type Stmt =
  | { kind: 'output'; text: string }
  | { kind: 'print'; expr: Expr }
  | { kind: 'if'; branches: Array<{ test: Expr; body: Stmt[] }>; otherwise: Stmt[] }
  | {
      kind: 'for';
      target: AssignTarget;
      iter: Expr;
      filter?: Expr;
      body: Stmt[];
      otherwise: Stmt[];
    }
  | { kind: 'set'; target: AssignTarget; value: Expr }
  | { kind: 'block-set'; target: AssignTarget; body: Stmt[]; filters: FilterCall[] };
