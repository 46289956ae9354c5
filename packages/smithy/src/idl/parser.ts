// The Smithy IDL 2.0 (and 1.0) parser: text → DraftFile.
// The structure mirrors the grammar (https://smithy.io/2.0/spec/idl.html#idl-grammar): a control
// section, a metadata section, then a shape section. Whitespace rules (SP, WS, BR) are enforced
// where the grammar requires them, so errors land on the same line and column as in Smithy.

import type { ShapeType } from "../ast.js";
import type { SourceLocation, ValidationEvent } from "../events.js";
import {
  type DraftApply,
  type DraftFile,
  type DraftMember,
  type DraftNode,
  type DraftShape,
  type DraftTrait,
  type FileContext,
  type IdlVersion,
  type ShapeRef,
  ShapeIdNode,
} from "../loader/draft.js";
import { locationOf, NodeParser, parseShapeIdText } from "./node-parser.js";
import { IdlSyntaxError } from "./syntax-error.js";
import { Tokenizer } from "./tokenizer.js";
import type { TokenKind } from "./tokens.js";
import { SCALAR_SHAPE_TYPES } from "../ast.js";

const SIMPLE_TYPES = SCALAR_SHAPE_TYPES;
const MEMBER_TYPES = new Set<string>(["structure", "union", "list", "set", "map"]);
const ENUM_TYPES = new Set<string>(["enum", "intEnum"]);
const ENTITY_TYPES = new Set<string>(["service", "resource"]);

const TRAIT_BODY_START: TokenKind[] = ["LBRACE", "LBRACKET", "TEXT_BLOCK", "STRING", "NUMBER", "IDENTIFIER"];

interface ParserState {
  inputSuffix: string;
  outputSuffix: string;
  versionSet: boolean;
}

/** Parses one IDL file. Syntax errors end parsing of the file and become one `Model` event. */
export function parseIdl(filename: string, text: string): DraftFile {
  const context: FileContext = {
    filename,
    namespace: "smithy.api",
    uses: new Map(),
    version: "1.0",
    absoluteOnly: false,
  };
  const file: DraftFile = { context, shapes: [], applies: [], metadata: [], events: [] };
  const tokens = new Tokenizer(text, filename);
  const parser = new IdlParser(tokens, file);
  try {
    parser.parse();
    tokens.flushBadDocumentation();
  } catch (error) {
    if (!(error instanceof IdlSyntaxError)) throw error;
    file.events.push({
      id: "Model",
      severity: "ERROR",
      message: error.message,
      sourceLocation: { filename, line: error.line, column: error.column },
    });
  }
  file.events.push(...tokens.warnings);
  return file;
}

class IdlParser {
  private readonly nodes: NodeParser;
  private readonly state: ParserState = { inputSuffix: "Input", outputSuffix: "Output", versionSet: false };

  constructor(
    private readonly tokens: Tokenizer,
    private readonly file: DraftFile,
  ) {
    this.nodes = new NodeParser(tokens, () => file.context);
  }

  private get context(): FileContext {
    return this.file.context;
  }

  private get is2(): boolean {
    return this.context.version === "2.0";
  }

  private event(
    message: string,
    location: SourceLocation,
    shapeId?: string,
    severity: ValidationEvent["severity"] = "ERROR",
  ): void {
    const event: ValidationEvent = { id: "Model", severity, message, sourceLocation: location };
    if (shapeId !== undefined) event.shapeId = shapeId;
    this.file.events.push(event);
  }

  parse(): void {
    this.tokens.skipWs();
    this.parseControlSection();
    this.parseMetadataSection();
    this.parseShapeSection();
  }

  private ref(name: string, location: SourceLocation): ShapeRef {
    return { name, location, context: this.context };
  }

  // ---- control section -------------------------------------------------------------------

  private parseControlSection(): void {
    const tokens = this.tokens;
    const seen = new Set<string>();
    while (tokens.kind() === "DOLLAR") {
      tokens.next();
      const keyKind = tokens.expect("IDENTIFIER", "STRING");
      const key = keyKind === "STRING" ? tokens.stringValue : tokens.lexeme;
      tokens.next();
      tokens.skipSpaces();
      tokens.expect("COLON");
      tokens.next();
      tokens.skipSpaces();
      if (seen.has(key)) throw tokens.syntaxError(`Duplicate control statement \`${key}\``);
      seen.add(key);
      const value = this.nodes.parseNode();
      // Smithy reports a bad control value where the value ends.
      this.applyControl(key, value, locationOf(tokens));
      tokens.expectAndSkipBr();
    }
  }

