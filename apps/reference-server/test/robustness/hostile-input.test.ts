// Hostile input against a real server process: table-driven edge cases, then thousands of generated
// requests (valid ones from the model's constraints, single-constraint breakers, and wire-level garbage).
// Every answer must be below 500, every 4xx AWS-shaped, every valid input accepted, and the process alive.
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type ServerProcess, startServerProcess } from "../e2e/server-process.js";
import {
  errorShapeProblems,
  HEAVY_TEST_TIMEOUT_MS,
  parseRawResponse,
  rawExchange,
  type Reply,
  runPool,
  SOAK,
  SignedClient,
  type SendOptions,
  Tally,
} from "./harness.js";
import { invalidValues, memberPaths, setAt, structureArbitrary, validValue } from "./model-arbitraries.js";

const SCALE = SOAK ? 10 : 1;
const SEED = Number(process.env.SEQSTORE_FUZZ_SEED ?? Date.now() % 2 ** 31);
const CONCURRENCY = 12;

let server: ServerProcess;
let client: SignedClient;
const tally = new Tally("hostile input");

async function send(options: SendOptions, what = `${options.method} ${options.path}`): Promise<Reply> {
  const reply = await client.send(options);
  tally.record(reply, what);
  return reply;
}

function create(body: unknown, extra: Partial<SendOptions> = {}): Promise<Reply> {
  return send({
    method: "POST",
    path: "/sequencestore",
    body: typeof body === "string" ? body : JSON.stringify(body),
    ...extra,
  });
}

function errorType(reply: Reply): unknown {
  return reply.headers["x-amzn-errortype"];
}

beforeAll(async () => {
  server = await startServerProcess([
    "--port=0",
    "--db=:memory:",
    "--max-stores=10000000",
    "--log-level=error",
  ]);
  client = new SignedClient(server.url, server.credentials, CONCURRENCY);
});

afterAll(async () => {
  client?.close();
  console.log(`${tally.summary()} (seed ${SEED})`);
  // The process must have survived everything.
  expect(server.child.exitCode).toBeNull();
  expect(server.child.signalCode).toBeNull();
  expect(await server.stop()).toBe(0);
});

const bigName = (chars: string, count: number) => JSON.stringify({ name: chars.repeat(count) });
const utf8 = (...parts: (string | number[])[]) =>
  Buffer.concat(parts.map((p) => (typeof p === "string" ? Buffer.from(p) : Buffer.from(p))));

