// Component schemas reached only from request bodies must not list a field that admits null as required: such a
// field is optional (absent means null), and a client should not be made to send "field": null.
const methods = ['get', 'put', 'post', 'delete', 'patch'];

function reachable(components, roots) {
  const found = new Set();
  const pending = [...roots];
  while (pending.length > 0) {
    const schema = pending.pop();
    if (!schema || typeof schema !== 'object') continue;
    if (typeof schema.$ref === 'string') {
      const name = schema.$ref.replace('#/components/schemas/', '');
      if (!found.has(name)) {
        found.add(name);
        pending.push(components[name]);
      }
      continue;
    }
    pending.push(...Object.values(schema.properties ?? {}), ...(schema.allOf ?? []), ...(schema.oneOf ?? []),
      ...(schema.anyOf ?? []), schema.items, schema.additionalProperties);
  }
  return found;
}

const admitsNull = schema => !!schema && ((Array.isArray(schema.type) ? schema.type.includes('null') : schema.type === 'null')
  || [...(schema.oneOf ?? []), ...(schema.anyOf ?? [])].some(admitsNull));

export default function requestFieldsOptional(document) {
  const components = document.components?.schemas ?? {};
  const operations = Object.values(document.paths ?? {}).flatMap(item => methods.map(m => item[m]).filter(Boolean));
  const inRequests = reachable(components, operations.flatMap(o => Object.values(o.requestBody?.content ?? {}).map(m => m.schema)));
  const inAnswers = reachable(components, operations.flatMap(o => Object.values(o.responses ?? {}))
    .flatMap(r => Object.values(r.content ?? {}).map(m => m.schema)));
  const problems = [];
  for (const name of [...inRequests].filter(n => !inAnswers.has(n))) {
    const schema = components[name] ?? {};
    for (const field of schema.required ?? []) {
      if (admitsNull(schema.properties?.[field])) {
        problems.push({ message: `${name}.${field} admits null, so it is optional: drop it from required`, path: ['components', 'schemas', name, 'required'] });
      }
    }
  }
  return problems;
}
