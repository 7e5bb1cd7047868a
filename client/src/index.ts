export { createCompanionClient, type CompanionClient, type CompanionClientOptions } from './create-companion-client';
export type { components, operations, paths } from './api-types';
