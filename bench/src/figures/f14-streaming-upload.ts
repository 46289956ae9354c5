import { streamingTransferFigure } from "./streaming-transfer.js";

export const streamingUploadFigure = streamingTransferFigure(14, "upload");
