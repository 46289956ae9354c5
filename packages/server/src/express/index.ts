// `@seqstore/server/express`: the Express 5 adapter (Express is a peer dependency; only this entry loads it).
export { announcesBody, bodyTimeout } from "./body-timeout.js";
export { BodyAlreadyParsedError, createRouter, type RouterOptions } from "./create-router.js";
export { type ResponseInfo, responseInfo } from "./response-info.js";
