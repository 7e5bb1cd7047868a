import { fileURLToPath } from 'node:url';
import { createResponseValidator, loadOpenApiDocument, type ResponseValidation, type ResponseValidator } from './openapi-response-validator';

const CLOUD_SPEC = new URL('../../fixtures/atlassian-specs/jira-cloud-platform-openapi.json', import.meta.url);

let validator: Promise<ResponseValidator> | undefined;

/**
 * Checks one answer of the fake Jira Cloud against Atlassian's Cloud OpenAPI document. `path` may carry the api
 * gateway prefix `/ex/jira/{cloudId}` (the document describes the site form `/rest/api/3/...`).
 */
export async function checkJiraCloudAnswer(method: string, path: string, answer: { status: number; json: unknown }): Promise<ResponseValidation> {
  validator ??= loadOpenApiDocument(fileURLToPath(CLOUD_SPEC)).then((document) => createResponseValidator(document));
  const sitePath = path.replace(/^\/ex\/jira\/[^/]+/, '');
  return (await validator).validate({ method, path: sitePath, status: answer.status, body: answer.json });
}
