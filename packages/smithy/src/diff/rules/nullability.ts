// Whether a member may be absent: @required, @default, @clientOptional, @input. Generated types make
// required/defaulted members non-optional, so flipping nullability breaks code on one side.
import { nodeEquals } from "../../loader/node-equal.js";
import { type DiffContext, hasTrait, type MemberPair } from "../context.js";
import type { DiffEvent, DiffRule } from "../types.js";

const REQUIRED = "smithy.api#required";
const DEFAULT = "smithy.api#default";
const ADDED_DEFAULT = "smithy.api#addedDefault";
const CLIENT_OPTIONAL = "smithy.api#clientOptional";
const INPUT = "smithy.api#input";

function memberEvents(ctx: DiffContext, pair: MemberPair): DiffEvent[] {
  const events: DiffEvent[] = [];
  const was = (trait: string) => hasTrait(pair.old, trait);
  const is = (trait: string) => hasTrait(pair.new, trait);
  const where = `Member \`${pair.name}\` of \`${pair.containerId}\``;
  const inInput = hasTrait(pair.newContainer, INPUT);

  if (!was(REQUIRED) && is(REQUIRED) && !is(DEFAULT)) {
    events.push(
      ctx.event(
        "ChangedNullability.AddedRequiredTrait",
        "ERROR",
        pair.id,
        `${where} was made @required without a @default: existing callers that omit it now fail`,
      ),
    );
  }
  if (was(REQUIRED) && !is(REQUIRED)) {
    const target = ctx.shape("new", pair.new.target);
    if (is(DEFAULT) || inInput || was(CLIENT_OPTIONAL)) {
      events.push(
        ctx.event(
          "ChangedNullability.RemovedRequiredTrait",
          "NOTE",
          pair.id,
          `${where} is no longer @required (${is(DEFAULT) ? "replaced by a @default" : "callers may still send it"})`,
        ),
      );
    } else {
      const aggregate = target?.type === "structure" || target?.type === "union";
      events.push(
        ctx.event(
          "ChangedNullability.RemovedRequiredTrait",
          aggregate ? "WARNING" : "ERROR",
          pair.id,
          `${where} is no longer @required and has no @default: readers that relied on it being present break`,
        ),
      );
    }
  }
  if (!was(DEFAULT) && is(DEFAULT) && !was(REQUIRED)) {
    const marked = is(ADDED_DEFAULT);
    events.push(
      ctx.event(
        "ChangedNullability.AddedDefaultTrait",
        marked ? "NOTE" : "ERROR",
        pair.id,
        marked
          ? `${where} gained a @default marked with @addedDefault`
          : `${where} gained a @default without @addedDefault: it changes from optional to always-present`,
      ),
    );
  }
  if (!was(CLIENT_OPTIONAL) && is(CLIENT_OPTIONAL) && was(REQUIRED) && is(REQUIRED)) {
    events.push(
      ctx.event(
        "ChangedNullability.AddedClientOptionalTrait",
        "ERROR",
        pair.id,
        `${where} is @required but gained @clientOptional: clients now see it as optional`,
      ),
    );
  }
  return events;
}

export const changedNullability: DiffRule = {
  id: "ChangedNullability",
  category: "members",
  description:
    "ERROR when a member becomes required without a default, loses @required (WARNING for structure/union targets; NOTE in @input structures or when a @default replaces it), gains a @default without @addedDefault, or a required member gains @clientOptional; ERROR/WARNING when a structure loses/gains @input.",
  traits: [REQUIRED, ADDED_DEFAULT, CLIENT_OPTIONAL, INPUT, "smithy.api#output"],
  check: (ctx) => {
    const events = ctx.members
      .filter((pair) => pair.oldContainer.type === "structure" && pair.newContainer.type === "structure")
      .flatMap((pair) => memberEvents(ctx, pair));
    for (const pair of ctx.kept) {
      const was = hasTrait(pair.old, INPUT);
      const is = hasTrait(pair.new, INPUT);
      if (was && !is) {
        events.push(
          ctx.event(
            "ChangedNullability.RemovedInputTrait",
            "ERROR",
            pair.id,
            `\`${pair.id}\` lost the @input trait: its @required members become non-optional for clients`,
          ),
        );
      } else if (!was && is) {
        events.push(
          ctx.event(
            "ChangedNullability.AddedInputTrait",
            "WARNING",
            pair.id,
            `\`${pair.id}\` gained the @input trait: its @required members become optional for clients`,
          ),
        );
      }
    }
    return events;
  },
};

export const changedDefault: DiffRule = {
  id: "ChangedDefault",
  category: "members",
  description:
    "ERROR: a member's @default value changed or was removed (readers silently get a different value); adding one is judged by ChangedNullability.",
  traits: [DEFAULT],
  check: (ctx) =>
    ctx.members.flatMap((pair) => {
      const before = pair.old.traits?.[DEFAULT];
      const after = pair.new.traits?.[DEFAULT];
      if (before === undefined) return [];
      const where = `Member \`${pair.name}\` of \`${pair.containerId}\``;
      if (after === undefined) {
        return [
          ctx.event(
            "ChangedDefault",
            "ERROR",
            pair.id,
            `${where} lost its @default ${JSON.stringify(before)}`,
          ),
        ];
      }
      if (nodeEquals(before, after)) return [];
      return [
        ctx.event(
          "ChangedDefault",
          "ERROR",
          pair.id,
          `${where} changed its @default from ${JSON.stringify(before)} to ${JSON.stringify(after)}`,
        ),
      ];
    }),
};
