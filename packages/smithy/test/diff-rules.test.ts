// Every diff rule against an old/new model pair: the exact events (severity, ID, shape) it yields.
import { describe, expect, it } from "vitest";
import type { AstModel } from "../src/ast.js";
import { DIFF_RULES, diffModels } from "../src/diff/index.js";
import { baseModel, id, member, shape } from "./fixtures/diff/base-model.js";

interface RuleCase {
  /** The rule this case covers (the table must cover every rule). */
  rule: string;
  name: string;
  /** Edit applied to both versions before `change` (extra shapes a case needs). */
  setup?: (model: AstModel) => void;
  /** Edit that turns the old version into the new one. */
  change: (model: AstModel) => void;
  /** `SEVERITY EventId shapeId`, in output order. */
  expected: string[];
}

const traits = (node: { traits?: Record<string, unknown> }) => {
  node.traits ??= {};
  return node.traits as Record<string, import("../src/ast.js").NodeValue>;
};

const CASES: RuleCase[] = [
  {
    rule: "AddedShape",
    name: "an operation is added and bound to the service",
    change: (m) => {
      m.shapes[id("DeleteThing")] = { type: "operation" };
      shape(m, "Svc").operations?.push({ target: id("DeleteThing") });
    },
    expected: ["NOTE AddedEntityBinding com.example#DeleteThing", "NOTE AddedShape com.example#DeleteThing"],
  },
  {
    rule: "AddedEntityBinding",
    name: "an existing operation is bound to the service",
    setup: (m) => {
      m.shapes[id("Orphan")] = { type: "operation" };
    },
    change: (m) => shape(m, "Svc").operations?.push({ target: id("Orphan") }),
    expected: ["NOTE AddedEntityBinding com.example#Orphan"],
  },
  {
    rule: "RemovedShape",
    name: "a structure and a scalar are removed",
    setup: (m) => {
      m.shapes[id("Legacy")] = { type: "structure", members: {} };
      m.shapes[id("Unused")] = { type: "string" };
    },
    change: (m) => {
      delete m.shapes[id("Legacy")];
      delete m.shapes[id("Unused")];
    },
    expected: [
      "ERROR RemovedShape com.example#Legacy",
      "WARNING RemovedShape.ScalarShape com.example#Unused",
    ],
  },
  {
    rule: "ChangedShapeType",
    name: "integer becomes long",
    change: (m) => {
      shape(m, "Size").type = "long";
    },
    expected: ["ERROR ChangedShapeType com.example#Size"],
  },
  {
    rule: "ChangedShapeType",
    name: "a string with @enum becomes an enum with the same values",
    change: (m) => {
      m.shapes[id("Mode")] = {
        type: "enum",
        members: {
          FAST: { target: "smithy.api#Unit", traits: { "smithy.api#enumValue": "fast" } },
          SLOW: { target: "smithy.api#Unit", traits: { "smithy.api#enumValue": "slow" } },
        },
      };
    },
    expected: ["NOTE ChangedShapeType com.example#Mode"],
  },
  {
    rule: "ServiceRename",
    name: "a shape is renamed in the service",
    change: (m) => {
      shape(m, "Svc").rename = { [id("Name")]: "ThingName" };
    },
    expected: ["ERROR ServiceRename com.example#Name"],
  },
  {
    rule: "RemovedEntityBinding",
    name: "an operation is unbound from the service",
    change: (m) => {
      shape(m, "Svc").operations = [{ target: id("Ping") }];
    },
    expected: ["ERROR RemovedEntityBinding com.example#GetThing"],
  },
  {
    rule: "RemovedEntityBinding",
    name: "an operation moves from the service into a resource the service binds (still in the API)",
    change: (m) => {
      shape(m, "Svc").operations = [{ target: id("Ping") }];
      m.shapes[id("ThingResource")] = { type: "resource", operations: [{ target: id("GetThing") }] };
      shape(m, "Svc").resources = [{ target: id("ThingResource") }];
    },
    expected: [
      "NOTE RemovedEntityBinding.Moved com.example#GetThing",
      "NOTE AddedEntityBinding com.example#ThingResource",
      "NOTE AddedShape com.example#ThingResource",
    ],
  },
  {
    rule: "ChangedOperationInput",
    name: "the input structure is replaced",
    change: (m) => {
      m.shapes[id("GetThingInput2")] = structuredClone(shape(m, "GetThingInput"));
      shape(m, "GetThing").input = { target: id("GetThingInput2") };
    },
    expected: [
      "ERROR ChangedOperationInput com.example#GetThing",
      "NOTE AddedShape com.example#GetThingInput2",
    ],
  },
  {
    rule: "ChangedOperationInput",
    name: "a Unit input becomes a structure without required members",
    change: (m) => {
      m.shapes[id("PingInput")] = {
        type: "structure",
        traits: { "smithy.api#input": {} },
        members: { note: { target: "smithy.api#String" } },
      };
      shape(m, "Ping").input = { target: id("PingInput") };
    },
    expected: ["NOTE ChangedOperationInput com.example#Ping", "NOTE AddedShape com.example#PingInput"],
  },
  {
    rule: "ChangedOperationInput",
    name: "a Unit input becomes a structure with a required member",
    change: (m) => {
      m.shapes[id("PingInput")] = {
        type: "structure",
        members: { note: { target: "smithy.api#String", traits: { "smithy.api#required": {} } } },
      };
      shape(m, "Ping").input = { target: id("PingInput") };
    },
    expected: ["ERROR ChangedOperationInput com.example#Ping", "NOTE AddedShape com.example#PingInput"],
  },
  {
    rule: "ChangedOperationOutput",
    name: "the output is removed",
    change: (m) => {
      delete shape(m, "GetThing").output;
    },
    expected: ["ERROR ChangedOperationOutput com.example#GetThing"],
  },
  {
    rule: "AddedOperationError",
    name: "an operation gains an error",
    change: (m) => shape(m, "GetThing").errors?.push({ target: id("ThrottlingError") }),
    expected: ["WARNING AddedOperationError com.example#GetThing"],
  },
  {
    rule: "RemovedOperationError",
    name: "an operation loses an error",
    change: (m) => {
      shape(m, "GetThing").errors = [];
    },
    expected: ["WARNING RemovedOperationError com.example#GetThing"],
  },
  {
    rule: "AddedServiceError",
    name: "the service gains an error",
    change: (m) => shape(m, "Svc").errors?.push({ target: id("NotFound") }),
    expected: ["WARNING AddedServiceError com.example#Svc"],
  },
  {
    rule: "RemovedServiceError",
    name: "the service loses an error",
    change: (m) => {
      delete shape(m, "Svc").errors;
    },
    expected: ["WARNING RemovedServiceError com.example#Svc"],
  },
  {
    rule: "ChangedResourceIdentifiers",
    name: "a resource identifier is renamed",
    setup: (m) => {
      m.shapes[id("Thing")] = { type: "resource", identifiers: { id: { target: id("Id") } } };
    },
    change: (m) => {
      shape(m, "Thing").identifiers = { thingId: { target: id("Id") } };
    },
    expected: ["ERROR ChangedResourceIdentifiers com.example#Thing"],
  },
  {
    rule: "ChangedServiceVersion",
    name: "the service version changes",
    change: (m) => {
      shape(m, "Svc").version = "2025-01-01";
    },
    expected: ["WARNING ChangedServiceVersion com.example#Svc"],
  },
  {
    rule: "ChangedProtocols",
    name: "restJson1 is removed from the service",
    change: (m) => {
      delete traits(shape(m, "Svc"))["aws.protocols#restJson1"];
    },
    expected: ["ERROR ChangedProtocols.Removed com.example#Svc"],
  },
  {
    rule: "ChangedAuthSchemes",
    name: "sigv4 is added to the service",
    change: (m) => {
      traits(shape(m, "Svc"))["aws.auth#sigv4"] = { name: "thing" };
    },
    expected: ["NOTE ChangedAuthSchemes.Added com.example#Svc"],
  },
  {
    rule: "AddedMember",
    name: "an optional output member is added",
    change: (m) => {
      shape(m, "GetThingOutput").members!.description = { target: "smithy.api#String" };
    },
    expected: ["NOTE AddedMember com.example#GetThingOutput$description"],
  },
  {
    rule: "AddedMember",
    name: "a required input member without default is added",
    change: (m) => {
      shape(m, "GetThingInput").members!.owner = {
        target: "smithy.api#String",
        traits: { "smithy.api#required": {} },
      };
    },
    expected: ["ERROR AddedMember.Required com.example#GetThingInput$owner"],
  },
  {
    rule: "AddedMember",
    name: "a required input member with a default is added (old clients get the default)",
    change: (m) => {
      shape(m, "GetThingInput").members!.limit = {
        target: "smithy.api#Integer",
        traits: { "smithy.api#required": {}, "smithy.api#default": 10 },
      };
    },
    expected: ["NOTE AddedMember com.example#GetThingInput$limit"],
  },
  {
    rule: "AddedMember",
    name: "a required output member with a default is added",
    change: (m) => {
      shape(m, "GetThingOutput").members!.kind = {
        target: "smithy.api#String",
        traits: { "smithy.api#required": {}, "smithy.api#default": "plain" },
      };
    },
    expected: ["NOTE AddedMember com.example#GetThingOutput$kind"],
  },
  {
    rule: "AddedMember",
    name: "a required member without default is added to an output structure",
    change: (m) => {
      shape(m, "GetThingOutput").members!.owner = {
        target: "smithy.api#String",
        traits: { "smithy.api#required": {} },
      };
    },
    expected: ["ERROR AddedMember.Required com.example#GetThingOutput$owner"],
  },
  {
    rule: "RemovedMember",
    name: "an input member is removed",
    change: (m) => {
      delete shape(m, "GetThingInput").members!.verbose;
    },
    expected: ["ERROR RemovedMember com.example#GetThingInput$verbose"],
  },
  {
    rule: "ChangedMemberTarget",
    name: "a member targets a different type",
    change: (m) => {
      member(m, "GetThingOutput", "size").target = "smithy.api#Long";
    },
    expected: ["ERROR ChangedMemberTarget com.example#GetThingOutput$size"],
  },
  {
    rule: "ChangedMemberTarget",
    name: "a member targets an equivalent shape",
    change: (m) => {
      m.shapes[id("ThingName")] = { type: "string" };
      member(m, "GetThingOutput", "name").target = id("ThingName");
    },
    expected: [
      "NOTE ChangedMemberTarget com.example#GetThingOutput$name",
      "NOTE AddedShape com.example#ThingName",
    ],
  },
  {
    rule: "ChangedMemberTarget",
    name: "a list member targets another shape",
    change: (m) => {
      shape(m, "TagList").member = { target: id("Size") };
    },
    expected: ["ERROR ChangedMemberTarget com.example#TagList$member"],
  },
  {
    rule: "ChangedMemberOrder",
    name: "output members are reordered",
    change: (m) => {
      const output = shape(m, "GetThingOutput");
      const { name, ...rest } = output.members!;
      output.members = { ...rest, name: name! };
    },
    expected: ["WARNING ChangedMemberOrder com.example#GetThingOutput"],
  },
  {
    rule: "ChangedNullability",
    name: "a member is made required without a default",
    change: (m) => {
      traits(member(m, "GetThingInput", "verbose"))["smithy.api#required"] = {};
    },
    expected: ["ERROR ChangedNullability.AddedRequiredTrait com.example#GetThingInput$verbose"],
  },
  {
    rule: "ChangedNullability",
    name: "an output member is no longer required",
    change: (m) => {
      delete traits(member(m, "GetThingOutput", "name"))["smithy.api#required"];
    },
    expected: ["ERROR ChangedNullability.RemovedRequiredTrait com.example#GetThingOutput$name"],
  },
  {
    rule: "ChangedNullability",
    name: "an input member is no longer required",
    change: (m) => {
      delete traits(member(m, "GetThingInput", "id"))["smithy.api#required"];
    },
    expected: ["NOTE ChangedNullability.RemovedRequiredTrait com.example#GetThingInput$id"],
  },
  {
    rule: "ChangedNullability",
    name: "a required member targeting a structure is no longer required",
    setup: (m) => {
      shape(m, "GetThingOutput").members!.detail = {
        target: id("NotFound"),
        traits: { "smithy.api#required": {} },
      };
    },
    change: (m) => {
      delete traits(member(m, "GetThingOutput", "detail"))["smithy.api#required"];
    },
    expected: ["WARNING ChangedNullability.RemovedRequiredTrait com.example#GetThingOutput$detail"],
  },
  {
    rule: "ChangedNullability",
    name: "an optional member gains a default",
    change: (m) => {
      traits(member(m, "GetThingOutput", "size"))["smithy.api#default"] = 0;
    },
    expected: ["ERROR ChangedNullability.AddedDefaultTrait com.example#GetThingOutput$size"],
  },
  {
    rule: "ChangedNullability",
    name: "an optional member gains a default marked @addedDefault",
    change: (m) => {
      const t = traits(member(m, "GetThingOutput", "size"));
      t["smithy.api#default"] = 0;
      t["smithy.api#addedDefault"] = {};
    },
    expected: ["NOTE ChangedNullability.AddedDefaultTrait com.example#GetThingOutput$size"],
  },
  {
    rule: "ChangedNullability",
    name: "a required member gains @clientOptional",
    change: (m) => {
      traits(member(m, "GetThingOutput", "name"))["smithy.api#clientOptional"] = {};
    },
    expected: ["ERROR ChangedNullability.AddedClientOptionalTrait com.example#GetThingOutput$name"],
  },
  {
    rule: "ChangedNullability",
    name: "the input structure loses @input",
    change: (m) => {
      delete traits(shape(m, "GetThingInput"))["smithy.api#input"];
    },
    expected: ["ERROR ChangedNullability.RemovedInputTrait com.example#GetThingInput"],
  },
  {
    rule: "ChangedNullability",
    name: "a structure gains @input",
    change: (m) => {
      traits(shape(m, "NotFound"))["smithy.api#input"] = {};
    },
    expected: ["WARNING ChangedNullability.AddedInputTrait com.example#NotFound"],
  },
  {
    rule: "ChangedDefault",
    name: "a default value changes",
    setup: (m) => {
      traits(member(m, "GetThingInput", "verbose"))["smithy.api#default"] = false;
    },
    change: (m) => {
      traits(member(m, "GetThingInput", "verbose"))["smithy.api#default"] = true;
    },
    expected: ["ERROR ChangedDefault com.example#GetThingInput$verbose"],
  },
  {
    rule: "ChangedDefault",
    name: "a default is removed",
    setup: (m) => {
      traits(member(m, "GetThingInput", "verbose"))["smithy.api#default"] = false;
    },
    change: (m) => {
      delete traits(member(m, "GetThingInput", "verbose"))["smithy.api#default"];
    },
    expected: ["ERROR ChangedDefault com.example#GetThingInput$verbose"],
  },
  {
    rule: "AddedEnumValue",
    name: "an enum value is appended",
    change: (m) => {
      shape(m, "Status").members!.PENDING = {
        target: "smithy.api#Unit",
        traits: { "smithy.api#enumValue": "pending" },
      };
    },
    expected: ["NOTE AddedEnumValue com.example#Status"],
  },
  {
    rule: "AddedEnumValue",
    name: "an enum value is inserted before existing ones",
    change: (m) => {
      const status = shape(m, "Status");
      status.members = {
        PENDING: { target: "smithy.api#Unit", traits: { "smithy.api#enumValue": "pending" } },
        ...status.members,
      };
    },
    expected: ["WARNING AddedEnumValue.Inserted com.example#Status"],
  },
  {
    rule: "AddedEnumValue",
    name: "a value is appended to a legacy @enum string",
    change: (m) => {
      const values = traits(shape(m, "Mode"))["smithy.api#enum"] as unknown[];
      values.push({ value: "medium", name: "MEDIUM" });
    },
    expected: ["NOTE AddedEnumValue com.example#Mode"],
  },
  {
    rule: "RemovedEnumValue",
    name: "an enum value is removed",
    change: (m) => {
      delete shape(m, "Status").members!.DELETED;
    },
    expected: ["ERROR RemovedEnumValue com.example#Status"],
  },
  {
    rule: "RemovedEnumValue",
    name: "a value is removed from a legacy @enum string",
    change: (m) => {
      traits(shape(m, "Mode"))["smithy.api#enum"] = [{ value: "fast", name: "FAST" }];
    },
    expected: ["ERROR RemovedEnumValue com.example#Mode"],
  },
  {
    rule: "ChangedEnumValue",
    name: "an enum entry changes its wire value",
    change: (m) => {
      traits(member(m, "Status", "ACTIVE"))["smithy.api#enumValue"] = "enabled";
    },
    expected: ["ERROR ChangedEnumValue com.example#Status"],
  },
  {
    rule: "ChangedEnumValue",
    name: "an enum value is renamed",
    change: (m) => {
      const status = shape(m, "Status");
      const { ACTIVE, ...rest } = status.members!;
      status.members = { ENABLED: ACTIVE!, ...rest };
    },
    expected: ["ERROR ChangedEnumValue.Name com.example#Status"],
  },
  {
    rule: "ChangedLengthTrait",
    name: "max length is lowered",
    change: (m) => {
      traits(shape(m, "Id"))["smithy.api#length"] = { min: 1, max: 32 };
    },
    expected: ["ERROR ChangedLengthTrait com.example#Id"],
  },
  {
    rule: "ChangedLengthTrait",
    name: "max length is raised, key order differs",
    change: (m) => {
      traits(shape(m, "Id"))["smithy.api#length"] = { max: 128, min: 1 };
    },
    expected: ["NOTE ChangedLengthTrait com.example#Id"],
  },
  {
    rule: "ChangedLengthTrait",
    name: "a member gains its own, narrower length",
    change: (m) => {
      traits(member(m, "GetThingOutput", "name"))["smithy.api#length"] = { max: 10 };
    },
    expected: ["ERROR ChangedLengthTrait com.example#GetThingOutput$name"],
  },
  {
    rule: "ChangedLengthTrait",
    name: "an explicit min 0 is the same as no min",
    change: (m) => {
      traits(shape(m, "Id"))["smithy.api#length"] = { max: 64 };
      traits(shape(m, "Name"))["smithy.api#length"] = { min: 0 };
    },
    expected: ["NOTE ChangedLengthTrait com.example#Id"],
  },
  {
    rule: "ChangedRangeTrait",
    name: "min is raised",
    change: (m) => {
      traits(shape(m, "Size"))["smithy.api#range"] = { min: 1, max: 100 };
    },
    expected: ["ERROR ChangedRangeTrait com.example#Size"],
  },
  {
    rule: "ChangedRangeTrait",
    name: "the range is removed",
    change: (m) => {
      delete traits(shape(m, "Size"))["smithy.api#range"];
    },
    expected: ["NOTE ChangedRangeTrait com.example#Size"],
  },
  {
    rule: "ChangedPatternTrait",
    name: "a repetition bound is lowered",
    change: (m) => {
      traits(shape(m, "Id"))["smithy.api#pattern"] = "^[a-z]{1,32}$";
    },
    expected: ["ERROR ChangedPatternTrait com.example#Id"],
  },
  {
    rule: "ChangedPatternTrait",
    name: "a repetition bound is raised",
    change: (m) => {
      traits(shape(m, "Id"))["smithy.api#pattern"] = "^[a-z]{1,128}$";
    },
    expected: ["NOTE ChangedPatternTrait com.example#Id"],
  },
  {
    rule: "ChangedPatternTrait",
    name: "the pattern changes in a way that cannot be proven wider",
    change: (m) => {
      traits(shape(m, "Id"))["smithy.api#pattern"] = "^[a-z0-9]{1,64}$";
    },
    expected: ["WARNING ChangedPatternTrait com.example#Id"],
  },
  {
    rule: "ChangedPatternTrait",
    name: "a pattern is added and another removed",
    change: (m) => {
      traits(shape(m, "Name"))["smithy.api#pattern"] = "^\\w+$";
      delete traits(shape(m, "Id"))["smithy.api#pattern"];
    },
    expected: ["ERROR ChangedPatternTrait com.example#Name", "NOTE ChangedPatternTrait com.example#Id"],
  },
  {
    rule: "ChangedHttpTrait",
    name: "method and URI change",
    change: (m) => {
      traits(shape(m, "GetThing"))["smithy.api#http"] = { method: "POST", uri: "/thing/{id}", code: 200 };
    },
    expected: ["ERROR ChangedHttpTrait com.example#GetThing"],
  },
  {
    rule: "ChangedHttpTrait",
    name: "an explicit code 200 equals the default",
    change: (m) => {
      traits(shape(m, "GetThing"))["smithy.api#http"] = { method: "GET", uri: "/things/{id}" };
    },
    expected: [],
  },
  {
    rule: "ChangedHttpBinding",
    name: "a query parameter is renamed",
    change: (m) => {
      traits(member(m, "GetThingInput", "verbose"))["smithy.api#httpQuery"] = "v";
    },
    expected: ["ERROR ChangedHttpBinding com.example#GetThingInput$verbose"],
  },
  {
    rule: "ChangedHttpBinding",
    name: "a body member moves to a header",
    change: (m) => {
      traits(member(m, "GetThingInput", "mode"))["smithy.api#httpHeader"] = "x-mode";
    },
    expected: ["ERROR ChangedHttpBinding com.example#GetThingInput$mode"],
  },
  {
    rule: "ChangedErrorTrait",
    name: "an error changes status and fault",
    change: (m) => {
      const t = traits(shape(m, "NotFound"));
      t["smithy.api#httpError"] = 410;
      t["smithy.api#error"] = "server";
    },
    expected: [
      "ERROR ChangedErrorTrait com.example#NotFound",
      "ERROR ChangedErrorTrait.HttpError com.example#NotFound",
    ],
  },
  {
    rule: "ChangedJsonName",
    name: "a member gets a JSON name",
    change: (m) => {
      traits(member(m, "GetThingOutput", "name"))["smithy.api#jsonName"] = "Name";
    },
    expected: ["ERROR ChangedJsonName com.example#GetThingOutput$name"],
  },
  {
    rule: "ChangedTimestampFormat",
    name: "a member and a timestamp shape change format",
    setup: (m) => {
      m.shapes[id("When")] = { type: "timestamp" };
    },
    change: (m) => {
      traits(member(m, "GetThingOutput", "createdAt"))["smithy.api#timestampFormat"] = "epoch-seconds";
      traits(shape(m, "When"))["smithy.api#timestampFormat"] = "http-date";
    },
    expected: [
      "ERROR ChangedTimestampFormat com.example#GetThingOutput$createdAt",
      "ERROR ChangedTimestampFormat com.example#When",
    ],
  },
  {
    rule: "ChangedIdempotencyToken",
    name: "the idempotency token moves to another member",
    change: (m) => {
      delete traits(member(m, "GetThingInput", "token"))["smithy.api#idempotencyToken"];
      traits(member(m, "GetThingInput", "mode"))["smithy.api#idempotencyToken"] = {};
    },
    expected: [
      "ERROR ChangedIdempotencyToken com.example#GetThingInput$token",
      "NOTE ChangedIdempotencyToken com.example#GetThingInput$mode",
    ],
  },
  {
    rule: "ChangedDocumentation",
    name: "documentation is added",
    change: (m) => {
      traits(shape(m, "GetThing"))["smithy.api#documentation"] = "Gets a thing.";
    },
    expected: ["NOTE ChangedDocumentation com.example#GetThing"],
  },
  {
    rule: "ChangedDeprecation",
    name: "an operation is deprecated",
    change: (m) => {
      traits(shape(m, "Ping"))["smithy.api#deprecated"] = { since: "2025" };
    },
    expected: ["NOTE ChangedDeprecation com.example#Ping"],
  },
  {
    rule: "ChangedMetadata",
    name: "metadata is added and removed",
    setup: (m) => {
      m.metadata = { old: 1 };
    },
    change: (m) => {
      m.metadata = { fresh: true };
    },
    expected: ["WARNING ChangedMetadata.Removed -", "NOTE ChangedMetadata.Added -"],
  },
  {
    rule: "TraitBreakingChange",
    name: "a trait whose definition forbids removal is removed",
    setup: (m) => {
      m.shapes[id("audited")] = {
        type: "structure",
        traits: { "smithy.api#trait": { breakingChanges: [{ change: "remove" }] } },
        members: { level: { target: "smithy.api#String" } },
      };
      traits(shape(m, "GetThing"))[id("audited")] = { level: "high" };
    },
    change: (m) => {
      delete traits(shape(m, "GetThing"))[id("audited")];
    },
    expected: ["ERROR TraitBreakingChange.remove.com.example#audited com.example#GetThing"],
  },
  {
    rule: "TraitBreakingChange",
    name: "a path-scoped update with its own severity",
    setup: (m) => {
      m.shapes[id("audited")] = {
        type: "structure",
        traits: {
          "smithy.api#trait": {
            breakingChanges: [{ change: "update", path: "/level", severity: "WARNING" }],
          },
        },
        members: { level: { target: "smithy.api#String" } },
      };
      traits(shape(m, "GetThing"))[id("audited")] = { level: "high" };
    },
    change: (m) => {
      traits(shape(m, "GetThing"))[id("audited")] = { level: "low" };
    },
    expected: ["WARNING TraitBreakingChange.update.com.example#audited com.example#GetThing"],
  },
  {
    rule: "ModifiedTrait",
    name: "other traits are added, changed and removed",
    setup: (m) => {
      traits(shape(m, "Ping"))["smithy.api#tags"] = ["a"];
      traits(shape(m, "TagList"))["smithy.api#sensitive"] = {};
    },
    change: (m) => {
      traits(shape(m, "ThrottlingError"))["smithy.api#retryable"] = { throttling: true };
      traits(shape(m, "Ping"))["smithy.api#tags"] = ["b"];
      delete traits(shape(m, "TagList"))["smithy.api#sensitive"];
    },
    expected: [
      "WARNING ModifiedTrait.Remove.smithy.api#sensitive com.example#TagList",
      "NOTE ModifiedTrait.Update.smithy.api#tags com.example#Ping",
      "NOTE ModifiedTrait.Add.smithy.api#retryable com.example#ThrottlingError",
    ],
  },
];