describe("table-driven hostile bodies (POST /sequencestore)", () => {
  it.each<{
    case: string;
    body: string | Uint8Array;
    status: number;
    type?: string;
    contentType?: string | null;
  }>([
    { case: "truncated JSON", body: '{"name":', status: 400, type: "SerializationException" },
    { case: "trailing comma", body: '{"name":"x",}', status: 400, type: "SerializationException" },
    { case: "single quotes", body: "{'name':'x'}", status: 400, type: "SerializationException" },
    { case: "byte order mark", body: '\uFEFF{"name":"x"}', status: 400, type: "SerializationException" },
    { case: "array body", body: "[]", status: 400, type: "SerializationException" },
    { case: "string body", body: '"name"', status: 400, type: "SerializationException" },
    { case: "number body", body: "42", status: 400, type: "SerializationException" },
    { case: "null body", body: "null", status: 400, type: "ValidationException" },
    { case: "empty body (name is required)", body: "", status: 400, type: "ValidationException" },
    { case: "name is a number", body: '{"name":7}', status: 400, type: "SerializationException" },
    { case: "NUL in name", body: '{"name":"a\\u0000b"}', status: 400, type: "ValidationException" },
    {
      case: "control character in name",
      body: '{"name":"a\\u0007"}',
      status: 400,
      type: "ValidationException",
    },
    { case: "escaped lone surrogate", body: '{"name":"a\\ud800"}', status: 400, type: "ValidationException" },
    { case: "name of 128 ASCII", body: bigName("n", 128), status: 400, type: "ValidationException" },
    {
      case: "name of 128 astral symbols",
      body: bigName("😀", 128),
      status: 400,
      type: "ValidationException",
    },
    { case: "name of 127 ASCII", body: bigName("n", 127), status: 200 },
    { case: "name of 127 astral symbols (254 UTF-16 units)", body: bigName("😀", 127), status: 200 },
    { case: "name of one combining mark", body: '{"name":"\\u0301"}', status: 200 },
    { case: "name with a line separator", body: '{"name":"a\\u2028b"}', status: 200 },
    {
      case: "raw invalid UTF-8 byte",
      body: utf8('{"name":"a', [0xff], 'b"}'),
      status: 400,
      type: "ValidationException",
    },
    {
      case: "overlong UTF-8 '/'",
      body: utf8('{"name":"a', [0xc0, 0xaf], '"}'),
      status: 400,
      type: "ValidationException",
    },
    {
      case: "UTF-8-encoded surrogate",
      body: utf8('{"name":"a', [0xed, 0xa0, 0x80], '"}'),
      status: 400,
      type: "ValidationException",
    },
    {
      case: "truncated UTF-8 sequence",
      body: utf8('{"name":"a', [0xe2, 0x82], '"}'),
      status: 400,
      type: "ValidationException",
    },
    {
      case: "arrays nested 10 000 deep",
      body: `${"[".repeat(10_000)}${"]".repeat(10_000)}`,
      status: 400,
      type: "SerializationException",
    },
    {
      case: "objects nested 50 000 deep",
      body: `${'{"a":'.repeat(50_000)}1${"}".repeat(50_000)}`,
      status: 400,
      type: "SerializationException",
    },
    {
      case: "nesting hidden in a string is fine",
      body: JSON.stringify({ name: "[".repeat(100) }),
      status: 200,
    },
    {
      case: "20 000 tags (over the 50 allowed)",
      body: JSON.stringify({
        name: "wide",
        tags: Object.fromEntries(Array.from({ length: 20_000 }, (_, i) => [`k${i}`, "v"])),
      }),
      status: 400,
      type: "ValidationException",
    },
    {
      case: "body over the 1 MiB limit",
      body: JSON.stringify({ name: "x", description: "d".repeat(1_100_000) }),
      status: 413,
      type: "RequestEntityTooLargeException",
    },
    {
      case: "text/plain",
      body: '{"name":"x"}',
      contentType: "text/plain",
      status: 415,
      type: "UnsupportedMediaTypeException",
    },
    {
      case: "no content-type",
      body: '{"name":"x"}',
      contentType: null,
      status: 415,
      type: "UnsupportedMediaTypeException",
    },
    {
      case: "JSON with a charset",
      body: '{"name":"x"}',
      contentType: "application/json; charset=utf-8",
      status: 200,
    },
    { case: "upper-case media type", body: '{"name":"x"}', contentType: "APPLICATION/JSON", status: 200 },
    {
      case: "awsJson media type",
      body: '{"name":"x"}',
      contentType: "application/x-amz-json-1.1",
      status: 415,
      type: "UnsupportedMediaTypeException",
    },
    { case: "__proto__ member is ignored", body: '{"name":"p","__proto__":{"x":1}}', status: 200 },
    {
      case: "__proto__ tag key is data",
      body: '{"name":"p","tags":{"__proto__":"v","constructor":"c"}}',
      status: 200,
    },
  ])("$case → $status", async ({ body, status, type, contentType }) => {
    const reply = await create(body, contentType === undefined ? {} : { contentType });
    expect(reply.status, reply.body).toBe(status);
    if (type) expect(errorType(reply)).toBe(type);
    if (status >= 400) expect(errorShapeProblems(reply)).toEqual([]);
  });

  it("duplicate keys: the last one wins, as JSON.parse reads them, or the body is refused", async () => {
    const reply = await create('{"name":"first","name":"second"}');
    if (reply.status === 200) expect(JSON.parse(reply.body).name).toBe("second");
    else expect(errorType(reply)).toBe("ValidationException");
  });
});

