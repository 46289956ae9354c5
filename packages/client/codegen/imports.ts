// The import lines of one generated module, collected while its code is written.

export class Imports {
  private readonly values = new Map<string, Set<string>>();
  private readonly types = new Map<string, Set<string>>();

  /** Records that the module uses `name` from `from` and returns `name`, to use in an expression. */
  value(from: string, name: string): string {
    add(this.values, from, name);
    return name;
  }

  /** Like `value`, for a type; `name` may be `Original as Local` (returns the local name). */
  type(from: string, name: string): string {
    add(this.types, from, name);
    return name.split(" as ").pop() as string;
  }

  lines(): string[] {
    const lines: string[] = [];
    const modules = [...new Set([...this.types.keys(), ...this.values.keys()])].sort();
    for (const from of modules) {
      const values = [...(this.values.get(from) ?? [])].sort();
      const types = [...(this.types.get(from) ?? [])].filter((name) => !values.includes(name)).sort();
      const specifiers = values.length > 0 ? [...values, ...types.map((t) => `type ${t}`)] : types;
      const keyword = values.length > 0 ? "import" : "import type";
      const list = specifiers.join(", ");
      lines.push(
        list.length > 80
          ? `${keyword} {\n${specifiers.map((s) => `  ${s},\n`).join("")}} from "${from}";`
          : `${keyword} { ${list} } from "${from}";`,
      );
    }
    return lines;
  }
}

function add(modules: Map<string, Set<string>>, from: string, name: string): void {
  const names = modules.get(from) ?? new Set<string>();
  names.add(name);
  modules.set(from, names);
}