  private applyControl(key: string, value: DraftNode, location: SourceLocation): void {
    switch (key) {
      case "version": {
        if (typeof value !== "string") {
          throw this.tokens.syntaxError(
            `The $version control statement must have a string value, but found ${describeNode(value)}`,
            location.line,
            location.column,
          );
        }
        const version = parseVersion(value);
        if (version === undefined) {
          throw this.tokens.syntaxError(
            `Unsupported Smithy version number: ${value}`,
            location.line,
            location.column,
          );
        }
        this.context.version = version;
        this.state.versionSet = true;
        return;
      }
      case "operationInputSuffix":
      case "operationOutputSuffix": {
        if (typeof value !== "string") {
          throw this.tokens.syntaxError(
            `Expected a string value for \`${key}\`, but found ${describeNode(value)}`,
            location.line,
            location.column,
          );
        }
        if (key === "operationInputSuffix") this.state.inputSuffix = value;
        else this.state.outputSuffix = value;
        return;
      }
      default:
        this.event(
          `Unknown control statement \`${key}\` with value \`${describeNode(value)}\``,
          location,
          undefined,
          "WARNING",
        );
    }
  }

  // ---- metadata section ------------------------------------------------------------------

  private parseMetadataSection(): void {
    const tokens = this.tokens;
    while (tokens.kind() === "IDENTIFIER" && tokens.lexeme === "metadata") {
      const location = locationOf(tokens);
      tokens.next();
      tokens.expectAndSkipSpaces();
      const keyKind = tokens.expect("IDENTIFIER", "STRING");
      const key = keyKind === "STRING" ? tokens.stringValue : tokens.lexeme;
      tokens.next();
      tokens.skipSpaces();
      tokens.expect("EQUAL");
      tokens.next();
      tokens.skipSpaces();
      const value = this.nodes.parseNode();
      this.file.metadata.push({ key, value, location });
      tokens.expectAndSkipBr();
    }
  }

  // ---- shape section ---------------------------------------------------------------------

  private parseShapeSection(): void {
    const tokens = this.tokens;
    if (tokens.kind() === "EOF") return;
    if (!(tokens.kind() === "IDENTIFIER" && tokens.lexeme === "namespace")) {
      if (tokens.kind() === "ERROR" && tokens.stringValue.length === 0) tokens.expect("IDENTIFIER");
      throw tokens.syntaxError(`Expected a namespace definition but found ${tokens.foundDescription()}`);
    }
    tokens.next();
    tokens.expectAndSkipSpaces();
    const namespace = this.parseNamespace();
    this.context.namespace = namespace;
    tokens.expectAndSkipBr();
    this.parseUseSection();
    while (tokens.kind() !== "EOF") {
      this.parseShapeOrApply();
    }
  }

  private parseNamespace(): string {
    const tokens = this.tokens;
    tokens.expect("IDENTIFIER");
    let namespace = tokens.lexeme;
    tokens.next();
    while (tokens.kind() === "DOT") {
      tokens.next();
      tokens.expect("IDENTIFIER");
      namespace += `.${tokens.lexeme}`;
      tokens.next();
    }
    return namespace;
  }

  private parseUseSection(): void {
    const tokens = this.tokens;
    while (tokens.kind() === "IDENTIFIER" && tokens.lexeme === "use") {
      const location = locationOf(tokens);
      tokens.next();
      tokens.expectAndSkipSpaces();
      const idLocation = locationOf(tokens);
      const namespace = this.parseNamespace();
      tokens.expect("POUND");
      tokens.next();
      tokens.expect("IDENTIFIER");
      const name = tokens.lexeme;
      tokens.next();
      if (tokens.kind() === "DOLLAR") {
        throw tokens.syntaxError("Use statements cannot use members", idLocation.line, idLocation.column);
      }
      const id = `${namespace}#${name}`;
      const existing = this.context.uses.get(name);
      if (existing !== undefined && existing !== id) {
        this.event(`Cannot use name \`${id}\` because it conflicts with \`${existing}\``, location);
      } else {
        this.context.uses.set(name, id);
      }
      tokens.expectAndSkipBr();
    }
  }