describe("table-driven hostile paths, methods and headers", () => {
  it.each<{ case: string; method: string; path: string; status: number; type: string }>([
    {
      case: "encoded traversal in a label",
      method: "GET",
      path: "/sequencestore/..%2F..%2Fetc",
      status: 400,
      type: "ValidationException",
    },
    {
      case: "encoded dots and slashes",
      method: "GET",
      path: "/sequencestore/%2e%2e%2f%2e%2e%2fetc",
      status: 400,
      type: "ValidationException",
    },
    {
      case: "encoded NUL in a label",
      method: "GET",
      path: "/sequencestore/1234567890%00",
      status: 400,
      type: "ValidationException",
    },
    {
      case: "label too long",
      method: "GET",
      path: `/sequencestore/${"1".repeat(37)}`,
      status: 400,
      type: "ValidationException",
    },
    {
      case: "undecodable percent",
      method: "GET",
      path: "/sequencestore/%ZZ",
      status: 400,
      type: "ValidationException",
    },
    {
      case: "unknown path",
      method: "GET",
      path: "/etc/passwd",
      status: 404,
      type: "UnknownOperationException",
    },
    {
      case: "unknown operation under the service",
      method: "POST",
      path: "/sequencestore/1234567890/importjobs",
      status: 404,
      type: "UnknownOperationException",
    },
    {
      case: "known path, other method",
      method: "PUT",
      path: "/sequencestore",
      status: 405,
      type: "MethodNotAllowedException",
    },
    {
      case: "WebDAV method",
      method: "PROPFIND",
      path: "/sequencestore",
      status: 405,
      type: "MethodNotAllowedException",
    },
    {
      case: "maxResults not a number",
      method: "POST",
      path: "/sequencestores?maxResults=abc",
      status: 400,
      type: "SerializationException",
    },
    {
      case: "maxResults out of range",
      method: "POST",
      path: "/sequencestores?maxResults=101",
      status: 400,
      type: "ValidationException",
    },
    {
      case: "maxResults twice",
      method: "POST",
      path: "/sequencestores?maxResults=1&maxResults=2",
      status: 400,
      type: "ValidationException",
    },
    {
      case: "forged nextToken",
      method: "POST",
      path: "/sequencestores?nextToken=v1.x.y",
      status: 400,
      type: "ValidationException",
    },
    {
      case: "missing store",
      method: "GET",
      path: "/sequencestore/1234567890",
      status: 404,
      type: "ResourceNotFoundException",
    },
  ])("$case: $method $path → $status $type", async ({ method, path, status, type }) => {
    const reply = await send({ method, path, body: method === "GET" ? "" : "{}" });
    expect(reply.status, reply.body).toBe(status);
    expect(errorType(reply)).toBe(type);
    expect(errorShapeProblems(reply)).toEqual([]);
  });

  // Requests Node's HTTP parser refuses before the app sees them; they cannot be signed, and need none.
  it.each<{ case: string; raw: string; status: number; type: string }>([
    {
      case: "unknown method",
      raw: "FROB /sequencestore HTTP/1.1\r\nHost: x\r\n\r\n",
      status: 400,
      type: "BadRequestException",
    },
    {
      case: "garbage request line",
      raw: "\u0001\u0002 nonsense\r\n\r\n",
      status: 400,
      type: "BadRequestException",
    },
    {
      case: "header without a colon",
      raw: "GET /sequencestore/1234567890 HTTP/1.1\r\nHost: x\r\nbroken\r\n\r\n",
      status: 400,
      type: "BadRequestException",
    },
    {
      case: "Content-Length and Transfer-Encoding together",
      raw: "POST /sequencestore HTTP/1.1\r\nHost: x\r\nContent-Length: 3\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n",
      status: 400,
      type: "BadRequestException",
    },
    {
      case: "bad Content-Length",
      raw: "POST /sequencestore HTTP/1.1\r\nHost: x\r\nContent-Length: -1\r\n\r\n",
      status: 400,
      type: "BadRequestException",
    },
    {
      case: "20 KiB header",
      raw: `GET / HTTP/1.1\r\nHost: x\r\nX-Big: ${"a".repeat(20_480)}\r\n\r\n`,
      status: 431,
      type: "RequestHeaderFieldsTooLargeException",
    },
    {
      case: "unsigned request",
      raw: "GET /sequencestore/1234567890 HTTP/1.1\r\nHost: x\r\n\r\n",
      status: 403,
      type: "AccessDeniedException",
    },
  ])("$case → $status $type", async ({ raw, status, type }) => {
    const reply = parseRawResponse(await rawExchange(server.url, Buffer.from(raw, "latin1")));
    expect(reply, "a complete HTTP answer").toBeDefined();
    tally.record(reply!, "raw request");
    expect(reply!.status).toBe(status);
    expect(reply!.headers["x-amzn-errortype"]).toBe(type);
    expect(errorShapeProblems(reply!)).toEqual([]);
  });
});

