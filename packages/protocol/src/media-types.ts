// Which media type a restJson1 message travels with: JSON for body members and structure payloads, the
// @mediaType of a blob or string payload, else application/octet-stream (blob) or text/plain (string).
import type { MemberBinding, WireType } from "./service.js";

export const JSON_MEDIA_TYPE = "application/json";
/** An @streaming union payload: binary event-stream messages. */
export const EVENT_STREAM_MEDIA_TYPE = "application/vnd.amazon.eventstream";

/** The media type of a payload member of `type`. */
export function payloadMediaType(type: WireType): string {
  switch (type.kind) {
    case "blob":
      return type.mediaType ?? "application/octet-stream";
    case "string":
      return type.mediaType ?? "text/plain";
    case "union":
      return type.eventStream ? EVENT_STREAM_MEDIA_TYPE : JSON_MEDIA_TYPE;
    default:
      return JSON_MEDIA_TYPE;
  }
}

/** The media type of a message with these bindings; undefined when it has no body at all. */
export function messageMediaType(bindings: readonly MemberBinding[]): string | undefined {
  let json = false;
  for (const binding of bindings) {
    if (binding.location === "payload") return payloadMediaType(binding.type);
    if (binding.location === "body") json = true;
  }
  return json ? JSON_MEDIA_TYPE : undefined;
}

/** "type/subtype" of a Content-Type or Accept item, lower case, parameters dropped. */
export function essence(mediaType: string): string {
  const semi = mediaType.indexOf(";");
  return (semi < 0 ? mediaType : mediaType.slice(0, semi)).trim().toLowerCase();
}

/** Whether an Accept header admits `mediaType` (absent, *\/*, type/*, or the type itself). */
export function accepts(accept: string | undefined, mediaType: string): boolean {
  if (accept === undefined || accept.trim() === "") return true;
  const wanted = essence(mediaType);
  const family = `${wanted.slice(0, wanted.indexOf("/"))}/*`;
  return accept.split(",").some((item) => {
    const range = essence(item);
    return range === "*/*" || range === wanted || range === family;
  });
}
