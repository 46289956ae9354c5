// The one exception the IDL parser throws internally; loadModel turns it into a `Model` event.

export class IdlSyntaxError extends Error {
  constructor(
    readonly filename: string,
    readonly line: number,
    readonly column: number,
    readonly detail: string,
    /** Some errors (duplicate keys) are reported by Smithy without the "Syntax error at" prefix. */
    plain = false,
  ) {
    super(plain ? detail : `Syntax error at line ${line}, column ${column}: ${detail}`);
    this.name = "IdlSyntaxError";
  }
}
