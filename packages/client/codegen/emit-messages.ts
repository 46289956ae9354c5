// Writes an operation's request and response functions (and error readers) as straight-line code
// over openapi-fetch's request options: labels, query and headers through `params`, the JSON
// document or payload through `body`.
import { access, type SerdeEmitter } from "./emit-serde.js";
import type { Imports } from "./imports.js";
import { propertyKey } from "./literal.js";
import type { BoundMember, MessageSpec, OperationSpec, TimestampFormat } from "./spec-types.js";

/** Where bound members' timestamps default to when they have no @timestampFormat. */
const DEFAULT_FORMAT: Record<"label" | "query" | "header", TimestampFormat> = {
  label: "date-time",
  query: "date-time",
  header: "http-date",
};

export class MessageEmitter {
  constructor(
    private readonly serde: SerdeEmitter,
    private readonly imports: Imports,
  ) {}

  private runtime(module: string, name: string): string {
    return this.serde.runtime(this.imports, module, name);
  }

  /** A function (expression) turning one scalar item of `binding` into its text on the wire. */
  private toText(binding: BoundMember, where: keyof typeof DEFAULT_FORMAT): string {
    if (binding.type === "timestamp") {
      const format = binding.timestampFormat ?? DEFAULT_FORMAT[where];
      return `(x: Date) => String(${this.runtime("timestamps", "serializeTimestamp")}(x, ${JSON.stringify(format)}))`;
    }
    if (binding.type === "blob" || binding.base64)
      return `(x: Uint8Array | string) => ${this.runtime("base64", "toBase64")}(x) as string`;
    return "String";
  }

  private opt(expr: string, convert: string): string {
    return `${this.runtime("serde", "opt")}(${expr}, ${convert})`;
  }

  /** `(i: Json): RequestOptions => ({ … })` for the operation's input. */
  request(operation: OperationSpec): string {
    const message = operation.request;
    const input = (member: string) => access("i", member);
    const params: string[] = [];
    const options: string[] = [];

    if (message.labels.length > 0) {
      const labels = message.labels.map((binding) => {
        const text = this.opt(input(binding.member), this.toText(binding, "label"));
        const args = [text, JSON.stringify(operation.name), JSON.stringify(binding.member)];
        if (binding.greedy) args.push("1");
        return `${propertyKey(binding.name)}: ${this.runtime("bindings", "label")}(${args.join(", ")})`;
      });
      params.push(`path: { ${labels.join(", ")} }`);
      options.push(`pathSerializer: ${this.runtime("bindings", "fillLabels")}`);
    }

    // The uri's constant query goes out first, as written (the operation's `query`); members
    // follow, and @httpQueryParams entries for keys neither took.
    if (message.query.length > 0 || message.queryParams) {
      const entries = message.query.map((binding) => {
        const text = this.toText(binding, "query");
        const convert = binding.list ? `(l: never[]) => l.map(${text})` : text;
        return `${propertyKey(binding.name)}: ${this.opt(input(binding.member), convert)}`;
      });
      let query = entries.length > 0 ? `{ ${entries.join(", ")} }` : "{}";
      if (message.queryParams) {
        const taken = Object.keys(operation.queryLiterals);
        query = `${this.runtime("bindings", "fillQuery")}(${query}, ${input(message.queryParams)}${taken.length > 0 ? `, ${JSON.stringify(taken)}` : ""})`;
      }
      params.push(`query: ${query}`);
    }

    // Prefix headers first: a member bound to a header of its own wins over a map entry.
    const headers: string[] = [];
    if (message.prefixHeaders) {
      const { member, prefix } = message.prefixHeaders;
      headers.push(
        `...${this.runtime("bindings", "prefixHeaders")}(${input(member)}, ${JSON.stringify(prefix)})`,
      );
    }
    for (const binding of message.headers) {
      const text = this.toText(binding, "header");
      const value = binding.list
        ? `${this.runtime("bindings", "headerList")}(${input(binding.member)}, ${text}${binding.type === "string" ? ", 1" : ""})`
        : this.opt(input(binding.member), text);
      headers.push(`${propertyKey(binding.name)}: ${value}`);
    }

    if (message.payload) {
      const payload = message.payload;
      const value = input(payload.member);
      if (payload.kind === "json") {
        const converted = this.serde.value(value, payload.schema, "write", this.imports);
        // An absent structure payload is an empty JSON object; an absent union or document, no body.
        const shape = payload.schema.shape ? this.serde.shapeTableEntry(payload.schema.shape) : undefined;
        options.push(
          `body: ${shape?.type === "structure" ? `${value} == null ? {} : ${converted}` : converted}`,
        );
      } else if (payload.kind === "events" && payload.events) {
        const description = this.serde.eventStream(payload.events, this.imports);
        const body = this.runtime("event-streams", "eventStreamBody");
        options.push(`body: ${this.opt(value, `(s: never) => ${body}(s, ${description})`)}`);
      } else if (payload.kind === "string") options.push(`body: ${this.opt(value, "String")}`);
      else options.push(`body: ${value}`);
      // Bytes and text go out as they are; openapi-fetch would otherwise send JSON.
      if (payload.kind !== "json") options.push(`bodySerializer: ${this.runtime("bindings", "asIs")}`);
      if (payload.contentType !== "application/json") {
        headers.unshift(
          `"content-type": ${value} == null ? undefined : ${JSON.stringify(payload.contentType)}`,
        );
      }
    } else if (message.body.length > 0) {
      // restJson1 sends a JSON object whenever the input has body members, even an empty one.
      const members = this.structureMembers(message, message.body);
      // Top-level input members keep their absence: the service applies its own defaults.
      const entries = this.serde.members("i", members, "write", this.imports, false);
      options.push(`body: ${this.runtime("serde", "compact")}({ ${entries.join(", ")} })`);
    }
    if (headers.length > 0) params.push(`header: { ${headers.join(", ")} }`);
    if (params.length > 0) options.unshift(`params: { ${params.join(", ")} }`);
    this.imports.type(`${this.serde.runtimeDir}/spec.js`, "Json");
    return `(${options.length > 0 ? "i: Json" : ""}) => ({ ${options.join(", ")} })`;
  }

