import { readFile } from 'node:fs/promises';

/** The parts of an OpenAPI 3.0 document the validator reads. */
export interface OpenApiDocument {
  openapi: string;
  servers?: { url: string; variables?: Record<string, { default: string }> }[];
  paths: Record<string, Record<string, unknown>>;
  components?: { schemas?: Record<string, unknown> };
}

/** One answer to check: the path is what followed the site's base URL (query string allowed). */
export interface ResponseToValidate {
  method: string;
  path: string;
  status: number;
  /** Parsed JSON, or undefined when the answer had no body. */
  body: unknown;
}

/** The operation a method and path resolved to. */
export interface MatchedOperation {
  template: string;
  operationId: string | undefined;
  responses: Record<string, unknown>;
}

/** The verdict; `notes` say where a known spec defect was worked around. */
export interface ResponseValidation {
  ok: boolean;
  operation: MatchedOperation | undefined;
  errors: string[];
  notes: string[];
}

/** Per-spec allowances. */
export interface ResponseValidatorOptions {
  /**
   * Schema locations (JSON pointers such as `#/components/schemas/IssueBean/properties/fields/additionalProperties`)
   * accepted without checking, for declarations known to be wrong about real answers.
   */
  ignoreSchemaPointers?: readonly string[];
  /** A plain array answer is checked item by item when the spec declares only the item. */
  arraysDeclaredAsItems?: boolean;
  /** Array members of a page envelope, checked item by item when the spec declares only the item. */
  pageEnvelopeKeys?: readonly string[];
  /** How deep nested schemas are checked; deeper values are accepted (recursive schemas). */
  maxDepth?: number;
}

/** Checks responses against one OpenAPI document. */
export interface ResponseValidator {
  findOperation(method: string, path: string): MatchedOperation | undefined;
  validate(response: ResponseToValidate): ResponseValidation;
}

/**
 * Declarations in Atlassian's Jira Data Center 10.3 document that real Jira contradicts: issue
 * `fields` values are strings, arrays, numbers or null (declared `object`), and an entity
 * property's `value` is any JSON (declared a string).
 */
export const JIRA_DC_SPEC_DEFECTS: ResponseValidatorOptions = {
  ignoreSchemaPointers: [
    '#/components/schemas/IssueBean/properties/fields/additionalProperties',
    '#/components/schemas/IssueBean/properties/renderedFields/additionalProperties',
    '#/components/schemas/EntityPropertyBean/properties/value',
  ],
  arraysDeclaredAsItems: true,
  pageEnvelopeKeys: ['values'],
};

/** Reads and parses a spec file (the Jira specs are megabytes; read once per test file). */
export async function loadOpenApiDocument(file: string): Promise<OpenApiDocument> {
  return JSON.parse(await readFile(file, 'utf8')) as OpenApiDocument;
}

type Schema = Record<string, unknown>;

