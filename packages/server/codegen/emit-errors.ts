// Emits src/generated/errors.ts: one class per modeled error, extending ServiceError.
import type { AstModel } from "@seqstore/smithy";
import { getShape, getStringTrait, plainDocText, renderDocComment } from "@seqstore/smithy";
import type { OperationTable } from "../src/core/operation-table.js";
import { lowerFirst } from "./emit-handlers.js";
import { GENERATED_HEADER } from "./header.js";
import { DEFAULT_IMPORTS, type ImportSpecifiers, runtimeModule } from "./imports.js";

/** Members that Error already has; they are not redeclared on the classes. */
const ERROR_PROPERTIES = new Set(["message", "name", "stack", "cause"]);

export function emitErrors(
  model: AstModel,
  serviceId: string,
  table: OperationTable,
  specifiers: ImportSpecifiers = DEFAULT_IMPORTS,
): string {
  const namespace = serviceId.slice(0, serviceId.indexOf("#"));
  const names = Object.keys(table.errors);
  const classes = names.map((name) => {
    const spec = table.errors[name]!;
    const shapeType = `${name}Shape`;
    const shape = getShape(model, `${namespace}#${name}`);
    const members = (table.structures[name]?.members ?? []).filter((m) => !ERROR_PROPERTIES.has(m.member));
    const fields = members.map((m) => {
      const doc = getStringTrait(shape?.members?.[m.member], "smithy.api#documentation");
      return `${renderDocComment([doc ? plainDocText(doc) : undefined], "  ")}  readonly ${m.member}: ${shapeType}["${m.member}"];`;
    });
    const assignments = members.map((m) => `    this.${m.member} = options.${m.member};`);
    const retryable = spec.retryable ? `{ throttling: ${spec.throttling} }` : "undefined";
    const doc = getStringTrait(shape, "smithy.api#documentation");
    return `${renderDocComment([doc ? plainDocText(doc) : undefined, `HTTP ${spec.httpStatus}, ${spec.fault} fault${spec.retryable ? ", retryable" : ""}.`])}export class ${name} extends ServiceError {
  override readonly name = "${name}" as const;
${fields.join("\n")}

  constructor(options: ${shapeType} & { message: string }) {
    super({ name: "${name}", $fault: "${spec.fault}", httpStatus: ${spec.httpStatus}, message: options.message, $retryable: ${retryable} });
${assignments.join("\n")}
  }
}`;
  });
  const imports = names.map((name) => `${name} as ${name}Shape`).join(", ");
  const registry = `${lowerFirst(table.service)}ErrorClasses`;
  return `${GENERATED_HEADER}
${names.length > 0 ? `import type { ${imports} } from "${specifiers.types}";\n` : ""}import { ServiceError } from "${runtimeModule(specifiers, "../core/service-error.js")}";

${classes.join("\n\n")}

/** Every modeled error class, by shape name (the \`x-amzn-ErrorType\` value). */
export const ${registry} = { ${names.join(", ")} } as const;

/** Any modeled error of ${table.service}. */
export type ${table.service}ModeledError = InstanceType<(typeof ${registry})[keyof typeof ${registry}]>;
`;
}