  private structureMembers(message: MessageSpec, names: string[]) {
    const table = message.shape ? this.serde.shapeTableEntry(message.shape) : undefined;
    const members = table?.type === "structure" ? table.members : {};
    return Object.fromEntries(names.map((name) => [name, members[name] ?? {}]));
  }

  /** How openapi-fetch should read a success body: only set for payloads. */
  parseAs(message: MessageSpec): "json" | "arrayBuffer" | "text" | "stream" | undefined {
    const kind = message.payload?.kind;
    if (kind === "blob" && message.payload?.streaming) return "stream";
    if (kind === "events") return "stream";
    return kind === "blob"
      ? "arrayBuffer"
      : kind === "string"
        ? "text"
        : kind === "json"
          ? "json"
          : undefined;
  }

  /**
   * `(d, r) => ({ … })` reading `message`'s members from a response; `skip` leaves members out
   * (an error's `message`, which the runtime reads itself). Undefined when there is nothing to read.
   */
  response(message: MessageSpec, skip: string[] = []): string | undefined {
    const entries: string[] = [];
    const headersOf = "r.headers";
    for (const binding of message.headers) {
      if (skip.includes(binding.member)) continue;
      const type = binding.base64 ? "base64" : binding.type;
      const args = [headersOf, JSON.stringify(binding.name), JSON.stringify(type)];
      const format = binding.timestampFormat ?? "http-date";
      if (format !== "http-date" || binding.list) args.push(JSON.stringify(format));
      if (binding.list) args.push("1");
      entries.push(
        `${propertyKey(binding.member)}: ${this.runtime("bindings", "readHeader")}(${args.join(", ")})`,
      );
    }
    if (message.prefixHeaders) {
      const { member, prefix } = message.prefixHeaders;
      entries.push(
        `${propertyKey(member)}: ${this.runtime("bindings", "readPrefixHeaders")}(${headersOf}, ${JSON.stringify(prefix)})`,
      );
    }
    if (message.responseCode) entries.push(`${propertyKey(message.responseCode)}: r.status`);
    // Headers and the status come from the response; everything after from the parsed body.
    const fromResponse = entries.length;
    const usesResponse = fromResponse > 0;
    let dataType = "Json";
    const payload = message.payload;
    if (payload && !skip.includes(payload.member)) {
      const member = propertyKey(payload.member);
      if (payload.kind === "blob" && payload.streaming) {
        dataType = "ReadableStream<Uint8Array> | undefined";
        entries.push(`${member}: ${this.runtime("bindings", "payloadStream")}(d)`);
      } else if (payload.kind === "blob") {
        dataType = "ArrayBuffer";
        entries.push(`${member}: ${this.runtime("bindings", "payloadBytes")}(d)`);
      } else if (payload.kind === "events" && payload.events) {
        dataType = "ReadableStream<Uint8Array> | undefined";
        const description = this.serde.eventStream(payload.events, this.imports);
        entries.push(`${member}: ${this.runtime("event-streams", "eventStreamOutput")}(d, ${description})`);
      } else if (payload.kind === "string") {
        dataType = "string";
        entries.push(`${member}: d`);
      } else {
        dataType = "unknown";
        entries.push(`${member}: ${this.serde.value("d", payload.schema, "read", this.imports)}`);
      }
    } else if (!payload) {
      const body = message.body.filter((member) => !skip.includes(member));
      entries.push(...this.serde.members("d", this.structureMembers(message, body), "read", this.imports));
    }
    if (entries.length === 0) return undefined;
    const usesData = entries.length > fromResponse;
    const parameters = usesResponse ? `d: ${dataType}, r: Response` : usesData ? `d: ${dataType}` : "";
    if (dataType === "Json") this.imports.type(`${this.serde.runtimeDir}/spec.js`, "Json");
    const output = `${this.runtime("serde", "compact")}({ ${entries.join(", ")} })`;
    if (message.requiredHeaders) {
      const check = this.runtime("event-streams", "requireMembers");
      return `(${parameters}) => ${check}(${output}, ${JSON.stringify(message.requiredHeaders)})`;
    }
    return `(${parameters}) => ${output}`;
  }
}
