// Fails when the committed API client (src/app/api) differs from one generated now from the host's OpenAPI document
// (docs/openapi.json), so the UI and the API cannot drift apart unnoticed. `npm run generate:api` refreshes it.
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { generateApiClient } from './generate-api-client.mjs';

const committed = 'src/app/api';
const fresh = mkdtempSync(join(tmpdir(), 'messaging-api-client-'));

function files(root) {
  const found = [];
  const walk = dir => {
    for (const name of readdirSync(dir)) {
      const path = join(dir, name);
      statSync(path).isDirectory() ? walk(path) : found.push(relative(root, path));
    }
  };
  walk(root);
  return found.sort();
}

try {
  generateApiClient(fresh);
  const expected = files(fresh);
  const actual = files(committed);
  const differing = [
    ...expected.filter(f => !actual.includes(f)).map(f => `missing: ${f}`),
    ...actual.filter(f => !expected.includes(f)).map(f => `not generated: ${f}`),
    ...expected.filter(f => actual.includes(f))
      .filter(f => readFileSync(join(fresh, f), 'utf8') !== readFileSync(join(committed, f), 'utf8'))
      .map(f => `differs: ${f}`),
  ];
  if (differing.length > 0) {
    console.error(`The API client in ${committed} is not the one docs/openapi.json gives; run "npm run generate:api" and commit it.`);
    differing.forEach(line => console.error(`  ${line}`));
    process.exit(1);
  }
  console.log(`The API client matches docs/openapi.json (${expected.length} files).`);
} finally {
  rmSync(fresh, { recursive: true, force: true });
}
