// Measures what one CreateSequenceStore call costs a browser bundle: our client vs @aws-sdk/client-omics.
//   npx tsx scripts/bundle-size.ts [out.json] [--analyze]
// All entries are bundled the same way (esbuild, ESM, minified, browser, es2022) and gzipped.
// Ours three times: `send` (createOmicsSendClient + send(CreateSequenceStore), like the SDK's
// OmicsClient + CreateSequenceStoreCommand: no raw openapi-fetch client, no middleware) and `modular`
// (createOmicsBaseClient, the same plus `raw`) keep only the operation they import; `methods`
// (createOmicsClient, a method per operation) carries every operation of the service.
// --analyze prints the heaviest inputs of the send and modular bundles (from esbuild's metafile).
import { writeFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import { gzipSync } from "node:zlib";
import { build, type Metafile } from "esbuild";

const packageRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");

interface Size {
  min: number;
  gzip: number;
}

// Our source (not dist/), so the numbers need no build first; esbuild strips the types.
const OUR_ENTRY = JSON.stringify(path.join(packageRoot, "src/index.ts"));
const OUR_OPTIONS = `{
  baseUrl: "https://control-storage-omics.us-east-1.amazonaws.com",
  region: "us-east-1",
  credentials: async () => ({ accessKeyId: "AKID", secretAccessKey: "secret" }),
}`;

const OURS_SEND = `
import { createOmicsSendClient, CreateSequenceStore } from ${OUR_ENTRY};
const client = createOmicsSendClient(${OUR_OPTIONS});
client.send(CreateSequenceStore, { name: "store" }).then(console.log, console.error);
`;

const OURS_MODULAR = `
import { createOmicsBaseClient, CreateSequenceStore } from ${OUR_ENTRY};
const client = createOmicsBaseClient(${OUR_OPTIONS});
client.send(CreateSequenceStore, { name: "store" }).then(console.log, console.error);
`;

const OURS_METHODS = `
import { createOmicsClient } from ${OUR_ENTRY};
const client = createOmicsClient(${OUR_OPTIONS});
client.createSequenceStore({ name: "store" }).then(console.log, console.error);
`;

const AWS_SDK = `
import { CreateSequenceStoreCommand, OmicsClient } from "@aws-sdk/client-omics";
const client = new OmicsClient({
  region: "us-east-1",
  credentials: async () => ({ accessKeyId: "AKID", secretAccessKey: "secret" }),
});
client.send(new CreateSequenceStoreCommand({ name: "store" })).then(console.log, console.error);
`;

async function bundle(source: string): Promise<{ size: Size; metafile: Metafile }> {
  const result = await build({
    stdin: { contents: source, resolveDir: packageRoot, loader: "ts" },
    bundle: true,
    format: "esm",
    minify: true,
    platform: "browser",
    target: "es2022",
    write: false,
    metafile: true,
    logLevel: "error",
  });
  const code = result.outputFiles[0]?.contents ?? new Uint8Array();
  return {
    size: { min: code.byteLength, gzip: gzipSync(code, { level: 9 }).byteLength },
    metafile: result.metafile,
  };
}

/** The inputs that put the most bytes into the output, heaviest first. */
function heaviestInputs(metafile: Metafile, count: number): [string, number][] {
  const bytes = new Map<string, number>();
  for (const output of Object.values(metafile.outputs)) {
    for (const [input, { bytesInOutput }] of Object.entries(output.inputs)) {
      bytes.set(input, (bytes.get(input) ?? 0) + bytesInOutput);
    }
  }
  return [...bytes].sort((a, b) => b[1] - a[1]).slice(0, count);
}

async function main(): Promise<void> {
  const { values, positionals } = parseArgs({
    allowPositionals: true,
    options: { analyze: { type: "boolean" } },
  });
  const [send, modular, methods, awsSdk] = await Promise.all([
    bundle(OURS_SEND),
    bundle(OURS_MODULAR),
    bundle(OURS_METHODS),
    bundle(AWS_SDK),
  ]);
  const ratio = (ours: Size) => Number((ours.gzip / awsSdk.size.gzip).toFixed(4));
  const report = {
    send: { ...send.size, ratio: ratio(send.size) },
    modular: { ...modular.size, ratio: ratio(modular.size) },
    methods: { ...methods.size, ratio: ratio(methods.size) },
    awsSdk: awsSdk.size,
  };
  const json = `${JSON.stringify(report, null, 2)}\n`;
  const outPath = positionals[0];
  if (outPath) writeFileSync(outPath, json);
  else process.stdout.write(json);
  if (values.analyze) {
    for (const [name, { metafile }] of Object.entries({ send, modular })) {
      console.error(`${name}:`);
      for (const [input, size] of heaviestInputs(metafile, 20)) {
        console.error(`${String(size).padStart(8)}  ${path.relative(packageRoot, input)}`);
      }
    }
  }
}

main().catch((error: unknown) => {
  console.error(`bundle-size failed: ${error instanceof Error ? error.message : String(error)}`);
  process.exitCode = 1;
});
