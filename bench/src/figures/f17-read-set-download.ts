import { readSetTransferFigure } from "./read-set-transfer.js";

export const readSetDownloadFigure = readSetTransferFigure(17, "download");
