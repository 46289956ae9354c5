// The properties a service, resource or operation shape may have besides type, traits and mixins: one list
// for the IDL assembler and the JSON AST reader alike.
export const ENTITY_PROPERTIES = {
  service: ["version", "operations", "resources", "errors", "rename"],
  resource: [
    "identifiers",
    "properties",
    "create",
    "put",
    "read",
    "update",
    "delete",
    "list",
    "operations",
    "collectionOperations",
    "resources",
  ],
  operation: ["input", "output", "errors"],
} as const satisfies Record<string, readonly string[]>;
