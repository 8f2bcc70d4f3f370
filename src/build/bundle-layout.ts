// Where the bundled CLI lives, relative to the repository root (esbuild runs from the root, so the
// metafile's paths are root-relative too). Chunks sit directly in dist/bundle/, two folders below
// the root like the tsc output they are made from: code that finds a file from its own URL
// (catalog-cache's `new URL('../../package.json', import.meta.url)`) resolves the same from both.
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** The tsc output the bundle is made from (type-checked JavaScript, with tsc's source maps). */
export const BUNDLE_SOURCE_ENTRY = 'dist/cli/main.js';
export const BUNDLE_DIR = 'dist/bundle';
/** What bin/ovh-order.js imports. */
export const BUNDLE_ENTRY = `${BUNDLE_DIR}/main.js`;
/** esbuild's metafile: which sources and npm packages went into which output file (not shipped). */
export const BUNDLE_METAFILE = 'dist/bundle-metafile.json';

/** The repository root, from src/build or dist/build alike. */
export const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
