// Shows that each tracker-* rule of .spectral.yaml can fail: breaks a copy of the live document once per rule and
// expects Spectral to report exactly the rules that were broken.
//   node spectral/selftest.mjs <openapi.json> <scratch dir>
import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const [source, scratch] = process.argv.slice(2);
const document = JSON.parse(readFileSync(source, 'utf8'));
const ruleset = join(here, '..', '.spectral.yaml');
const rules = [...readFileSync(ruleset, 'utf8').matchAll(/^ {2}(tracker-[a-z0-9-]+):/gm)].map(m => m[1]);

const operations = Object.values(document.paths).flatMap(item => Object.values(item));
const find = predicate => {
  const operation = operations.find(predicate);
  if (!operation) throw new Error('the document has no operation to break for this rule');
  return operation;
};
const secured = find(o => o.security?.length > 0);
const anonymous = find(o => Array.isArray(o.security) && o.security.length === 0);
const created = find(o => o.responses['201']);
const ifMatch = find(o => o.parameters?.some(p => p.name === 'If-Match'));
const query = find(o => o.parameters?.some(p => p.in === 'query'));
const throttled = find(o => o.responses['429'] || o.responses['503']);
const schemas = document.components.schemas;
const enumSchema = Object.values(schemas).find(s => s.enum);
const requestSchema = Object.entries(schemas).find(([name, s]) => name.endsWith('Request') && s.properties && Object.keys(s.properties).some(p => !(s.required ?? []).includes(p)));

const breakers = {
  'tracker-enum-is-string': () => { delete enumSchema.type; },
  'tracker-parameter-camel-case': () => { const p = query.parameters.find(p => p.in === 'query'); p.name = p.name[0].toUpperCase() + p.name.slice(1); },
  'tracker-operation-id-camel-case': () => { secured.operationId = 'Get_Things'; },
  'tracker-problem-responses': () => { secured.responses['500'].content = { 'application/json': { schema: { type: 'object' } } }; },
  'tracker-problem-schema': () => { schemas.ProblemDetails.required = ['code']; },
  'tracker-every-operation-has-500-and-security': () => { delete secured.security; },
  'tracker-no-optional-security': () => { anonymous.security = [{}]; },
  'tracker-secured-operations-answer-401': () => { delete secured.responses['401']; },
  'tracker-request-id-header': () => { delete secured.responses['500'].headers['X-Request-Id']; },
  'tracker-location-header': () => { delete created.responses['201'].headers.Location; },
  'tracker-retry-after-header': () => { for (const s of ['429', '503']) if (throttled.responses[s]) delete throttled.responses[s].headers['Retry-After']; },
  'tracker-conditional-headers': () => { delete ifMatch.responses['412'].headers.ETag; },
  'tracker-request-fields-optional': () => {
    // A request-only schema whose optional field is made required and nullable.
    const [, schema] = requestSchema;
    const field = Object.keys(schema.properties).find(p => !(schema.required ?? []).includes(p));
    schema.properties[field] = { type: ['null', 'integer'] };
    (schema.required ??= []).push(field);
  },
  'tracker-servers-not-from-host-header': () => { document.servers = [{ url: 'http://127.0.0.1:5000' }]; },
};

const missing = rules.filter(r => !breakers[r]);
if (missing.length > 0) throw new Error(`no breaker for ${missing.join(', ')}: add one to spectral/selftest.mjs`);
for (const rule of rules) breakers[rule]();

const broken = join(scratch, 'broken-openapi.json');
writeFileSync(broken, JSON.stringify(document, null, 1));
let output;
try {
  output = execFileSync(join(here, '..', 'node_modules', '.bin', 'spectral'), ['lint', '--ruleset', ruleset, '-f', 'json', '--quiet', broken], { encoding: 'utf8' });
} catch (failure) {
  output = failure.stdout; // spectral exits non-zero when it finds problems, as it must here
}
const fired = new Set(JSON.parse(output).map(r => r.code));
const silent = rules.filter(r => !fired.has(r));
console.log(`spectral ruleset self-test: ${rules.length - silent.length}/${rules.length} tracker rules fire on a document broken for each`);
if (silent.length > 0) {
  console.error(`these rules did not fire on a document that breaks them: ${silent.join(', ')}`);
  process.exit(1);
}
