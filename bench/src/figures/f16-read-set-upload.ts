import { readSetTransferFigure } from "./read-set-transfer.js";

export const readSetUploadFigure = readSetTransferFigure(16, "upload");