  private parseTraitStatements(): { docs: string | undefined; traits: DraftTrait[] } {
    const tokens = this.tokens;
    const docs = tokens.takeDocumentation();
    const traits: DraftTrait[] = [];
    while (tokens.kind() === "AT") {
      traits.push(this.parseTrait());
      tokens.skipWs();
    }
    return { docs, traits };
  }

  /** Parses `@name` or `@name(body)`. */
  private parseTrait(): DraftTrait {
    const tokens = this.tokens;
    const location = locationOf(tokens);
    tokens.next();
    const nameLocation = locationOf(tokens);
    const name = parseShapeIdText(tokens, false);
    const trait: DraftTrait = { name: this.ref(name, nameLocation), value: undefined, location };
    if (tokens.kind() === "LPAREN") trait.value = this.parseTraitBody();
    return trait;
  }

  private parseTraitBody(): DraftNode | undefined {
    const tokens = this.tokens;
    tokens.next();
    tokens.skipWs();
    if (tokens.kind() === "RPAREN") {
      tokens.next();
      return undefined;
    }
    let firstKey: string | undefined;
    let value: DraftNode = null;
    if (tokens.kind() === "STRING") {
      const text = tokens.stringValue;
      tokens.next();
      tokens.skipWs();
      if (tokens.kind() === "COLON") firstKey = text;
      else value = text;
    } else if (tokens.kind() === "IDENTIFIER") {
      const location = locationOf(tokens);
      const text = parseShapeIdText(tokens, true);
      tokens.skipWs();
      // A bare identifier not closing the body starts a structure (`@foo(key: value)`).
      if (tokens.kind() !== "RPAREN" && /^[A-Za-z_][A-Za-z0-9_]*$/.test(text)) {
        firstKey = text;
      } else {
        value = identifierValue(text, this.ref(text, location));
      }
    } else {
      value = this.nodes.parseNode(TRAIT_BODY_START);
      tokens.skipWs();
    }
    if (firstKey === undefined) {
      tokens.expect("RPAREN");
      tokens.next();
      return value;
    }
    // A structure body: key: value pairs without the braces.
    const result: Record<string, DraftNode> = {};
    let key: string = firstKey;
    let keyLine = tokens.line;
    let keyColumn = tokens.column;
    for (;;) {
      if (Object.hasOwn(result, key)) {
        throw new IdlSyntaxError(
          tokens.filename,
          keyLine,
          keyColumn,
          `Duplicate member of trait: '${key}'`,
          true,
        );
      }
      tokens.expect("COLON");
      tokens.next();
      tokens.skipWs();
      result[key] = this.nodes.parseNode();
      tokens.skipWs();
      if (tokens.kind() === "RPAREN") break;
      const kind = tokens.expect("IDENTIFIER", "STRING");
      key = kind === "STRING" ? tokens.stringValue : tokens.lexeme;
      keyLine = tokens.line;
      keyColumn = tokens.column;
      tokens.next();
      tokens.skipWs();
    }
    tokens.next();
    return result;
  }

  private parseShapeOrApply(): void {
    const tokens = this.tokens;
    const { docs, traits } = this.parseTraitStatements();
    const location = locationOf(tokens);
    tokens.expect("IDENTIFIER");
    const keyword = tokens.lexeme;
    if (keyword === "apply") {
      if (traits.length > 0) throw tokens.syntaxError("Traits applied to apply statement");
      this.parseApply();
      return;
    }
    const isShapeType =
      SIMPLE_TYPES.has(keyword) ||
      MEMBER_TYPES.has(keyword) ||
      ENUM_TYPES.has(keyword) ||
      ENTITY_TYPES.has(keyword) ||
      keyword === "operation";
    if (!isShapeType) throw tokens.syntaxError(`Unknown shape type: ${keyword}`);
    const type = keyword as ShapeType;
    this.checkTypeVersion(type, location);
    tokens.next();
    tokens.expectAndSkipSpaces();
    const nameLocation = locationOf(tokens);
    tokens.expect("IDENTIFIER");
    const name = tokens.lexeme;
    tokens.next();
    const shape = this.newShape(name, type, nameLocation, location, docs, traits);

    if (SIMPLE_TYPES.has(type)) {
      this.parseMixins(shape);
      tokens.expectAndSkipBr();
    } else if (ENUM_TYPES.has(type)) {
      this.parseMixins(shape);
      tokens.skipWs();
      this.parseEnumMembers(shape);
      tokens.expectAndSkipBr();
    } else if (MEMBER_TYPES.has(type)) {
      this.parseForResource(shape);
      this.parseMixins(shape);
      tokens.skipWs();
      this.parseMembers(shape);
      tokens.expectAndSkipBr();
    } else if (ENTITY_TYPES.has(type)) {
      this.parseMixins(shape);
      tokens.skipWs();
      this.parseEntityBody(shape);
      tokens.expectAndSkipBr();
    } else {
      this.parseMixins(shape);
      tokens.skipWs();
      this.parseOperationBody(shape);
      tokens.expectAndSkipBr();
    }
  }

