// Finds the server stub's node:http adapter, if @seqstore/server exports one yet. Figure 2 turns on by itself
// once it does: add its export name to ADAPTER_EXPORTS if it is called something else.
import type { RequestListener } from "node:http";
import type { HandlerContext, OmicsHandlers, omicsService } from "@seqstore/server";

export const ADAPTER_EXPORTS = ["createNodeHandler", "createRequestListener"] as const;

export type NodeAdapterFactory = (
  service: typeof omicsService,
  handlers: OmicsHandlers<HandlerContext>,
) => RequestListener;

export async function findNodeAdapter(): Promise<{ name: string; factory: NodeAdapterFactory } | undefined> {
  const exports = (await import("@seqstore/server")) as Record<string, unknown>;
  for (const name of ADAPTER_EXPORTS) {
    const candidate = exports[name];
    if (typeof candidate === "function") return { name, factory: candidate as NodeAdapterFactory };
  }
  return undefined;
}