describe("generated requests", () => {
  const createInput = structureArbitrary("CreateSequenceStoreRequest");
  const createdIds: string[] = [];
  let token = 0;
  /** Unique client tokens: a repeated token with other parameters is a (correct) 400, not what is tested here. */
  const withFreshToken = (input: Record<string, unknown>) =>
    input.clientToken === undefined
      ? input
      : { ...input, clientToken: `${[...String(input.clientToken)].slice(0, 100).join("")}#${token++}` };

  it(
    "accepts every valid CreateSequenceStore input the model allows",
    async () => {
      const inputs = fc.sample(createInput, { numRuns: 600 * SCALE, seed: SEED }).map(withFreshToken);
      const rejected: string[] = [];
      await runPool(inputs.length, CONCURRENCY, async (i) => {
        const input = inputs[i]!;
        const reply = await create(input);
        if (reply.status !== 200) {
          rejected.push(
            `${JSON.stringify(input).slice(0, 400)} → ${reply.status} ${reply.body.slice(0, 300)}`,
          );
          return;
        }
        const store = JSON.parse(reply.body) as Record<string, unknown>;
        createdIds.push(String(store.id));
        for (const member of ["name", "description", "fallbackLocation"] as const) {
          if (store[member] !== input[member])
            rejected.push(`${member} came back as ${JSON.stringify(store[member])}`);
        }
      });
      expect(rejected.slice(0, 5), `seed ${SEED}`).toEqual([]);
    },
    HEAVY_TEST_TIMEOUT_MS,
  );

  it(
    "accepts every valid Get, Update, List and Delete",
    async () => {
      const updates = fc.sample(structureArbitrary("UpdateSequenceStoreRequest"), {
        numRuns: 300 * SCALE,
        seed: SEED,
      });
      const lists = fc.sample(
        fc.tuple(
          structureArbitrary("ListSequenceStoresRequest"),
          fc.option(fc.integer({ min: 1, max: 100 })),
        ),
        { numRuns: 200 * SCALE, seed: SEED },
      );
      const unknownIds = fc.sample(validValue("SequenceStoreId"), { numRuns: 200 * SCALE, seed: SEED });
      const rejected: string[] = [];
      const expectOk = (reply: Reply, what: string, allowed: number[]) => {
        if (!allowed.includes(reply.status))
          rejected.push(`${what} → ${reply.status} ${reply.body.slice(0, 300)}`);
      };
      await runPool(updates.length, CONCURRENCY, async (i) => {
        const id = createdIds[i % createdIds.length]!;
        const input = withFreshToken(updates[i]!);
        const reply = await send({
          method: "PATCH",
          path: `/sequencestore/${id}`,
          body: JSON.stringify(input),
        });
        expectOk(reply, `update ${JSON.stringify(input).slice(0, 300)}`, [200]);
      });
      await runPool(lists.length, CONCURRENCY, async (i) => {
        const [input, maxResults] = lists[i]!;
        const path = maxResults === null ? "/sequencestores" : `/sequencestores?maxResults=${maxResults}`;
        const reply = await send({ method: "POST", path, body: JSON.stringify(input) });
        expectOk(reply, `list ${path} ${JSON.stringify(input)}`, [200]);
      });
      await runPool(unknownIds.length, CONCURRENCY, async (i) => {
        const id = String(unknownIds[i]);
        const get = await send({ method: "GET", path: `/sequencestore/${id}` });
        expectOk(get, `get ${id}`, [200, 404]);
        const gone = await send({ method: "DELETE", path: `/sequencestore/${id}` });
        expectOk(gone, `delete ${id}`, [200, 404]);
      });
      const deletions = createdIds.splice(0, 100 * SCALE);
      await runPool(deletions.length, CONCURRENCY, async (i) => {
        const reply = await send({ method: "DELETE", path: `/sequencestore/${deletions[i]}` });
        expectOk(reply, `delete ${deletions[i]}`, [200]);
      });
      expect(rejected.slice(0, 5), `seed ${SEED}`).toEqual([]);
    },
    HEAVY_TEST_TIMEOUT_MS,
  );

  it(
    "refuses an input that breaks one constraint with 400 ValidationException naming the member",
    async () => {
      const base = fc.sample(createInput, { numRuns: 1, seed: SEED })[0]!;
      // In restJson1 a null member is an absent one: null breaks only a required member.
      const cases = memberPaths("CreateSequenceStoreRequest").flatMap((path) =>
        invalidValues(path.target)
          .filter((value) => value !== null || path.required)
          .map((value) => ({ path, value })),
      );
      const bases = fc.sample(createInput, { numRuns: 40 * SCALE, seed: SEED + 1 });
      const wrong: string[] = [];
      const jobs = bases.flatMap((input) => cases.map((c) => ({ ...c, input: input ?? base })));
      await runPool(jobs.length, CONCURRENCY, async (i) => {
        const { path, value, input } = jobs[i]!;
        const broken = setAt(input, path.pointer, value);
        const reply = await create(broken);
        const pointer = `/${path.pointer.join("/")}`;
        const fields =
          reply.status === 400 ? ((JSON.parse(reply.body).fieldList ?? []) as { path: string }[]) : [];
        if (
          reply.status !== 400 ||
          !fields.some((f) => f.path === pointer || f.path.startsWith(`${pointer}/`))
        ) {
          wrong.push(
            `${pointer} = ${JSON.stringify(value)?.slice(0, 60)} → ${reply.status} ${reply.body.slice(0, 300)}`,
          );
        }
      });
      expect(wrong.slice(0, 5), `seed ${SEED}`).toEqual([]);
    },
    HEAVY_TEST_TIMEOUT_MS,
  );

  it(
    "survives wire-level garbage with 4xx AWS errors only",
    async () => {
      const validJson = createInput.map((input) => JSON.stringify(input));
      const invalidUtf8 = fc.constantFrom(
        [0xff],
        [0xc0, 0xaf],
        [0xed, 0xa0, 0x80],
        [0xe2, 0x82],
        [0xf8, 0x88, 0x80, 0x80, 0x80],
        [0x80],
      );
      const body = fc.oneof(
        fc.uint8Array({ maxLength: 2048 }),
        fc.string({ maxLength: 512, unit: "binary" }).map((s) => Buffer.from(s)),
        fc.tuple(validJson, fc.nat()).map(([json, cut]) => json.slice(0, cut % (json.length + 1))),
        fc.tuple(validJson, fc.nat(), invalidUtf8).map(([json, at, bytes]) => {
          const i = at % (json.length + 1);
          return Buffer.concat([
            Buffer.from(json.slice(0, i)),
            Buffer.from(bytes),
            Buffer.from(json.slice(i)),
          ]);
        }),
        fc.json({ maxDepth: 6 }),
        fc
          .tuple(fc.nat({ max: 300 }), fc.constantFrom("[", '{"a":', '{"name":['))
          .map(([n, open]) => open.repeat(n)),
        fc.tuple(validJson, validJson).map(([a, b]) => `${a.slice(0, -1)},${b.slice(1)}`),
      );
      const anyMethod = fc.constantFrom("POST", "PATCH", "GET", "DELETE", "PUT", "OPTIONS", "HEAD");
      const label = fc.oneof(
        validValue("SequenceStoreId").map(String),
        fc.string({ maxLength: 40, unit: "binary" }).map((s) => encodeURIComponent(s) || "x"),
      );
      const query = fc
        .tuple(fc.constantFrom("maxResults", "nextToken", "x"), fc.string({ maxLength: 30, unit: "binary" }))
        .map(([k, v]) => `?${k}=${encodeURIComponent(v)}`);
      // Mostly the method each path is for, so most requests reach body parsing and validation.
      const target = fc.oneof(
        {
          weight: 6,
          arbitrary: fc.record({ method: fc.constant("POST"), path: fc.constant("/sequencestore") }),
        },
        {
          weight: 2,
          arbitrary: fc.record({
            method: fc.constant("POST"),
            path: fc.option(query, { nil: "" }).map((q) => `/sequencestores${q}`),
          }),
        },
        {
          weight: 3,
          arbitrary: fc.record({
            method: fc.constantFrom("GET", "PATCH", "DELETE"),
            path: label.map((id) => `/sequencestore/${id}`),
          }),
        },
        {
          weight: 1,
          arbitrary: fc.record({
            method: anyMethod,
            path: fc.constantFrom("/sequencestore", "/sequencestores", "/"),
          }),
        },
      );
      const request = fc.record({
        target,
        body,
        contentType: fc.constantFrom(
          "application/json",
          "application/json",
          "application/json",
          "text/plain",
          null,
          "application/x-amz-json-1.1",
          "multipart/form-data; boundary=x",
        ),
      });
      const requests = fc.sample(request, { numRuns: 7_000 * SCALE, seed: SEED + 2 });
      await runPool(requests.length, CONCURRENCY, async (i) => {
        const { target: t, body: raw, contentType } = requests[i]!;
        const b = typeof raw === "string" ? raw : Buffer.from(raw);
        await send(
          {
            method: t.method,
            path: t.path,
            body: t.method === "GET" || t.method === "HEAD" ? "" : b,
            contentType,
          },
          `${t.method} ${t.path} ${Buffer.from(b).subarray(0, 80).toString("hex")}`,
        );
      });
      expect(tally.problems).toEqual([]);
      expect(tally.total).toBeGreaterThanOrEqual(SOAK ? 50_000 : 10_000);
    },
    HEAVY_TEST_TIMEOUT_MS,
  );
});
