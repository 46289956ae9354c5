import { streamingTransferFigure } from "./streaming-transfer.js";

export const streamingDownloadFigure = streamingTransferFigure(15, "download");
