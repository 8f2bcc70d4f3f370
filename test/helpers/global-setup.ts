// Runs once before all test files. E2E tests run the built binary, so `npm test` builds first
// (the `pretest` script); this only checks that the bundle the binary loads is there, to fail with a clear message.
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

export default function setup(): void {
  const entry = fileURLToPath(new URL('../../dist/bundle/main.js', import.meta.url));
  if (!existsSync(entry)) {
    throw new Error(`The build is missing (${entry}). Run "npm run build" or "npm test" (which builds first).`);
  }
}
