// Biome's native executable. node_modules/.bin/biome is a Node launcher that starts this binary; going
// straight to it saves a Node start (~0.1 s) per formatted file.
import { createRequire } from "node:module";
import path from "node:path";

/** The binary packages @biomejs/biome would pick on this machine, in its order (glibc before musl). */
export function biomeBinaryCandidates(platform: string, arch: string): string[] {
  const base = `@biomejs/cli-${platform}-${arch}`;
  const name = platform === "win32" ? "biome.exe" : "biome";
  return platform === "linux" ? [`${base}/${name}`, `${base}-musl/${name}`] : [`${base}/${name}`];
}

/** `BIOME_BINARY`, else the installed native package, else the Node launcher in node_modules/.bin. */
export function biomeBinary(repoRoot: string, env: NodeJS.ProcessEnv = process.env): string {
  if (env.BIOME_BINARY) return env.BIOME_BINARY;
  const require = createRequire(path.join(repoRoot, "package.json"));
  for (const candidate of biomeBinaryCandidates(process.platform, process.arch)) {
    try {
      return require.resolve(candidate);
    } catch {
      // Not installed for this platform (npm installs only the matching optional package).
    }
  }
  return path.join(repoRoot, "node_modules/.bin/biome");
}
