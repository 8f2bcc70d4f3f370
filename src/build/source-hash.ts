// A fingerprint of everything the bundle is made from (src/ and the lockfile): the build writes it
// next to the bundle, and the tests that run the built binary refuse to start when the sources they
// would be testing are not the ones the bundle was built from (a stale bundle passes tests it should fail).
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';

/** Relative to the repository root; outside dist/bundle, so it is not shipped. */
export const SOURCE_STAMP = 'dist/bundle-sources.sha256';

const INPUTS = ['src', 'package-lock.json', 'tsconfig.json', 'tsconfig.build.json'];

function filesUnder(root: string, entry: string): string[] {
  const full = path.join(root, entry);
  if (!fs.existsSync(full)) return [];
  if (!fs.statSync(full).isDirectory()) return [entry];
  return fs
    .readdirSync(full, { recursive: true, withFileTypes: true })
    .filter((dirent) => dirent.isFile())
    .map((dirent) => path.relative(root, path.join(dirent.parentPath, dirent.name)));
}

/** sha256 over the inputs' paths and contents, in a stable order. */
export function sourceHash(root: string): string {
  const hash = createHash('sha256');
  for (const file of INPUTS.flatMap((entry) => filesUnder(root, entry)).sort()) {
    hash.update(`${file.split(path.sep).join('/')}\0`);
    hash.update(fs.readFileSync(path.join(root, file)));
    hash.update('\0');
  }
  return hash.digest('hex');
}
