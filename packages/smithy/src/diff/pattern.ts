// A conservative comparison of two regular expressions. In general nobody can tell whether one regex
// accepts a superset of another, but the common evolution of a model pattern, changing a repetition
// bound like `{1,64}` to `{1,128}`, can be judged exactly: same skeleton, different bounds.

export type PatternVerdict = "same" | "wider" | "narrower" | "unknown";

const QUANTIFIER = /(?<!\\)\{(\d+)(?:(,)(\d*))?\}/g;

interface Bounds {
  min: number;
  max: number;
}

function quantifiers(pattern: string): { skeleton: string; bounds: Bounds[] } {
  const bounds: Bounds[] = [];
  const skeleton = pattern.replace(QUANTIFIER, (_match, min: string, comma?: string, max?: string) => {
    const low = Number(min);
    const high =
      comma === undefined ? low : max === undefined || max === "" ? Number.POSITIVE_INFINITY : Number(max);
    bounds.push({ min: low, max: high });
    return "{}";
  });
  return { skeleton, bounds };
}

export function comparePatterns(before: string, after: string): PatternVerdict {
  if (before === after) return "same";
  const old = quantifiers(before);
  const next = quantifiers(after);
  if (old.skeleton !== next.skeleton || old.bounds.length !== next.bounds.length) return "unknown";
  let narrower = false;
  old.bounds.forEach((bound, index) => {
    const other = next.bounds[index] as Bounds;
    if (other.min > bound.min || other.max < bound.max) narrower = true;
  });
  return narrower ? "narrower" : "wider";
}
