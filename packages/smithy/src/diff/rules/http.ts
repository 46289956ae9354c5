// HTTP bindings: where an operation lives and where each member travels on the wire.
import type { AstMember, NodeValue } from "../../ast.js";
import { nodeEquals } from "../../loader/node-equal.js";
import type { DiffContext, TraitHolderPair } from "../context.js";
import type { DiffEvent, DiffRule } from "../types.js";

const HTTP = "smithy.api#http";

function field(value: NodeValue | undefined, key: string): NodeValue | undefined {
  return value !== null && typeof value === "object" && !Array.isArray(value) ? value[key] : undefined;
}

export const changedHttpTrait: DiffRule = {
  id: "ChangedHttpTrait",
  category: "http",
  description:
    "ERROR: an operation's HTTP method, URI or success code changed, or its @http trait was added or removed.",
  traits: [HTTP],
  check: (ctx) =>
    ctx.kept
      .filter((pair) => pair.old.type === "operation" && pair.new.type === "operation")
      .flatMap((pair): DiffEvent[] => {
        const before = pair.old.traits?.[HTTP];
        const after = pair.new.traits?.[HTTP];
        if (before === undefined && after === undefined) return [];
        if (before === undefined || after === undefined) {
          const verb = before === undefined ? "gained" : "lost";
          return [
            ctx.event("ChangedHttpTrait", "ERROR", pair.id, `\`${pair.id}\` ${verb} its @http binding`),
          ];
        }
        const changes = (["method", "uri", "code"] as const).flatMap((key) => {
          const from = field(before, key) ?? (key === "code" ? 200 : undefined);
          const to = field(after, key) ?? (key === "code" ? 200 : undefined);
          return from === to ? [] : [`${key} ${JSON.stringify(from)} → ${JSON.stringify(to)}`];
        });
        if (changes.length === 0) return [];
        return [
          ctx.event(
            "ChangedHttpTrait",
            "ERROR",
            pair.id,
            `\`${pair.id}\` HTTP binding changed: ${changes.join(", ")}`,
          ),
        ];
      }),
};

const BINDING_TRAITS = [
  "smithy.api#httpLabel",
  "smithy.api#httpQuery",
  "smithy.api#httpQueryParams",
  "smithy.api#httpHeader",
  "smithy.api#httpPrefixHeaders",
  "smithy.api#httpPayload",
  "smithy.api#httpResponseCode",
] as const;

/** Where a member of an input/output/error structure is sent: `label`, `header "x-a"`, `body`, … */
export function bindingLocation(member: AstMember): string {
  const traits = member.traits ?? {};
  const named = (trait: string, label: string) => `${label} ${JSON.stringify(traits[trait])}`;
  if (traits["smithy.api#httpLabel"] !== undefined) return "label";
  if (traits["smithy.api#httpQuery"] !== undefined) return named("smithy.api#httpQuery", "query");
  if (traits["smithy.api#httpQueryParams"] !== undefined) return "query params";
  if (traits["smithy.api#httpHeader"] !== undefined) return named("smithy.api#httpHeader", "header");
  if (traits["smithy.api#httpPrefixHeaders"] !== undefined)
    return named("smithy.api#httpPrefixHeaders", "header prefix");
  if (traits["smithy.api#httpPayload"] !== undefined) return "payload";
  if (traits["smithy.api#httpResponseCode"] !== undefined) return "status code";
  return "body";
}

export const changedHttpBinding: DiffRule = {
  id: "ChangedHttpBinding",
  category: "http",
  description:
    "ERROR: a member moved between URI label, query, header, prefix headers, payload, status code and body, or its query/header name changed.",
  traits: BINDING_TRAITS,
  check: (ctx) =>
    ctx.members
      .filter((pair) => pair.oldContainer.type === "structure" && pair.newContainer.type === "structure")
      .flatMap((pair) => {
        const before = bindingLocation(pair.old);
        const after = bindingLocation(pair.new);
        if (before === after) return [];
        return [
          ctx.event(
            "ChangedHttpBinding",
            "ERROR",
            pair.id,
            `Member \`${pair.name}\` of \`${pair.containerId}\` moved from ${before} to ${after}`,
          ),
        ];
      }),
};

