// Emits src/generated/handlers.ts: the typed handler interface, one method per operation.
import type { AstModel } from "@seqstore/smithy";
import { getShape, getStringTrait, isUnit, plainDocText, renderDocComment } from "@seqstore/smithy";
import type { OperationTable } from "../src/core/operation-table.js";
import { GENERATED_HEADER } from "./header.js";
import { DEFAULT_IMPORTS, type ImportSpecifiers, runtimeModule } from "./imports.js";

export function emitHandlers(
  model: AstModel,
  serviceId: string,
  table: OperationTable,
  specifiers: ImportSpecifiers = DEFAULT_IMPORTS,
): string {
  const typeImports = new Set<string>();
  const methods: string[] = [];
  for (const operation of table.operations) {
    const operationId = `${serviceId.slice(0, serviceId.indexOf("#"))}#${operation.name}`;
    const shape = getShape(model, operationId);
    const inputId = shape?.input?.target;
    const outputId = shape?.output?.target;
    const inputType = isUnit(inputId) ? "Record<string, never>" : nameOf(inputId);
    const outputType = isUnit(outputId) ? "void" : nameOf(outputId);
    if (!isUnit(inputId)) typeImports.add(inputType);
    if (!isUnit(outputId)) typeImports.add(outputType);
    const doc = getStringTrait(shape, "smithy.api#documentation");
    methods.push(
      renderDocComment(
        [
          doc ? plainDocText(doc) : undefined,
          `${operation.method} ${operation.uri}`,
          operation.errors.length > 0 ? `Errors: ${operation.errors.join(", ")}.` : undefined,
        ],
        "  ",
      ) + `  ${operation.handlerName}(input: ${inputType}, context: Ctx): Promise<${outputType}>;`,
    );
  }
  const imports = [...typeImports].sort();
  return `${GENERATED_HEADER}
${imports.length > 0 ? `import type { ${imports.join(", ")} } from "${specifiers.types}";\n` : ""}import type { HandlerContext } from "${runtimeModule(specifiers, "../core/handle.js")}";

/**
 * The business logic of ${table.service}: one method per operation. A handler gets the bound input
 * structure and the request context, and returns the output structure or throws a modeled error
 * (see ./errors.ts); any other thrown value becomes a generic 500 InternalServerException.
 */
export interface ${table.service}Handlers<Ctx = HandlerContext> {
${methods.join("\n\n")}
}

/** Names of the handler methods, in operation order. */
export const ${lowerFirst(table.service)}HandlerNames = ${JSON.stringify(table.operations.map((o) => o.handlerName))} as const;
`;

  function nameOf(id: string | undefined): string {
    const name = id?.slice(id.indexOf("#") + 1) ?? "";
    return getShape(model, serviceId)?.rename?.[id ?? ""] ?? name;
  }
}

export function lowerFirst(name: string): string {
  return name.charAt(0).toLowerCase() + name.slice(1);
}
