// The generators share one loaded model and OpenAPI document; freezing them turns a generator that
// changes its input (which would leak into the others' output) into an immediate TypeError.

/**
 * @template T
 * @param {T} value
 * @returns {T}
 */
export function deepFreeze(value) {
  if (value !== null && typeof value === "object" && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const child of Object.values(value)) deepFreeze(child);
  }
  return value;
}
