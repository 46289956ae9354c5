// Every figure, in the order of the issue (and of the results table).
import type { Figure } from "./figure.js";
import { expressStubFigure } from "./f01-express-stub.js";
import { nodeStubFigure } from "./f02-node-stub.js";
import { referenceServerFigure } from "./f03-reference-server.js";
import { clientCallsFigure } from "./f04-client-calls.js";
import { bundleSizeFigure } from "./f05-bundle-size.js";
import { generateFigure } from "./f06-generate.js";
import { generateCachedFigure } from "./f07-generate-cached.js";
import { modelLoadFigure } from "./f08-model-load.js";
import { lifecycleScaleFigure } from "./f09-lifecycle-scale.js";
import { generateAwsModelFigure } from "./f10-generate-aws-model.js";
import { durableFloorFigure } from "./f11-durable-floor.js";
import { instancesFigure, postgresFigure } from "./f12-postgres.js";
import { streamingUploadFigure } from "./f14-streaming-upload.js";
import { streamingDownloadFigure } from "./f15-streaming-download.js";
import { readSetUploadFigure } from "./f16-read-set-upload.js";
import { readSetDownloadFigure } from "./f17-read-set-download.js";

export const FIGURES: readonly Figure[] = [
  expressStubFigure,
  nodeStubFigure,
  referenceServerFigure,
  clientCallsFigure,
  bundleSizeFigure,
  generateFigure,
  generateCachedFigure,
  modelLoadFigure,
  lifecycleScaleFigure,
  generateAwsModelFigure,
  durableFloorFigure,
  postgresFigure,
  instancesFigure,
  streamingUploadFigure,
  streamingDownloadFigure,
  readSetUploadFigure,
  readSetDownloadFigure,
];
