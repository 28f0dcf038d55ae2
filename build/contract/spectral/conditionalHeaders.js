// Operations that take If-Match, If-None-Match or Idempotency-Key document what those headers lead to.
export default function conditionalHeaders(operation, _options, { path }) {
  const problems = [];
  const names = new Set((operation.parameters ?? []).filter(p => p.in === 'header').map(p => p.name));
  const responses = operation.responses ?? {};
  const need = (status, header) => {
    const response = responses[status];
    if (!response) {
      problems.push({ message: `answers ${status} (it takes ${[...names].join(', ')})`, path: [...path, 'responses'] });
    } else if (header && !response.headers?.[header]) {
      problems.push({ message: `${status} declares the ${header} header`, path: [...path, 'responses', status] });
    }
  };
  if (names.has('If-Match')) need('412', 'ETag');
  if (names.has('If-None-Match')) need('304', 'ETag');
  if (names.has('Idempotency-Key')) {
    need('409');
    need('422');
    for (const status of Object.keys(responses).filter(s => s.startsWith('2'))) need(status, 'Idempotency-Replayed');
  }
  return problems;
}