  private checkTypeVersion(type: ShapeType, location: SourceLocation): void {
    if (!this.is2 && (type === "enum" || type === "intEnum")) {
      throw this.tokens.syntaxError(
        `${type} shapes cannot be used in Smithy version ${this.context.version}`,
        location.line,
        location.column,
      );
    }
    if (this.is2 && type === "set") {
      throw this.tokens.syntaxError(
        "set shapes cannot be used in Smithy version 2.0; use a list shape with the @uniqueItems trait instead",
        location.line,
        location.column,
      );
    }
  }

  private newShape(
    name: string,
    type: ShapeType,
    nameLocation: SourceLocation,
    location: SourceLocation,
    docs: string | undefined,
    traits: DraftTrait[],
  ): DraftShape {
    const id = `${this.context.namespace}#${name}`;
    const imported = this.context.uses.get(name);
    if (imported !== undefined && imported !== id) {
      this.event(`Shape name \`${name}\` conflicts with imported shape \`${imported}\``, nameLocation, id);
    }
    const allTraits = docs === undefined ? traits : [this.documentationTrait(docs, location), ...traits];
    const shape: DraftShape = {
      id,
      type,
      location,
      context: this.context,
      traits: allTraits,
      mixins: [],
      members: [],
      properties: new Map(),
    };
    this.file.shapes.push(shape);
    return shape;
  }

  private documentationTrait(docs: string, location: SourceLocation): DraftTrait {
    return { name: this.ref("smithy.api#documentation", location), value: docs, location };
  }

  private parseMixins(shape: DraftShape): void {
    const tokens = this.tokens;
    tokens.skipSpaces();
    if (!(tokens.kind() === "IDENTIFIER" && tokens.lexeme === "with")) return;
    if (!this.is2) {
      throw tokens.syntaxError(
        `Mixins can only be used with Smithy version 2 or later. Attempted to use mixins with version \`${this.context.version}\`.`,
      );
    }
    tokens.next();
    tokens.skipWs();
    tokens.expect("LBRACKET");
    tokens.next();
    tokens.skipWs();
    do {
      const location = locationOf(tokens);
      const name = parseShapeIdText(tokens, false);
      shape.mixins.push(this.ref(name, location));
      tokens.skipWs();
    } while (tokens.kind() !== "RBRACKET");
    tokens.next();
  }

  private parseForResource(shape: DraftShape): void {
    const tokens = this.tokens;
    tokens.skipSpaces();
    if (!(tokens.kind() === "IDENTIFIER" && tokens.lexeme === "for")) return;
    if (!this.is2) {
      throw tokens.syntaxError(
        `Structures can only be bound to resources with Smithy version 2 or later. Attempted to bind a structure to a resource with version \`${this.context.version}\`.`,
      );
    }
    tokens.next();
    tokens.expectAndSkipSpaces();
    const location = locationOf(tokens);
    shape.forResource = this.ref(parseShapeIdText(tokens, false), location);
  }

  private addMember(shape: DraftShape, member: DraftMember): void {
    if (shape.members.some((existing) => existing.name === member.name)) {
      const problem =
        shape.type === "enum" || shape.type === "intEnum"
          ? `Found conflicting member name, \`${member.name}\``
          : `Duplicate member of \`${shape.id}\`: '${member.name}'`;
      this.event(
        `Syntax error at line ${member.location.line}, column ${member.location.column}: ${problem}`,
        member.location,
        shape.id,
      );
      return;
    }
    shape.members.push(member);
  }

