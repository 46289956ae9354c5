// Child process for part-store-unprivileged.test.ts, run as an unprivileged user: a read set's whole life
// (write, complete, read-only, delete) must work without root's disregard for permissions.
import { readdirSync } from "node:fs";
import { PartStore } from "../../dist/read-sets/part-store.js";

const store = await PartStore.open(process.argv[2]);
async function* body() {
  yield Buffer.from("ACGT");
}
const part = await store.writePart(
  { uploadKey: "u", source: "SOURCE1", partNumber: 1, body: body() },
  async () => {},
);
await store.completeUpload("u", "rs", { SOURCE1: [part] });
await store.deleteReadSet("rs");
await store.writePart({ uploadKey: "u2", source: "SOURCE1", partNumber: 1, body: body() }, async () => {});
await store.completeUpload("u2", "rs2", { SOURCE1: [part] });
await store.sweep({ uploadParts: async () => undefined, readSetExists: async () => false });
process.stdout.write(
  JSON.stringify(["read-sets", "uploads", "trash"].map((d) => readdirSync(`${process.argv[2]}/${d}`))),
);
