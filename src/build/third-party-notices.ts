// THIRD-PARTY-NOTICES.txt, made at each build from esbuild's metafile: every npm package whose code
// the bundle carries, with its version, its declared license and the license text it ships (MIT, ISC
// and BSD require the notice to travel with copies of the code). The runtime dependencies
// (@ovhcloud/node-ovh, open and theirs) are installed by npm with their own files, so not listed.
import fs from 'node:fs';
import path from 'node:path';
import type { Metafile } from 'esbuild';

/** At the package root, beside LICENSE (package.json `files` ships it). */
export const THIRD_PARTY_NOTICES = 'THIRD-PARTY-NOTICES.txt';

const LICENSE_FILE = /^(licen[cs]e|copying|notice)(\.|-|$)/i;

interface BundledPackage {
  name: string;
  version: string;
  license: string;
  texts: string[];
}

/** `node_modules/a/node_modules/@b/c/lib/x.js` → `node_modules/a/node_modules/@b/c`. */
function packageDirOf(input: string): string | undefined {
  // A plugin's module (`zod-english:/…/locales/en.js`): its file is in the package's own input too.
  if (/^[\w-]+:/.test(input)) return undefined;
  const parts = input.split('/');
  const at = parts.lastIndexOf('node_modules');
  if (at < 0 || !parts[at + 1]) return undefined;
  return parts.slice(0, parts[at + 1]!.startsWith('@') ? at + 3 : at + 2).join('/');
}

function readPackage(dir: string): BundledPackage {
  const manifest = JSON.parse(fs.readFileSync(path.join(dir, 'package.json'), 'utf8')) as { name?: string; version?: string; license?: unknown };
  const license = typeof manifest.license === 'string' ? manifest.license : 'not declared';
  const texts = fs
    .readdirSync(dir)
    .filter((file) => LICENSE_FILE.test(file))
    .sort()
    .map((file) => fs.readFileSync(path.join(dir, file), 'utf8').trim());
  return { name: manifest.name ?? path.basename(dir), version: manifest.version ?? '?', license, texts };
}

export function thirdPartyNotices(metafile: Pick<Metafile, 'inputs'>, root: string): string {
  const dirs = new Set(
    Object.keys(metafile.inputs)
      .map(packageDirOf)
      .filter((dir) => dir !== undefined),
  );
  const packages = new Map<string, BundledPackage>();
  for (const dir of dirs) {
    const found = readPackage(path.join(root, dir));
    packages.set(`${found.name}@${found.version}`, found);
  }
  const sections = [...packages.values()]
    .sort((a, b) => a.name.localeCompare(b.name) || a.version.localeCompare(b.version))
    .map((p) =>
      [
        `${p.name} ${p.version} (${p.license})`,
        ...(p.texts.length > 0 ? p.texts : ['(the package ships no license file; its package.json declares the license above)']),
      ].join('\n\n'),
    );
  const header = `ovh-order bundles code from the ${packages.size} npm packages below (dist/bundle/). Their licenses follow.`;
  return `${[header, ...sections].join(`\n\n${'-'.repeat(80)}\n\n`)}\n`;
}
