// smithy.protocols#rpcv2Json → OpenAPI: every operation is POST /service/<Service>/operation/<Op>
// with the whole input/output/error structures as JSON bodies.
import { getShape, shapeName } from "../model/shapes.js";
import { contextualShapeName, putSynthesizedSchema } from "./context.js";
import type { ConversionContext } from "./context.js";
import type { ConvertedOperation } from "./rest-json.js";
import { errorStatus } from "./rest-json.js";
import type { JsonObject } from "./schema-types.js";

function body(
  context: ConversionContext,
  structureId: string,
  name: string,
  description: string,
): JsonObject {
  const pointer = putSynthesizedSchema(context, name, context.schemas.convertShape(structureId));
  return { description, content: { "application/json": { schema: { $ref: pointer } } } };
}

export function convertRpcV2JsonOperation(
  context: ConversionContext,
  operationId: string,
): ConvertedOperation {
  const operation = getShape(context.model, operationId);
  const opName = contextualShapeName(context, operationId);
  const result: JsonObject = { operationId: opName };
  if (operation?.input) {
    result.requestBody = body(context, operation.input.target, `${opName}RequestContent`, "Request Object");
  }
  const responses: [string, JsonObject][] = [];
  if (operation?.output) {
    responses.push([
      "200",
      body(context, operation.output.target, `${opName}ResponseContent`, "Response Object"),
    ]);
    for (const error of operation.errors ?? []) {
      const name = `${contextualShapeName(context, error.target)}ErrorContent`;
      responses.push([
        String(errorStatus(getShape(context.model, error.target))),
        body(context, error.target, name, "Response Object"),
      ]);
    }
  }
  result.responses = Object.fromEntries(responses.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
  return {
    method: "POST",
    uri: `/service/${shapeName(context.serviceId)}/operation/${opName}`,
    operation: result,
  };
}
