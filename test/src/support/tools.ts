import { loadTool } from '../../../tools/load.mjs';

/**
 * The first test that needs a tool of tools/ installs that package (npm ci of its own lock, about
 * 135 MB): give the hook that loads it this long. Later loads find it installed and take no time.
 */
export const TOOLS_INSTALL_TIMEOUT_MS = 300_000;

/** The part of @forge/manifest the manifest test uses. */
export type ForgeManifest = {
  validate(
    basic: boolean,
    manifestPath: string,
  ): Promise<{
    success: boolean;
    errors?: { level: string; line?: number; message: string }[];
    manifestObject?: { typedContent?: unknown };
  }>;
};

/** The part of @redocly/openapi-core the OpenAPI lint test uses. */
export type RedoclyOpenApiCore = {
  createConfig(config: { extends: string[] }): Promise<unknown>;
  lintFromString(options: {
    source: string;
    absoluteRef: string;
    config: unknown;
  }): Promise<{ severity: string; ruleId: string; message: string; location: { pointer?: string }[] }[]>;
};

/** @forge/manifest from tools/ (installed on first use). */
export const loadForgeManifest = async () => (await loadTool('@forge/manifest')) as ForgeManifest;

/** @redocly/openapi-core from tools/ (installed on first use). */
export const loadRedoclyOpenApiCore = async () => (await loadTool('@redocly/openapi-core')) as RedoclyOpenApiCore;

/** For tests that use a tool through our own code (client/src/generate-api-types.ts): installs tools/ up front, in a hook given the time. */
export const installTools = async (): Promise<void> => {
  await loadTool('openapi-typescript');
};
