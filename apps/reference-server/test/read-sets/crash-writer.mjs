// Child process for part-store-crash.test.ts: writes parts as fast as it can until it is killed. Its
// "database" is a journal of acknowledged parts, one JSON line each, fsynced in the commit callback, the way
// a metadata transaction commits before UploadReadSetPart answers.
import { randomBytes } from "node:crypto";
import { closeSync, fsyncSync, openSync, writeSync } from "node:fs";
import { PartStore } from "../../dist/read-sets/part-store.js";

const [root, journalPath] = process.argv.slice(2);
const store = await PartStore.open(root);
const journal = openSync(journalPath, "a");
process.on("exit", () => closeSync(journal));

for (let i = 0; ; i++) {
  const partNumber = (i % 6) + 1;
  const size = 1 + Math.floor(Math.random() * 3 * 1024 * 1024);
  const bytes = randomBytes(size);
  async function* body() {
    for (let at = 0; at < bytes.length; at += 64 * 1024) yield bytes.subarray(at, at + 64 * 1024);
  }
  await store.writePart(
    { uploadKey: "crash", source: "SOURCE1", partNumber, body: body(), expectedLength: size },
    async (part) => {
      writeSync(journal, `${JSON.stringify(part)}\n`);
      fsyncSync(journal);
    },
  );
  if (i === 0) process.stdout.write("writing\n");
}