const isObject = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** Builds a validator for one document. */
export function createResponseValidator(document: OpenApiDocument, options: ResponseValidatorOptions = {}): ResponseValidator {
  const ignored = new Set(options.ignoreSchemaPointers ?? []);
  const envelopeKeys = options.pageEnvelopeKeys ?? [];
  const maxDepth = options.maxDepth ?? 8;
  const serverPrefixes = serverPathPrefixes(document);
  const templates = Object.keys(document.paths).map((template) => ({
    template,
    pattern: new RegExp(
      `^${template
        .split('/')
        .map((segment) => escapeRegExp(segment).replace(/\\\{[^}]+\\\}/g, '[^/]+'))
        .join('/')}$`,
    ),
    // More literal segments win: `/issue/createmeta/{p}/issuetypes` over `/issue/{key}/...`.
    literalSegments: template.split('/').filter((segment) => segment !== '' && !segment.includes('{')).length,
  }));

  function resolvePointer(pointer: string): unknown {
    if (!pointer.startsWith('#/')) throw new Error(`Only local $ref is supported, got ${pointer}`);
    return pointer
      .slice(2)
      .split('/')
      .map((part) => part.replace(/~1/g, '/').replace(/~0/g, '~'))
      .reduce<unknown>((node, part) => (isObject(node) ? node[part] : undefined), document);
  }

  function findOperation(method: string, rawPath: string): MatchedOperation | undefined {
    const path = rawPath.split('?')[0] ?? '';
    const candidates = [path, ...serverPrefixes.filter((prefix) => path.startsWith(`${prefix}/`)).map((prefix) => path.slice(prefix.length))];
    for (const candidate of candidates) {
      const best = templates
        .filter(({ pattern }) => pattern.test(candidate))
        .sort((a, b) => b.literalSegments - a.literalSegments)
        .find(({ template }) => isObject(document.paths[template]?.[method.toLowerCase()]));
      if (best) {
        const operation = document.paths[best.template]?.[method.toLowerCase()] as Record<string, unknown>;
        return {
          template: best.template,
          operationId: typeof operation.operationId === 'string' ? operation.operationId : undefined,
          responses: isObject(operation.responses) ? operation.responses : {},
        };
      }
    }
    return undefined;
  }

  function check(value: unknown, schemaOrRef: unknown, at: string, pointer: string, depth: number, errors: string[]): void {
    if (depth > maxDepth || !isObject(schemaOrRef)) return;
    let schema: Schema = schemaOrRef;
    if (typeof schema.$ref === 'string') {
      pointer = schema.$ref;
      const target = resolvePointer(pointer);
      if (!isObject(target)) {
        errors.push(`${at}: unresolvable $ref ${pointer}`);
        return;
      }
      schema = target;
    }
    if (ignored.has(pointer)) return;
    if (value === null) {
      if (schema.nullable !== true) errors.push(`${at}: null where the schema (${pointer}) does not allow it`);
      return;
    }
    if (Array.isArray(schema.allOf)) schema.allOf.forEach((part, index) => check(value, part, at, `${pointer}/allOf/${index}`, depth + 1, errors));
    for (const keyword of ['oneOf', 'anyOf'] as const) {
      const alternatives = schema[keyword];
      if (!Array.isArray(alternatives)) continue;
      // Accepts when at least one alternative fits; oneOf's "exactly one" is not enforced.
      const fits = alternatives.some((alternative, index) => {
        const attempt: string[] = [];
        check(value, alternative, at, `${pointer}/${keyword}/${index}`, depth + 1, attempt);
        return attempt.length === 0;
      });
      if (!fits) errors.push(`${at}: matches none of ${keyword} at ${pointer}`);
    }
    if (Array.isArray(schema.enum) && !schema.enum.includes(value)) errors.push(`${at}: ${JSON.stringify(value)} is not one of ${JSON.stringify(schema.enum)}`);
    const type = typeof schema.type === 'string' ? schema.type : isObject(schema.properties) ? 'object' : undefined;
    switch (type) {
      case 'string':
        if (typeof value !== 'string') errors.push(`${at}: expected string, got ${describe(value)}`);
        return;
      case 'integer':
        if (!Number.isInteger(value)) errors.push(`${at}: expected integer, got ${describe(value)}`);
        return;
      case 'number':
        if (typeof value !== 'number' || !Number.isFinite(value)) errors.push(`${at}: expected number, got ${describe(value)}`);
        return;
      case 'boolean':
        if (typeof value !== 'boolean') errors.push(`${at}: expected boolean, got ${describe(value)}`);
        return;
      case 'array':
        if (!Array.isArray(value)) errors.push(`${at}: expected array, got ${describe(value)}`);
        else value.forEach((item, index) => check(item, schema.items, `${at}[${index}]`, `${pointer}/items`, depth + 1, errors));
        return;
      case 'object':
        checkObject(value, schema, at, pointer, depth, errors);
        return;
      default:
        return;
    }
  }

  function checkObject(value: unknown, schema: Schema, at: string, pointer: string, depth: number, errors: string[]): void {
    if (!isObject(value)) {
      errors.push(`${at}: expected object, got ${describe(value)}`);
      return;
    }
    const properties = isObject(schema.properties) ? schema.properties : {};
    for (const name of Array.isArray(schema.required) ? schema.required : []) {
      if (typeof name === 'string' && !(name in value)) errors.push(`${at}: missing required property "${name}"`);
    }
    for (const [name, member] of Object.entries(value)) {
      if (name in properties) check(member, properties[name], `${at}.${name}`, `${pointer}/properties/${name}`, depth + 1, errors);
      else if (schema.additionalProperties === false) errors.push(`${at}: property "${name}" is not declared and additionalProperties is false`);
      else if (isObject(schema.additionalProperties))
        check(member, schema.additionalProperties, `${at}.${name}`, `${pointer}/additionalProperties`, depth + 1, errors);
    }
  }

  function resolveTop(schema: unknown): { schema: Schema; pointer: string } | undefined {
    if (!isObject(schema)) return undefined;
    if (typeof schema.$ref !== 'string') return { schema, pointer: '#' };
    const target = resolvePointer(schema.$ref);
    return isObject(target) ? { schema: target, pointer: schema.$ref } : undefined;
  }

  function validate(response: ResponseToValidate): ResponseValidation {
    const errors: string[] = [];
    const notes: string[] = [];
    const operation = findOperation(response.method, response.path);
    if (!operation) return { ok: false, operation, errors: [`no operation ${response.method.toUpperCase()} ${response.path} in the document`], notes };
    const declared = operation.responses[String(response.status)] ?? operation.responses[`${String(response.status)[0]}XX`] ?? operation.responses.default;
    if (!isObject(declared)) {
      errors.push(
        `status ${response.status} is not declared for ${operation.operationId ?? operation.template} (declared: ${Object.keys(operation.responses).join(', ')})`,
      );
      return { ok: false, operation, errors, notes };
    }
    const content = isObject(declared.content) ? declared.content : undefined;
    const json = content && (content['application/json'] ?? Object.entries(content).find(([type]) => type.includes('json'))?.[1]);
    if (!isObject(json) || json.schema === undefined) {
      // Nothing declared to check the body against (e.g. Jira's 4xx entries carry only a description).
      if (response.status === 204 && response.body !== undefined) errors.push('204 answer carries a body');
      return { ok: errors.length === 0, operation, errors, notes };
    }
    if (response.body === undefined) {
      errors.push(`status ${response.status} declares a JSON body but the answer had none`);
      return { ok: false, operation, errors, notes };
    }
    const top = resolveTop(json.schema);
    const declaresArray = top?.schema.type === 'array';
    const declaredProperties = top && isObject(top.schema.properties) ? Object.keys(top.schema.properties) : [];
    const envelopeKey = isObject(response.body)
      ? envelopeKeys.find((key) => Array.isArray((response.body as Record<string, unknown>)[key]) && !declaredProperties.includes(key))
      : undefined;
    // Known defect of Atlassian's Data Center document (opted into per spec): list and page endpoints
    // are declared with the schema of one item. A plain array, or a page envelope's `values`, is
    // then checked item by item, and the note says so.
    if (options.arraysDeclaredAsItems && Array.isArray(response.body) && top && !declaresArray) {
      notes.push(`plain array checked item by item against ${top.pointer} (list declared as its item)`);
      response.body.forEach((item, index) => check(item, json.schema, `body[${index}]`, '#', 0, errors));
    } else if (envelopeKey && top && !declaresArray) {
      notes.push(`page envelope "${envelopeKey}" checked item by item against ${top.pointer} (page declared as its item)`);
      checkEnvelope(response.body as Record<string, unknown>, errors);
      ((response.body as Record<string, unknown>)[envelopeKey] as unknown[]).forEach((item, index) =>
        check(item, json.schema, `body.${envelopeKey}[${index}]`, '#', 0, errors),
      );
    } else {
      check(response.body, json.schema, 'body', '#', 0, errors);
    }
    return { ok: errors.length === 0, operation, errors, notes };
  }

  return { findOperation, validate };
}

/** The page fields Jira puts beside `values`; their types are checked since no schema declares them. */
function checkEnvelope(body: Record<string, unknown>, errors: string[]): void {
  for (const key of ['startAt', 'maxResults', 'total']) {
    if (key in body && !Number.isInteger(body[key])) errors.push(`body.${key}: expected integer, got ${describe(body[key])}`);
  }
  if ('isLast' in body && typeof body.isLast !== 'boolean') errors.push(`body.isLast: expected boolean, got ${describe(body.isLast)}`);
}

/** Path parts of the `servers` URLs (variables at their defaults), e.g. `/rest` for Data Center. */
function serverPathPrefixes(document: OpenApiDocument): string[] {
  return (document.servers ?? [])
    .map(({ url, variables }) => {
      const filled = url.replace(/\{([^}]+)\}/g, (_whole, name: string) => variables?.[name]?.default ?? 'host');
      try {
        return new URL(filled, 'http://placeholder').pathname.replace(/\/$/, '');
      } catch {
        return '';
      }
    })
    .filter((prefix) => prefix !== '');
}

function describe(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  return typeof value;
}
