import { describe, expect, it } from "vitest";
import {
  CredentialsFormatError,
  LOCAL_CREDENTIALS,
  localCredential,
  parseCredentialsFile,
  parseCredentialsList,
} from "../../src/auth/credentials.js";

describe("parseCredentialsList (SEQSTORE_CREDENTIALS)", () => {
  it("reads ACCESS_KEY_ID:SECRET:ACCOUNT_ID entries; the secret may contain colons", () => {
    expect(parseCredentialsList("AKIDA:sec/ret+1:111111111111, AKIDB:a:b:c:222222222222")).toEqual([
      { accessKeyId: "AKIDA", secretAccessKey: "sec/ret+1", accountId: "111111111111" },
      { accessKeyId: "AKIDB", secretAccessKey: "a:b:c", accountId: "222222222222" },
    ]);
  });

  it.each([
    { text: "AKIDA", message: "entry 1 is not ACCESS_KEY_ID:SECRET:ACCOUNT_ID" },
    { text: "AKIDA:111111111111", message: "entry 1 is not ACCESS_KEY_ID:SECRET:ACCOUNT_ID" },
    { text: "AKIDA:s:12", message: 'entry 1: accountId "12" is not a 12-digit AWS account id' },
    { text: "AKIDA::111111111111", message: "entry 1: secretAccessKey must be a non-empty string" },
    { text: "A K:s:111111111111", message: 'entry 1: accessKeyId "A K" is not 3-128 letters, digits or _' },
    { text: "AKIDA:s:111111111111,AKIDA:t:222222222222", message: "accessKeyId AKIDA is listed twice" },
    { text: " , ", message: "no credentials are listed" },
  ])("refuses $text", ({ text, message }) => {
    expect(() => parseCredentialsList(text)).toThrow(new CredentialsFormatError(message));
  });
});

describe("parseCredentialsFile", () => {
  it("reads a JSON array, with optional session tokens", () => {
    const text = JSON.stringify([
      { accessKeyId: "AKIDA", secretAccessKey: "s", accountId: "111111111111" },
      { accessKeyId: "ASIAB", secretAccessKey: "t", accountId: "222222222222", sessionToken: "tok" },
    ]);
    expect(parseCredentialsFile(text)).toEqual([
      { accessKeyId: "AKIDA", secretAccessKey: "s", accountId: "111111111111" },
      { accessKeyId: "ASIAB", secretAccessKey: "t", accountId: "222222222222", sessionToken: "tok" },
    ]);
  });

  it.each([
    { text: "{", message: /^not valid JSON \(/ },
    { text: "{}", message: /^must be a JSON array/ },
    { text: "[1]", message: /^entry 1 must be an object/ },
    {
      text: '[{"accessKeyId":"AKIDA","secretAccessKey":"s"}]',
      message: /^entry 1: accountId must be a non-empty string$/,
    },
    {
      text: '[{"accessKeyId":"AKIDA","secretAccessKey":7,"accountId":"111111111111"}]',
      message: /secretAccessKey/,
    },
    { text: "[]", message: /^no credentials are listed$/ },
  ])("refuses $text", ({ text, message }) => {
    expect(() => parseCredentialsFile(text)).toThrow(message);
  });
});

it("documents local default credentials for any account", () => {
  expect(LOCAL_CREDENTIALS).toEqual({
    accessKeyId: "AKIDSEQSTORELOCAL",
    secretAccessKey: "seqstore-local-secret",
  });
  expect(localCredential("123456789012")).toEqual({ ...LOCAL_CREDENTIALS, accountId: "123456789012" });
});
