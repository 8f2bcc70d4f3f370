// The shipped CLI is the esbuild bundle (bin/ovh-order.js → dist/bundle/main.js; `npm test` builds
// it first). What bundling must not change: `--help` loads no heavy package, API-key runs never load
// simple-oauth2, OAuth2 runs get the real one, --debug stack traces name src/ lines, and files read
// relative to a chunk (../../package.json) are the repository's.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { BUNDLE_DIR, BUNDLE_METAFILE } from '../../src/build/bundle-layout.js';
import { readBundleMetafile } from '../../src/build/packages-in-bundle.js';
import { isHeavyPackage, packagesLoadedBy } from '../../bench/startup.js';
import { isolatedEnv, repoRoot, runCli } from '../helpers/run-cli.js';
import { useSandbox } from '../helpers/sandbox-fixture.js';

const sandbox = useSandbox();
const OAUTH2_PACKAGES = /^(simple-oauth2|joi|@hapi\/.*|@sideway\/.*)$/;

describe('the bundled CLI', () => {
  it('--help and --version load commander, from a chunk, and none of the heavy packages', async () => {
    for (const flag of ['--help', '--version']) {
      const packages = await packagesLoadedBy([flag], isolatedEnv());
      // commander lives inside a chunk now: seeing it proves chunks are mapped to their packages.
      expect(packages, flag).toContain('commander');
      expect(packages.filter(isHeavyPackage), flag).toEqual([]);
    }
  });

  it('a signed API-key command (in-process --sandbox) loads node-ovh but not simple-oauth2 or joi', async () => {
    const dryRun = ['order', '--range', 'eco', '--plan', '24rise01', '--subsidiary', 'FR', '--datacenter', 'gra', '--dry-run', '--json', '--sandbox'];
    const packages = await packagesLoadedBy(dryRun, isolatedEnv());
    // node-ovh from node_modules (signed calls), selfsigned from the sandbox's chunk (its certificate).
    expect(packages).toEqual(expect.arrayContaining(['@ovhcloud/node-ovh', 'selfsigned']));
    expect(packages.filter((name) => OAUTH2_PACKAGES.test(name))).toEqual([]);
  });

  it('an OAuth2 login gets the real simple-oauth2 and signs in with a token', async () => {
    sandbox.clearLog();
    const env = isolatedEnv({ NODE_EXTRA_CA_CERTS: sandbox.caPath });
    const args = ['login', '--endpoint', sandbox.url, '--client-id', sandbox.oauth.clientId, '--client-secret', sandbox.oauth.clientSecret, '--profile', 'ci'];
    const packages = await packagesLoadedBy(args, env);
    expect(packages).toContain('simple-oauth2');
    expect(sandbox.log.find((entry) => entry.path === '/me')?.auth).toBe('oauth2');
  });

  it('--debug stack traces point into src/*.ts through the source maps; without --debug there is no stack', async () => {
    const missing = path.join(repoRoot, 'no-such-spec.json');
    const debug = await runCli(['order', '--spec', missing, '--debug', '--sandbox']);
    expect(debug.code).toBe(2);
    expect(debug.stderr).toMatch(/^ {4}at .*[/\\]src[/\\]cli[/\\]actions[/\\]order\.ts:\d+:\d+\)?$/m);
    expect(debug.stderr).not.toMatch(/dist[/\\]bundle[/\\]/);

    const plain = await runCli(['order', '--spec', missing, '--sandbox']);
    expect(plain.code).toBe(2);
    expect(plain.stderr).toContain('Cannot read the spec file');
    expect(plain.stderr).not.toMatch(/^ {4}at /m);
  });

  it('puts every chunk directly in dist/bundle, so ../../package.json from any chunk is the repository’s', () => {
    const metafile = readBundleMetafile(path.join(repoRoot, BUNDLE_METAFILE));
    expect(metafile, 'run "npm run build"').toBeDefined();
    const chunks = Object.keys(metafile!.outputs).filter((file) => file.endsWith('.js'));
    expect(chunks).toContain(`${BUNDLE_DIR}/main.js`);
    for (const chunk of chunks) {
      expect(path.posix.dirname(chunk), chunk).toBe(BUNDLE_DIR);
      const packageJson = fileURLToPath(new URL('../../package.json', pathToFileURL(path.join(repoRoot, chunk))));
      expect(packageJson).toBe(path.join(repoRoot, 'package.json'));
    }
    expect(fs.existsSync(path.join(repoRoot, BUNDLE_DIR, 'main.js.map'))).toBe(true);
  });
});
