// The committed files the runner keeps: floors (the least passing counts) and the skip list.
import path from "node:path";
import { fileURLToPath } from "node:url";

const packageRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
export const FLOORS_FILE = path.join(packageRoot, "floors.json");
export const SKIP_LIST_FILE = path.join(packageRoot, "skip-list.json");
