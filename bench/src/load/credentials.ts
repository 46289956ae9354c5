// The made-up credentials the load driver signs with; the bench hands them to the reference server (--credentials).
export const BENCH_CREDENTIALS = {
  accessKeyId: "AKIDBENCHEXAMPLE0001",
  secretAccessKey: "bench/secret/key/not/a/real/one/0000000",
} as const;

export const BENCH_REGION = "us-east-1";

export const BENCH_ACCOUNT_ID = "123456789012";
