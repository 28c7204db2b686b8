/**
 * A small Apex reader: just enough structure to learn what an LWC can import from Apex.
 * It finds classes (top level and inner), enums, their @AuraEnabled static methods, and the
 * @AuraEnabled fields and properties that become JSON. Method bodies and initialisers are skipped by
 * balancing brackets, so statements never need to be understood. Apex keywords, annotations and type
 * names are case-insensitive; names keep their source spelling.
 */

export interface ApexTypeRef {
  /** Dotted name as written, e.g. `List`, `OneKosmosVerificationController.VerificationSummary`. */
  name: string;
  args: ApexTypeRef[];
  /** Number of `[]` suffixes (`String[]` is a `List<String>`). */
  arrayDepth: number;
}

export interface ApexParam {
  name: string;
  type: ApexTypeRef;
}

export interface ApexMethod {
  name: string;
  line: number;
  isStatic: boolean;
  access: string;
  returnType: ApexTypeRef | "void";
  params: ApexParam[];
  auraEnabled: boolean;
  cacheable: boolean;
  continuation: boolean;
}

export interface ApexField {
  name: string;
  line: number;
  type: ApexTypeRef;
  isStatic: boolean;
  isTransient: boolean;
  auraEnabled: boolean;
}

export interface ApexClass {
  kind: "class" | "interface";
  name: string;
  /** `Outer.Inner` for inner classes, the name for top-level ones. */
  qualifiedName: string;
  outer?: string;
  extendsType?: ApexTypeRef;
  file: string;
  line: number;
  methods: ApexMethod[];
  fields: ApexField[];
}

export interface ApexEnum {
  name: string;
  qualifiedName: string;
  outer?: string;
  file: string;
  values: string[];
}

export interface ApexFile {
  file: string;
  classes: ApexClass[];
  enums: ApexEnum[];
}

export class ApexParseError extends Error {
  constructor(
    readonly file: string,
    readonly line: number,
    message: string
  ) {
    super(`${file}:${line}: ${message}`);
  }
}

type TokenKind = "ident" | "symbol" | "string" | "number";

interface Token {
  kind: TokenKind;
  value: string;
  line: number;
}

const SYMBOLS = new Set("{}()[]<>;,.=@?:!+-*/%&|^~".split(""));

/** Splits source into tokens, dropping comments and whitespace. Strings keep their raw text. */
export function tokenize(source: string, file: string): Token[] {
  const tokens: Token[] = [];
  let line = 1;
  let i = 0;
  while (i < source.length) {
    const ch = source[i];
    if (ch === "\n") {
      line++;
      i++;
    } else if (/\s/.test(ch)) {
      i++;
    } else if (ch === "/" && source[i + 1] === "/") {
      while (i < source.length && source[i] !== "\n") i++;
    } else if (ch === "/" && source[i + 1] === "*") {
      const end = source.indexOf("*/", i + 2);
      if (end < 0)
        throw new ApexParseError(file, line, "unterminated block comment");
      for (let j = i; j < end; j++) if (source[j] === "\n") line++;
      i = end + 2;
    } else if (ch === "'") {
      const start = i;
      i++;
      while (i < source.length && source[i] !== "'") {
        if (source[i] === "\\") i++;
        else if (source[i] === "\n")
          throw new ApexParseError(file, line, "unterminated string literal");
        i++;
      }
      if (i >= source.length)
        throw new ApexParseError(file, line, "unterminated string literal");
      i++;
      tokens.push({ kind: "string", value: source.slice(start, i), line });
    } else if (/[A-Za-z_]/.test(ch)) {
      const start = i;
      while (i < source.length && /[A-Za-z0-9_]/.test(source[i])) i++;
      tokens.push({ kind: "ident", value: source.slice(start, i), line });
    } else if (/[0-9]/.test(ch)) {
      const start = i;
      while (i < source.length && /[0-9A-Za-z_.]/.test(source[i])) i++;
      tokens.push({ kind: "number", value: source.slice(start, i), line });
    } else if (SYMBOLS.has(ch)) {
      tokens.push({ kind: "symbol", value: ch, line });
      i++;
    } else {
      // Anything else (e.g. `#` in a SOQL literal outside brackets) cannot matter to declarations.
      i++;
    }
  }
  return tokens;
}

const MODIFIERS = new Set([
  "public",
  "private",
  "protected",
  "global",
  "static",
  "final",
  "abstract",
  "virtual",
  "override",
  "transient",
  "testmethod",
  "webservice"
]);
const SHARING = new Set(["with", "without", "inherited"]);
const ACCESS = new Set(["public", "private", "protected", "global"]);

interface Annotation {
  name: string;
  params: Record<string, string>;
}