  private parseMembers(shape: DraftShape): void {
    const tokens = this.tokens;
    tokens.expect("LBRACE");
    tokens.next();
    tokens.skipWs();
    while (tokens.kind() !== "RBRACE" && tokens.kind() !== "EOF") {
      this.parseMember(shape);
      tokens.skipWs();
    }
    tokens.expect("RBRACE");
    tokens.next();
  }

  private parseMember(shape: DraftShape): void {
    const tokens = this.tokens;
    const { docs, traits } = this.parseTraitStatements();
    // Documentation between a member's traits and its name documents nothing.
    tokens.flushBadDocumentation();
    const location = locationOf(tokens);
    const elided = tokens.kind() === "DOLLAR";
    if (elided) {
      if (!this.is2) throw tokens.syntaxError("Members can only elide targets in IDL version 2 or later");
      tokens.next();
    }
    tokens.expect("IDENTIFIER");
    const name = tokens.lexeme;
    tokens.next();
    const member: DraftMember = {
      name,
      traits: docs === undefined ? traits : [this.documentationTrait(docs, location), ...traits],
      location,
    };
    if (!elided) {
      tokens.skipSpaces();
      tokens.expect("COLON");
      tokens.next();
      tokens.skipSpaces();
      const targetLocation = locationOf(tokens);
      member.target = this.ref(parseShapeIdText(tokens, false), targetLocation);
    }
    tokens.skipSpaces();
    if (tokens.kind() === "EQUAL") {
      if (!this.is2)
        throw tokens.syntaxError("@default assignment is only supported in IDL version 2 or later");
      const defaultLocation = locationOf(tokens);
      tokens.next();
      tokens.skipSpaces();
      const value = this.nodes.parseNode();
      member.traits.push({
        name: this.ref("smithy.api#default", defaultLocation),
        value,
        location: defaultLocation,
      });
      tokens.expectAndSkipBr();
    }
    this.addMember(shape, member);
  }

  private parseEnumMembers(shape: DraftShape): void {
    const tokens = this.tokens;
    tokens.expect("LBRACE");
    tokens.next();
    tokens.skipWs();
    while (tokens.kind() !== "RBRACE" && tokens.kind() !== "EOF") {
      const { docs, traits } = this.parseTraitStatements();
      tokens.flushBadDocumentation();
      const location = locationOf(tokens);
      tokens.expect("IDENTIFIER");
      const name = tokens.lexeme;
      tokens.next();
      const member: DraftMember = {
        name,
        target: this.ref("smithy.api#Unit", location),
        traits: docs === undefined ? traits : [this.documentationTrait(docs, location), ...traits],
        location,
      };
      tokens.skipSpaces();
      if (tokens.kind() === "EQUAL") {
        const valueLocation = locationOf(tokens);
        tokens.next();
        tokens.skipSpaces();
        const lexeme = tokens.kind() === "NUMBER" ? tokens.lexeme : undefined;
        const value = this.nodes.parseNode();
        const trait: DraftTrait = {
          name: this.ref("smithy.api#enumValue", valueLocation),
          value,
          location: valueLocation,
        };
        if (lexeme !== undefined) trait.numberLexeme = lexeme;
        member.traits.push(trait);
        tokens.expectAndSkipBr();
      }
      this.addMember(shape, member);
      tokens.skipWs();
    }
    tokens.expect("RBRACE");
    tokens.next();
  }

  private parseEntityBody(shape: DraftShape): void {
    const tokens = this.tokens;
    tokens.expect("LBRACE");
    const location = locationOf(tokens);
    const body = this.nodes.parseNode();
    if (body === null || typeof body !== "object" || Array.isArray(body)) return;
    for (const [key, value] of Object.entries(body)) {
      if (key === "properties" && !this.is2) {
        throw tokens.syntaxError(
          "Resource properties can only be used with Smithy version 2 or later.",
          location.line,
          location.column,
        );
      }
      shape.properties.set(key, { value, location });
    }
  }

