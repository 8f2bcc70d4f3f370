// `node dist/build/bundle.js` (the second half of `npm run build`, after tsc): bundles the CLI into
// dist/bundle/ with esbuild.
//
// WHY: Node's ESM loader costs about 1 ms per file, and the tsc output with its packages is hundreds
// of small files (`import('zod')` alone took 65 ms: zod 4 is ~100 files). Measured on 2 cores,
// unbundled → bundled, medians: `catalog --range eco --subsidiary FR` against a sandbox, process
// start to first API request 215 → 154 ms; `catalog … --sandbox` wall time 489 → 407 ms; loading the
// API module and building a client 100 → 79 ms. Code splitting keeps every lazy `import()` a chunk
// of its own: `--help` and `--version` still load only commander and the CLI skeleton.
//
// The input is tsc's output, not src/: the bundle runs exactly the JavaScript that was type-checked,
// and esbuild follows tsc's source maps, so the bundle's maps point into src/*.ts.
import fs from 'node:fs';
import path from 'node:path';
import { build, type Plugin } from 'esbuild';
import { BUNDLE_DIR, BUNDLE_ENTRY, BUNDLE_METAFILE, BUNDLE_SOURCE_ENTRY, REPO_ROOT } from './bundle-layout.js';
import { keepProjectMaps } from './project-maps.js';
import { replaceBundle, writeFileAtomically } from './replace-bundle.js';
import { THIRD_PARTY_NOTICES, thirdPartyNotices } from './third-party-notices.js';
import { SOURCE_STAMP, sourceHash } from './source-hash.js';

/**
 * CommonJS packages in the bundle (commander, cli-table3…) `require` Node's built-ins, which an ES
 * module cannot do: every chunk gets a `require` of its own ("Dynamic require of node:events is not
 * supported" otherwise).
 */
const REQUIRE_BANNER = "import { createRequire as __bundleCreateRequire } from 'node:module'; const require = __bundleCreateRequire(import.meta.url);";

/**
 * Left in node_modules:
 * - open: finds its own `xdg-open` script next to its file; bundled, it would fall back to the system
 *   one. It is loaded once, when `login` opens a browser, so bundling it would gain nothing.
 * - @ovhcloud/node-ovh, without being listed: src/ovh/node-ovh.ts loads it with createRequire, which
 *   esbuild leaves alone, so it and its simple-oauth2 stand-in work as they always did. Bundled (with
 *   simple-oauth2 left out) it loaded in 8 ms instead of 17–20 and the first request left ~9 ms
 *   sooner, with no change in wall time, at the price of a bundle-only code path in node-ovh.ts.
 */
const EXTERNAL = ['open'];

/**
 * zod re-exports its ~60 translations of error messages (`z.locales`), 364 kB of the 768 kB it adds
 * to the bundle, and every command that calls the API loads them; ovh-order only uses the English
 * messages zod configures by default. The two modules that re-export them get a `locales` with
 * English alone. (Measured with minification: the zod chunk 768 → 193 kB.)
 */
const englishOnlyZod: Plugin = {
  name: 'zod-english-only',
  setup(bundle) {
    const reexporters = /\/zod\/v4\/(classic\/external|core\/index)\.js$/;
    bundle.onResolve({ filter: /^\.\.\/locales\/index\.js$/ }, (args) =>
      reexporters.test(args.importer) ? { path: path.join(path.dirname(args.importer), '..', 'locales', 'en.js'), namespace: 'zod-english' } : undefined,
    );
    bundle.onLoad({ filter: /.*/, namespace: 'zod-english' }, (args) => ({
      contents: `export { default as en } from ${JSON.stringify(args.path)};`,
      resolveDir: path.dirname(args.path),
      loader: 'js',
    }));
  },
};

async function bundleCli(): Promise<void> {
  // Taken before bundling: a source edited while the bundle is being made leaves the stamp stale.
  const sources = sourceHash(REPO_ROOT);
  const result = await build({
    absWorkingDir: REPO_ROOT,
    entryPoints: [BUNDLE_SOURCE_ENTRY],
    outdir: BUNDLE_DIR,
    bundle: true,
    splitting: true,
    format: 'esm',
    platform: 'node',
    target: 'node20',
    external: EXTERNAL,
    banner: { js: REQUIRE_BANNER },
    // Linked .map files: read only when source maps are on (bin/ovh-order.js turns them on for --debug).
    sourcemap: 'linked',
    // A stack trace needs the mappings, not a copy of every source (that was 4 of the package's 6 MB).
    sourcesContent: false,
    // Less to read and compile at every start (the maps keep stack traces readable under --debug).
    minify: true,
    // Error classes name themselves with `new.target.name`; minified names must not show.
    keepNames: true,
    plugins: [englishOnlyZod],
    metafile: true,
    logLevel: 'warning',
    write: false,
  });
  replaceBundle(path.join(REPO_ROOT, BUNDLE_DIR), keepProjectMaps(result.outputFiles, result.metafile, REPO_ROOT), path.join(REPO_ROOT, BUNDLE_ENTRY));
  // Beside the bundle, not in it: the tests, the benchmark and the notices read it; the CLI does not.
  writeFileAtomically(path.join(REPO_ROOT, BUNDLE_METAFILE), JSON.stringify(result.metafile));
  writeFileAtomically(path.join(REPO_ROOT, THIRD_PARTY_NOTICES), thirdPartyNotices(result.metafile, REPO_ROOT));
  // Written last: a build that failed half-way leaves the old stamp, which no longer matches.
  fs.writeFileSync(path.join(REPO_ROOT, SOURCE_STAMP), `${sources}\n`);

  const outputs = Object.entries(result.metafile.outputs).filter(([file]) => file.endsWith('.js'));
  const total = outputs.reduce((sum, [, info]) => sum + info.bytes, 0);
  const entry = result.metafile.outputs[BUNDLE_ENTRY];
  console.log(`${BUNDLE_DIR}: ${outputs.length} files, ${kb(total)}; ${BUNDLE_ENTRY} ${entry ? kb(entry.bytes) : 'missing'}`);
}

const kb = (bytes: number) => `${(bytes / 1024).toFixed(0)} kB`;

await bundleCli();
