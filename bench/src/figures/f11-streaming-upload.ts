import { streamingTransferFigure } from "./streaming-transfer.js";

export const streamingUploadFigure = streamingTransferFigure(11, "upload");