  private parseOperationBody(shape: DraftShape): void {
    const tokens = this.tokens;
    tokens.expect("LBRACE");
    tokens.next();
    tokens.skipWs();
    while (tokens.kind() !== "RBRACE") {
      tokens.expect("IDENTIFIER");
      const key = tokens.lexeme;
      const location = locationOf(tokens);
      tokens.next();
      tokens.skipWs();
      if (key === "input" || key === "output") {
        const kind = tokens.expect("COLON", "WALRUS");
        if (shape.properties.has(key)) {
          throw tokens.syntaxError(
            `Duplicate operation ${key} property for \`${shape.id}\``,
            location.line,
            location.column,
          );
        }
        tokens.next();
        tokens.skipWs();
        if (kind === "WALRUS") {
          const inline = this.parseInlineStructure(shape, key, location);
          shape.properties.set(key, { value: inline, location });
        } else {
          const value = this.nodes.parseNode(["IDENTIFIER"]);
          shape.properties.set(key, { value, location });
        }
      } else if (key === "errors") {
        tokens.expect("COLON");
        if (shape.properties.has(key)) {
          throw tokens.syntaxError(
            `Duplicate operation errors property for \`${shape.id}\``,
            location.line,
            location.column,
          );
        }
        tokens.next();
        tokens.skipWs();
        tokens.expect("LBRACKET");
        shape.properties.set(key, { value: this.nodes.parseNode(), location });
      } else {
        throw tokens.syntaxError(`Unknown property ${key} for ${shape.id}`, location.line, location.column);
      }
      if (tokens.kind() !== "RBRACE") tokens.expectAndSkipWhitespace();
    }
    tokens.next();
  }

  /** `input := @traits for R with [M] { members }` → a new structure named after the operation. */
  private parseInlineStructure(
    operation: DraftShape,
    key: "input" | "output",
    location: SourceLocation,
  ): DraftNode {
    const tokens = this.tokens;
    if (!this.is2) {
      throw tokens.syntaxError(
        `Inlined operation inputs and outputs can only be used with Smithy version 2 or later. Attempted to use inlined IO with version \`${this.context.version}\`.`,
        location.line,
        location.column,
      );
    }
    const { docs, traits } = this.parseTraitStatements();
    const operationName = operation.id.slice(operation.id.indexOf("#") + 1);
    const name = operationName + (key === "input" ? this.state.inputSuffix : this.state.outputSuffix);
    const marker: DraftTrait = { name: this.ref(`smithy.api#${key}`, location), value: undefined, location };
    const shape = this.newShape(name, "structure", location, location, docs, [...traits, marker]);
    this.parseForResource(shape);
    this.parseMixins(shape);
    tokens.skipWs();
    this.parseMembers(shape);
    return shapeIdValue(shape.id, this.ref(shape.id, location));
  }

  private parseApply(): void {
    const tokens = this.tokens;
    const location = locationOf(tokens);
    tokens.next();
    tokens.expectAndSkipSpaces();
    const targetLocation = locationOf(tokens);
    const target = this.ref(parseShapeIdText(tokens, true), targetLocation);
    tokens.expectAndSkipWhitespace();
    const apply: DraftApply = { target, traits: [], location };
    const kind = tokens.expect("AT", "LBRACE");
    if (kind === "AT") {
      apply.traits.push(this.parseTrait());
    } else {
      tokens.next();
      tokens.skipWs();
      while (tokens.kind() === "AT") {
        apply.traits.push(this.parseTrait());
        tokens.skipWs();
      }
      tokens.expect("RBRACE");
      tokens.next();
    }
    this.file.applies.push(apply);
    tokens.expectAndSkipBr();
  }
}

function parseVersion(text: string): IdlVersion | undefined {
  if (text === "1" || text === "1.0") return "1.0";
  if (text === "2" || text === "2.0") return "2.0";
  return undefined;
}

function identifierValue(text: string, ref: ShapeRef): DraftNode {
  if (text === "true") return true;
  if (text === "false") return false;
  if (text === "null") return null;
  return shapeIdValue(text, ref);
}

function shapeIdValue(_text: string, ref: ShapeRef): DraftNode {
  return new ShapeIdNode(ref);
}

function describeNode(value: DraftNode): string {
  if (value instanceof ShapeIdNode) return value.ref.name;
  if (typeof value === "string") return value;
  return JSON.stringify(value);
}