/** Parses one .cls file. Throws ApexParseError with the file and line when the structure is not understood. */
export function parseApex(source: string, file: string): ApexFile {
  const tokens = tokenize(source, file);
  let pos = 0;
  const result: ApexFile = { file, classes: [], enums: [] };

  const peek = (offset = 0): Token | undefined => tokens[pos + offset];
  const lineHere = (): number =>
    (peek() ?? tokens[tokens.length - 1] ?? { line: 1 }).line;
  const fail = (message: string): never => {
    throw new ApexParseError(file, lineHere(), message);
  };
  const is = (value: string, offset = 0): boolean =>
    peek(offset)?.value.toLowerCase() === value;
  const expect = (value: string): Token => {
    const token = peek();
    if (!token || token.value.toLowerCase() !== value) {
      fail(
        `expected "${value}" but found ${token ? `"${token.value}"` : "end of file"}`
      );
    }
    pos++;
    return token as Token;
  };
  const ident = (what: string): Token => {
    const token = peek();
    if (!token || token.kind !== "ident")
      fail(
        `expected ${what} but found ${token ? `"${token.value}"` : "end of file"}`
      );
    pos++;
    return token as Token;
  };

  /** Skips a bracketed group starting at the current opening token; `<`/`>` are not brackets here. */
  const skipBalanced = (): void => {
    const open = peek();
    const pairs: Record<string, string> = { "{": "}", "(": ")", "[": "]" };
    if (!open || !pairs[open.value]) fail("expected an opening bracket");
    const stack: string[] = [];
    const startLine = lineHere();
    do {
      const token = peek();
      if (!token)
        throw new ApexParseError(
          file,
          startLine,
          `unbalanced "${open?.value}"`
        );
      if (token.kind === "symbol") {
        if (pairs[token.value]) stack.push(pairs[token.value]);
        else if (
          token.value === "}" ||
          token.value === ")" ||
          token.value === "]"
        ) {
          if (stack.pop() !== token.value) fail(`unexpected "${token.value}"`);
        }
      }
      pos++;
    } while (stack.length > 0);
  };

  /** Skips an initialiser up to (not including) the `;` or `,` that ends it at bracket depth zero. */
  const skipExpression = (): void => {
    for (;;) {
      const token = peek();
      if (!token) fail("unterminated declaration");
      const value = (token as Token).value;
      if (value === ";" || value === ",") return;
      if (value === "{" || value === "(" || value === "[") skipBalanced();
      else if (value.toLowerCase() === "new" && peek(1)?.kind === "ident") {
        // `new Map<String, Integer>()`: the type's commas do not end the declaration.
        pos++;
        parseType();
      } else pos++;
    }
  };

  const parseAnnotation = (): Annotation => {
    expect("@");
    const name = ident("an annotation name").value.toLowerCase();
    const params: Record<string, string> = {};
    if (is("(")) {
      pos++;
      while (!is(")")) {
        const key = peek();
        if (!key) fail("unterminated annotation");
        if ((key as Token).kind === "ident" && is("=", 1)) {
          pos += 2;
          const value = peek();
          if (!value) fail("unterminated annotation");
          params[(key as Token).value.toLowerCase()] = (value as Token).value
            .replace(/^'|'$/g, "")
            .toLowerCase();
          pos++;
        } else {
          pos++;
        }
      }
      expect(")");
    }
    return { name, params };
  };

  const parseType = (): ApexTypeRef => {
    let name = ident("a type").value;
    while (is(".") && peek(1)?.kind === "ident") {
      name += `.${tokens[pos + 1].value}`;
      pos += 2;
    }
    const args: ApexTypeRef[] = [];
    if (is("<")) {
      pos++;
      args.push(parseType());
      while (is(",")) {
        pos++;
        args.push(parseType());
      }
      expect(">");
    }
    let arrayDepth = 0;
    while (is("[") && is("]", 1)) {
      pos += 2;
      arrayDepth++;
    }
    return { name, args, arrayDepth };
  };

  const parseParams = (): ApexParam[] => {
    expect("(");
    const params: ApexParam[] = [];
    while (!is(")")) {
      while (is("@")) parseAnnotation();
      if (is("final")) pos++;
      const type = parseType();
      const name = ident("a parameter name").value;
      params.push({ name, type });
      if (is(",")) pos++;
      else if (!is(")"))
        fail(`expected "," or ")" in the parameters of a method`);
    }
    expect(")");
    return params;
  };

  const parseEnum = (outer: string | undefined): void => {
    expect("enum");
    const name = ident("an enum name").value;
    expect("{");
    const values: string[] = [];
    while (!is("}")) {
      while (is("@")) parseAnnotation();
      values.push(ident("an enum value").value);
      if (is(",")) pos++;
      else if (!is("}")) fail('expected "," or "}" in an enum');
    }
    expect("}");
    result.enums.push({
      name,
      qualifiedName: outer ? `${outer}.${name}` : name,
      outer,
      file,
      values
    });
  };

  const parseClass = (outer: string | undefined): void => {
    const keyword = peek();
    const kind = is("interface") ? "interface" : "class";
    pos++;
    const name = ident(`a ${kind} name`).value;
    const cls: ApexClass = {
      kind,
      name,
      qualifiedName: outer ? `${outer}.${name}` : name,
      outer,
      file,
      line: keyword?.line ?? 1,
      methods: [],
      fields: []
    };
    while (!is("{")) {
      if (is("extends")) {
        pos++;
        cls.extendsType = parseType();
        // An interface may extend several interfaces; only a class's parent brings fields.
        while (is(",")) {
          pos++;
          parseType();
        }
      } else if (is("implements")) {
        pos++;
        parseType();
        while (is(",")) {
          pos++;
          parseType();
        }
      } else {
        fail(
          `unexpected "${peek()?.value ?? "end of file"}" in the declaration of ${name}`
        );
      }
    }
    result.classes.push(cls);
    expect("{");
    while (!is("}")) {
      if (!peek()) fail(`unterminated ${kind} ${name}`);
      parseMember(cls);
    }
    expect("}");
  };

  const parseMember = (cls: ApexClass): void => {
    const annotations: Annotation[] = [];
    const modifiers = new Set<string>();
    for (;;) {
      if (is("@")) annotations.push(parseAnnotation());
      else if (
        peek()?.kind === "ident" &&
        MODIFIERS.has(peek()!.value.toLowerCase())
      ) {
        modifiers.add(peek()!.value.toLowerCase());
        pos++;
      } else if (
        peek()?.kind === "ident" &&
        SHARING.has(peek()!.value.toLowerCase()) &&
        is("sharing", 1)
      ) {
        pos += 2;
      } else break;
    }
    if (is(";")) {
      pos++;
      return;
    }
    if (is("{")) {
      skipBalanced(); // initialiser block
      return;
    }
    if (is("class") || is("interface")) {
      if (cls.outer) fail("Apex allows only one level of inner classes");
      parseClass(cls.qualifiedName);
      return;
    }
    if (is("enum")) {
      parseEnum(cls.qualifiedName);
      return;
    }
    const line = lineHere();
    // A constructor is the class name directly followed by "(".
    if (
      peek()?.kind === "ident" &&
      peek()!.value.toLowerCase() === cls.name.toLowerCase() &&
      is("(", 1)
    ) {
      pos++;
      parseParams();
      skipBalanced();
      return;
    }
    const aura = annotations.find((a) => a.name === "auraenabled");
    const access =
      [...modifiers].find((m) => ACCESS.has(m)) ??
      (cls.kind === "interface" ? "public" : "private");
    let returnType: ApexTypeRef | "void";
    if (is("void")) {
      pos++;
      returnType = "void";
    } else {
      returnType = parseType();
    }
    const name = ident("a member name").value;
    if (is("(")) {
      const params = parseParams();
      if (is(";")) pos++;
      else if (is("{")) skipBalanced();
      else fail(`expected a body for method ${name}`);
      cls.methods.push({
        name,
        line,
        isStatic: modifiers.has("static"),
        access,
        returnType,
        params,
        auraEnabled: aura !== undefined,
        cacheable: aura?.params.cacheable === "true",
        continuation: aura?.params.continuation === "true"
      });
      return;
    }
    if (returnType === "void") fail(`a field cannot be void (${name})`);
    const fieldType = returnType as ApexTypeRef;
    const addField = (fieldName: string): void => {
      cls.fields.push({
        name: fieldName,
        line,
        type: fieldType,
        isStatic: modifiers.has("static"),
        isTransient: modifiers.has("transient"),
        auraEnabled: aura !== undefined
      });
    };
    addField(name);
    if (is("{")) {
      skipBalanced(); // property accessors
      return;
    }
    for (;;) {
      if (is("=")) {
        pos++;
        skipExpression();
      }
      if (is(";")) {
        pos++;
        return;
      }
      if (is(",")) {
        pos++;
        addField(ident("a field name").value);
        continue;
      }
      fail(`expected ";" after field ${name}`);
    }
  };

  while (pos < tokens.length) {
    while (is("@")) parseAnnotation();
    while (
      peek()?.kind === "ident" &&
      (MODIFIERS.has(peek()!.value.toLowerCase()) ||
        (SHARING.has(peek()!.value.toLowerCase()) && is("sharing", 1)) ||
        is("sharing"))
    ) {
      pos++;
    }
    if (is("class") || is("interface")) parseClass(undefined);
    else if (is("enum")) parseEnum(undefined);
    else if (pos < tokens.length)
      fail(`expected a class, interface or enum but found "${peek()?.value}"`);
  }
  return result;
}

/** Text of a type as Apex would print it, for comments. */
export function formatApexType(type: ApexTypeRef | "void"): string {
  if (type === "void") return "void";
  const args =
    type.args.length > 0 ? `<${type.args.map(formatApexType).join(", ")}>` : "";
  return `${type.name}${args}${"[]".repeat(type.arrayDepth)}`;
}
