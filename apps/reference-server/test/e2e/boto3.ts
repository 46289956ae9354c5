// Whether boto3 tests can run here; they are skipped, with a message, where they cannot.
import { execFileSync } from "node:child_process";

export function boto3Available(suite: string): boolean {
  try {
    execFileSync("python3", ["-c", "import boto3"], { stdio: "ignore" });
    return true;
  } catch {
    console.warn(`${suite}: skipped, \`python3 -c 'import boto3'\` fails (pip install boto3 to run it)`);
    return false;
  }
}
