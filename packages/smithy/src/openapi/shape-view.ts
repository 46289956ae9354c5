// A uniform view of "a shape or a member" — smithy-jsonschema treats both as shapes whose traits
// shape the resulting schema, with member traits falling back to the target for constraints.
import type { AstMember, AstModel, AstShape, NodeValue, ShapeType } from "../ast.js";
import { getShape } from "../model/shapes.js";

export interface ShapeView {
  /** Absolute shape ID, or member ID ("ns#Shape$member"). */
  id: string;
  /** The shape's own type, or "member". */
  type: ShapeType | "member";
  traits: Record<string, NodeValue>;
  /** Members: the container shape and member name. */
  container?: string;
  memberName?: string;
  /** Members: the target shape ID. */
  target?: string;
  node: AstShape | AstMember;
}

export function viewShape(model: AstModel, id: string): ShapeView {
  const shape = getShape(model, id);
  if (!shape) throw new Error(`Shape not found: ${id}`);
  return { id, type: shape.type as ShapeType, traits: shape.traits ?? {}, node: shape };
}

export function viewMember(container: string, memberName: string, member: AstMember): ShapeView {
  return {
    id: `${container}$${memberName}`,
    type: "member",
    traits: member.traits ?? {},
    container,
    memberName,
    target: member.target,
    node: member,
  };
}

/** The members of a structure/union/list/map as views, in declaration order. */
export function memberViews(id: string, shape: AstShape): ShapeView[] {
  if (shape.type === "list" || shape.type === "set") {
    return shape.member ? [viewMember(id, "member", shape.member)] : [];
  }
  if (shape.type === "map") {
    const views: ShapeView[] = [];
    if (shape.key) views.push(viewMember(id, "key", shape.key));
    if (shape.value) views.push(viewMember(id, "value", shape.value));
    return views;
  }
  return Object.entries(shape.members ?? {}).map(([name, m]) => viewMember(id, name, m));
}

export function hasOwnTrait(view: ShapeView, trait: string): boolean {
  return Object.hasOwn(view.traits, trait);
}

export function ownTrait(view: ShapeView, trait: string): NodeValue | undefined {
  return Object.hasOwn(view.traits, trait) ? view.traits[trait] : undefined;
}

/** The trait on a member, else on its target (Smithy's getMemberTrait); for shapes, their own. */
export function memberTrait(model: AstModel, view: ShapeView, trait: string): NodeValue | undefined {
  const own = ownTrait(view, trait);
  if (own !== undefined || view.target === undefined) return own;
  const target = getShape(model, view.target);
  return target?.traits && Object.hasOwn(target.traits, trait) ? target.traits[trait] : undefined;
}

/** The type of the shape itself, or of the member's target. */
export function resolvedType(model: AstModel, view: ShapeView): ShapeType | undefined {
  if (view.type !== "member") return view.type;
  const type = view.target ? getShape(model, view.target)?.type : undefined;
  return type === "apply" ? undefined : type;
}