function traitChange(
  ctx: DiffContext,
  holders: TraitHolderPair[],
  traitId: string,
  id: string,
  label: string,
): DiffEvent[] {
  return holders.flatMap((holder) => {
    const before = holder.oldTraits[traitId];
    const after = holder.newTraits[traitId];
    if (nodeEquals(before, after)) return [];
    const show = (value: NodeValue | undefined) => (value === undefined ? "(none)" : JSON.stringify(value));
    return [
      ctx.event(
        id,
        "ERROR",
        holder.id,
        `${label} of \`${holder.id}\` changed from ${show(before)} to ${show(after)}`,
      ),
    ];
  });
}

export const changedErrorTrait: DiffRule = {
  id: "ChangedErrorTrait",
  category: "http",
  description:
    "ERROR: an error's @httpError status or @error fault (client/server) changed, was added or removed.",
  traits: ["smithy.api#httpError", "smithy.api#error"],
  check: (ctx) => {
    const shapes = ctx.traitHolders().filter((holder) => holder.member === undefined);
    return [
      ...traitChange(ctx, shapes, "smithy.api#httpError", "ChangedErrorTrait.HttpError", "@httpError status"),
      ...traitChange(ctx, shapes, "smithy.api#error", "ChangedErrorTrait", "@error fault"),
    ];
  },
};

export const changedJsonName: DiffRule = {
  id: "ChangedJsonName",
  category: "http",
  description: "ERROR: a member's @jsonName (its JSON key on the wire) was added, removed or changed.",
  traits: ["smithy.api#jsonName"],
  check: (ctx) =>
    ctx.members.flatMap((pair) => {
      const before = pair.old.traits?.["smithy.api#jsonName"] ?? pair.name;
      const after = pair.new.traits?.["smithy.api#jsonName"] ?? pair.name;
      if (before === after) return [];
      return [
        ctx.event(
          "ChangedJsonName",
          "ERROR",
          pair.id,
          `Member \`${pair.name}\` of \`${pair.containerId}\` is now serialized as JSON key ${JSON.stringify(after)} instead of ${JSON.stringify(before)}`,
        ),
      ];
    }),
};

export const changedTimestampFormat: DiffRule = {
  id: "ChangedTimestampFormat",
  category: "http",
  description:
    "ERROR: the @timestampFormat of a timestamp shape or member changed (the wire format changes).",
  traits: ["smithy.api#timestampFormat"],
  check: (ctx) => {
    const trait = "smithy.api#timestampFormat";
    const shapes = ctx.kept
      .filter((pair) => pair.old.type === "timestamp" && pair.new.type === "timestamp")
      .map((pair) => ({ id: pair.id, before: pair.old.traits?.[trait], after: pair.new.traits?.[trait] }));
    const members = ctx.members
      .filter((pair) => pair.old.traits?.[trait] !== undefined || pair.new.traits?.[trait] !== undefined)
      .map((pair) => ({
        id: pair.id,
        before: ctx.effectiveTrait("old", pair.old, trait),
        after: ctx.effectiveTrait("new", pair.new, trait),
      }));
    return [...shapes, ...members]
      .filter((change) => change.before !== change.after)
      .map((change) =>
        ctx.event(
          "ChangedTimestampFormat",
          "ERROR",
          change.id,
          `@timestampFormat of \`${change.id}\` changed from ${JSON.stringify(change.before ?? "protocol default")} to ${JSON.stringify(change.after ?? "protocol default")}`,
        ),
      );
  },
};

export const changedIdempotencyToken: DiffRule = {
  id: "ChangedIdempotencyToken",
  category: "http",
  description:
    "ERROR: @idempotencyToken was removed (clients stop auto-filling it and retries are no longer safe); NOTE when added.",
  traits: ["smithy.api#idempotencyToken"],
  check: (ctx) =>
    ctx.members.flatMap((pair) => {
      const trait = "smithy.api#idempotencyToken";
      const before = pair.old.traits?.[trait] !== undefined;
      const after = pair.new.traits?.[trait] !== undefined;
      if (before === after) return [];
      return [
        before
          ? ctx.event(
              "ChangedIdempotencyToken",
              "ERROR",
              pair.id,
              `\`${pair.id}\` is no longer an @idempotencyToken`,
            )
          : ctx.event(
              "ChangedIdempotencyToken",
              "NOTE",
              pair.id,
              `\`${pair.id}\` became an @idempotencyToken`,
            ),
      ];
    }),
};
