// `smithy build`: smithy-build.json, projections and plugins.
export { BuildConfigError, parseBuildConfig, readBuildConfig } from "./build-config.js";
export type { PluginSettings, ProjectionConfig, SmithyBuildConfig } from "./build-config.js";
export { BUILT_IN_PLUGINS, toJsonFile } from "./plugins.js";
export type { BuildPlugin, PluginFile, PluginResult } from "./plugins.js";
export { describeFiles, runBuild } from "./run-build.js";
export type { BuildOptions, BuildResult, ProjectionResult } from "./run-build.js";
