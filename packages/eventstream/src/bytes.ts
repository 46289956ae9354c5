/**
 * Whether `value` is a Uint8Array (a Node Buffer included) from any realm: `instanceof` fails for
 * arrays made in another frame, worker-transferred code or a `vm` context.
 */
export function isUint8Array(value: unknown): value is Uint8Array {
  return value instanceof Uint8Array || Object.prototype.toString.call(value) === "[object Uint8Array]";
}
