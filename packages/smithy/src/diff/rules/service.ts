// Service-level settings: version, renames, protocols and auth schemes.
import type { AstModel } from "../../ast.js";
import { type DiffContext, hasTrait, type ShapePair } from "../context.js";
import type { DiffEvent, DiffRule } from "../types.js";

const isService = (pair: ShapePair) => pair.old.type === "service" && pair.new.type === "service";

/** Traits whose definition is marked with `meta` (@protocolDefinition / @authDefinition). */
export function isMetaTrait(model: AstModel, traitId: string, meta: string): boolean {
  return hasTrait(model.shapes[traitId], meta);
}

export function isProtocolOrAuthTrait(ctx: DiffContext, traitId: string): boolean {
  return [ctx.oldModel, ctx.newModel].some(
    (model) =>
      isMetaTrait(model, traitId, "smithy.api#protocolDefinition") ||
      isMetaTrait(model, traitId, "smithy.api#authDefinition"),
  );
}

export const changedServiceVersion: DiffRule = {
  id: "ChangedServiceVersion",
  category: "operations",
  description:
    "WARNING: the service version changed (harmless for restJson1, but query protocols send it and SDKs key on it).",
  check: (ctx) =>
    ctx.kept
      .filter((pair) => isService(pair) && pair.old.version !== pair.new.version)
      .map((pair) =>
        ctx.event(
          "ChangedServiceVersion",
          "WARNING",
          pair.id,
          `Version of \`${pair.id}\` changed from ${JSON.stringify(pair.old.version ?? "")} to ${JSON.stringify(pair.new.version ?? "")}`,
        ),
      ),
};

export const changedServiceRename: DiffRule = {
  id: "ServiceRename",
  category: "shapes",
  description: "ERROR: a service `rename` entry was added, removed or changed (generated type names change).",
  check: (ctx) =>
    ctx.kept.filter(isService).flatMap((pair) => {
      const before = pair.old.rename ?? {};
      const after = pair.new.rename ?? {};
      const ids = [...new Set([...Object.keys(before), ...Object.keys(after)])].sort();
      return ids
        .filter((id) => before[id] !== after[id])
        .map((id) =>
          ctx.event(
            "ServiceRename",
            "ERROR",
            id,
            `\`${pair.id}\` now names \`${id}\` ${JSON.stringify(after[id] ?? id.split("#")[1])} instead of ${JSON.stringify(before[id] ?? id.split("#")[1])}`,
          ),
        );
    }),
};

function metaTraitChanges(ctx: DiffContext, meta: string, id: string, what: string): DiffEvent[] {
  return ctx.kept.filter(isService).flatMap((pair) => {
    const list = (shape: typeof pair.old, model: AstModel) =>
      Object.keys(shape.traits ?? {}).filter((trait) => isMetaTrait(model, trait, meta));
    const before = list(pair.old, ctx.oldModel);
    const after = list(pair.new, ctx.newModel);
    return [
      ...before
        .filter((trait) => !after.includes(trait))
        .map((trait) =>
          ctx.event(
            `${id}.Removed`,
            "ERROR",
            pair.id,
            `\`${pair.id}\` no longer supports ${what} \`${trait}\``,
          ),
        ),
      ...after
        .filter((trait) => !before.includes(trait))
        .map((trait) =>
          ctx.event(`${id}.Added`, "NOTE", pair.id, `\`${pair.id}\` now also supports ${what} \`${trait}\``),
        ),
    ];
  });
}

export const changedProtocols: DiffRule = {
  id: "ChangedProtocols",
  category: "operations",
  description:
    "ERROR: a protocol trait (e.g. aws.protocols#restJson1) was removed from a service; NOTE when one was added.",
  check: (ctx) => metaTraitChanges(ctx, "smithy.api#protocolDefinition", "ChangedProtocols", "protocol"),
};

export const changedAuthSchemes: DiffRule = {
  id: "ChangedAuthSchemes",
  category: "operations",
  description:
    "ERROR: an auth scheme trait (e.g. aws.auth#sigv4) was removed from a service; NOTE when one was added.",
  check: (ctx) => metaTraitChanges(ctx, "smithy.api#authDefinition", "ChangedAuthSchemes", "auth scheme"),
};
