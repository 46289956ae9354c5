// What every diff rule reads: the two models, indexed as added / removed / kept shapes and members.
import type { AstMember, AstModel, AstShape, NodeValue } from "../ast.js";
import { builtInShapeIds } from "../loader/load-model.js";
import type { DiffEvent, DiffSeverity } from "./types.js";

type Traits = Record<string, NodeValue>;

/** A shape present in both models (its type may have changed). */
export interface ShapePair {
  id: string;
  old: AstShape;
  new: AstShape;
}

/** A member (`ns#Shape$name`) of a shape present in both models. */
export interface MemberPair {
  id: string;
  containerId: string;
  name: string;
  old: AstMember;
  new: AstMember;
  oldContainer: AstShape;
  newContainer: AstShape;
}

/** A member present in only one of the two versions of its container. */
export interface LoneMember {
  id: string;
  containerId: string;
  name: string;
  member: AstMember;
  container: AstShape;
}

/** Anything that carries traits and exists in both models: a shape or a member. */
export interface TraitHolderPair {
  id: string;
  oldTraits: Traits;
  newTraits: Traits;
  /** Set for members, so rules can look at the target. */
  member?: MemberPair;
}

export type Side = "old" | "new";

/**
 * Members a rule compares by name: structure/union members, a list's `member`, a map's `key` and
 * `value`. Enum members are values, not data members: the enum rules judge them.
 */
export function namedMembers(shape: AstShape): [string, AstMember][] {
  switch (shape.type) {
    case "structure":
    case "union":
      return Object.entries(shape.members ?? {});
    case "list":
    case "set":
      return shape.member ? [["member", shape.member]] : [];
    case "map": {
      const result: [string, AstMember][] = [];
      if (shape.key) result.push(["key", shape.key]);
      if (shape.value) result.push(["value", shape.value]);
      return result;
    }
    default:
      return [];
  }
}

export function traitsOf(node: { traits?: Traits } | undefined): Traits {
  return node?.traits ?? {};
}

export function hasTrait(node: { traits?: Traits } | undefined, traitId: string): boolean {
  return node?.traits !== undefined && Object.hasOwn(node.traits, traitId);
}

const BUILT_IN_NAMESPACES = /^(smithy\.api|smithy\.rules|smithy\.waiters|aws\.[a-z]+)#/;

/** Prelude and bundled trait shapes belong to the toolchain, not to the model being diffed. */
function builtInFilter(): (id: string) => boolean {
  try {
    const ids = builtInShapeIds();
    return (id) => ids.has(id);
  } catch {
    // The bundled models could not be read: fall back to their namespaces.
    return (id) => BUILT_IN_NAMESPACES.test(id);
  }
}

export class DiffContext {
  readonly added: [string, AstShape][] = [];
  readonly removed: [string, AstShape][] = [];
  readonly kept: ShapePair[] = [];
  readonly members: MemberPair[] = [];
  readonly addedMembers: LoneMember[] = [];
  readonly removedMembers: LoneMember[] = [];

  constructor(
    readonly oldModel: AstModel,
    readonly newModel: AstModel,
    /** Traits some specific rule judges; the generic trait rules skip them. */
    readonly handledTraits: ReadonlySet<string> = new Set(),
    includeBuiltIns = false,
  ) {
    const skip = includeBuiltIns ? () => false : builtInFilter();
    const ids = (model: AstModel) => Object.keys(model.shapes).filter((id) => !skip(id));
    for (const id of ids(oldModel).sort()) {
      const oldShape = oldModel.shapes[id] as AstShape;
      const newShape = newModel.shapes[id];
      if (newShape === undefined) this.removed.push([id, oldShape]);
      else this.kept.push({ id, old: oldShape, new: newShape });
    }
    for (const id of ids(newModel).sort()) {
      if (oldModel.shapes[id] === undefined) this.added.push([id, newModel.shapes[id] as AstShape]);
    }
    for (const pair of this.kept) this.indexMembers(pair);
  }

  private indexMembers(pair: ShapePair): void {
    const oldMembers = new Map(namedMembers(pair.old));
    const newMembers = new Map(namedMembers(pair.new));
    for (const [name, oldMember] of oldMembers) {
      const id = `${pair.id}$${name}`;
      const newMember = newMembers.get(name);
      if (newMember === undefined) {
        this.removedMembers.push({ id, containerId: pair.id, name, member: oldMember, container: pair.old });
      } else {
        this.members.push({
          id,
          containerId: pair.id,
          name,
          old: oldMember,
          new: newMember,
          oldContainer: pair.old,
          newContainer: pair.new,
        });
      }
    }
    for (const [name, newMember] of newMembers) {
      if (!oldMembers.has(name)) {
        const id = `${pair.id}$${name}`;
        this.addedMembers.push({ id, containerId: pair.id, name, member: newMember, container: pair.new });
      }
    }
  }

  /** Shapes and members present in both models, with their traits. */
  traitHolders(): TraitHolderPair[] {
    const shapes = this.kept.map((pair) => ({
      id: pair.id,
      oldTraits: traitsOf(pair.old),
      newTraits: traitsOf(pair.new),
    }));
    const members = this.members.map((member) => ({
      id: member.id,
      oldTraits: traitsOf(member.old),
      newTraits: traitsOf(member.new),
      member,
    }));
    return [...shapes, ...members];
  }

  model(side: Side): AstModel {
    return side === "old" ? this.oldModel : this.newModel;
  }

  shape(side: Side, id: string | undefined): AstShape | undefined {
    return id === undefined ? undefined : this.model(side).shapes[id];
  }

  /** A trait of a member, falling back to the member's target shape (constraints can sit on either). */
  effectiveTrait(side: Side, member: AstMember, traitId: string): NodeValue | undefined {
    return member.traits?.[traitId] ?? this.shape(side, member.target)?.traits?.[traitId];
  }

  /** The definition (`smithy.api#trait` value) of a trait, as the new model states it. */
  traitDefinition(traitId: string): Traits | undefined {
    const definition = this.newModel.shapes[traitId]?.traits?.["smithy.api#trait"];
    return definition !== null && typeof definition === "object" && !Array.isArray(definition)
      ? definition
      : undefined;
  }

  event(id: string, severity: DiffSeverity, shapeId: string, message: string): DiffEvent {
    return { id, severity, shapeId, message };
  }
}
