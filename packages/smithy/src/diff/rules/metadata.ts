// Model metadata (`metadata foo = ...`): suppressions, validators and tool settings.
import { nodeEquals } from "../../loader/node-equal.js";
import type { DiffRule } from "../types.js";

export const changedMetadata: DiffRule = {
  id: "ChangedMetadata",
  category: "other",
  description:
    "NOTE (ChangedMetadata.Added) for a new metadata key; WARNING when a key was removed or changed.",
  check: (ctx) => {
    const before = ctx.oldModel.metadata ?? {};
    const after = ctx.newModel.metadata ?? {};
    const keys = [...new Set([...Object.keys(before), ...Object.keys(after)])].sort();
    return keys.flatMap((key) => {
      const from = before[key];
      const to = after[key];
      if (from === undefined)
        return [ctx.event("ChangedMetadata.Added", "NOTE", "-", `Added metadata \`${key}\``)];
      if (to === undefined)
        return [ctx.event("ChangedMetadata.Removed", "WARNING", "-", `Removed metadata \`${key}\``)];
      if (nodeEquals(from, to)) return [];
      return [ctx.event("ChangedMetadata", "WARNING", "-", `Changed metadata \`${key}\``)];
    });
  },
};
