// Generates the API client (src/app/api) from the host's OpenAPI document, docs/openapi.json; prints the generator's
// chatter only when it fails. An output folder may be given (the check generates into a temporary one).
import { execFileSync } from 'node:child_process';

export function generateApiClient(output = 'src/app/api') {
  try {
    execFileSync(process.platform === 'win32' ? 'npx.cmd' : 'npx', ['ng-openapi-gen', '-c', 'ng-openapi-gen.json', '-o', output],
      { stdio: 'pipe', shell: process.platform === 'win32' });
  } catch (error) {
    process.stderr.write(String(error.stdout ?? '') + String(error.stderr ?? ''));
    throw new Error('The API client could not be generated from docs/openapi.json.');
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  generateApiClient(process.argv[2]);
}
