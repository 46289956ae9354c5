import { streamingTransferFigure } from "./streaming-transfer.js";

export const streamingDownloadFigure = streamingTransferFigure(12, "download");