function versions(testCase: RuleCase): [AstModel, AstModel] {
  const oldModel = baseModel();
  testCase.setup?.(oldModel);
  const newModel = structuredClone(oldModel);
  testCase.change(newModel);
  return [oldModel, newModel];
}

describe("diff rules", () => {
  it.each(CASES.map((c) => [`${c.rule}: ${c.name}`, c] as const))("%s", (_title, testCase) => {
    const [oldModel, newModel] = versions(testCase);
    const events = diffModels(oldModel, newModel);
    expect(events.map((e) => `${e.severity} ${e.id} ${e.shapeId}`)).toEqual(testCase.expected);
    for (const event of events) expect(event.message.length).toBeGreaterThan(10);
  });

  it("has a case for every rule in the table", () => {
    const covered = new Set(CASES.map((c) => c.rule));
    expect(DIFF_RULES.map((rule) => rule.id).filter((ruleId) => !covered.has(ruleId))).toEqual([]);
  });

  it("reports nothing for identical models", () => {
    expect(diffModels(baseModel(), baseModel())).toEqual([]);
  });

  it("judges a case in the reverse direction too (removal ↔ addition)", () => {
    const [oldModel, newModel] = versions(CASES.find((c) => c.rule === "AddedShape")!);
    const backwards = diffModels(newModel, oldModel).map((e) => `${e.severity} ${e.id} ${e.shapeId}`);
    expect(backwards).toEqual([
      "ERROR RemovedEntityBinding com.example#DeleteThing",
      "ERROR RemovedShape com.example#DeleteThing",
    ]);
  });
});
