/** The tools of tools/package.json; each caller declares the few members it uses. */
export type ToolName = '@forge/manifest' | '@redocly/openapi-core' | 'openapi-typescript';

/** Installs tools/ on first use, then imports the tool from tools/node_modules. */
export declare function loadTool(name: ToolName): Promise<unknown>;
