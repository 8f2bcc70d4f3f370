// Which npm packages a run loaded, once packages live inside bundle chunks: the mapping the
// benchmark's "heavy packages loaded by --help" check relies on, on a small synthetic metafile.
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { mainOwnerByOutput, packageOfPath, packagesByOutput, packagesInFiles, type BundleMetafile } from '../../src/build/packages-in-bundle.js';
import { isHeavyPackage, loadedFiles } from '../../bench/startup.js';

const repoRoot = path.resolve('/repo');
const at = (file: string) => path.join(repoRoot, file);
const bundleDir = 'dist/bundle';

function output(inputs: string[]) {
  return { bytes: 1, inputs: Object.fromEntries(inputs.map((input) => [input, { bytesInOutput: 1 }])), imports: [], exports: [] };
}

/** main.js holds the CLI skeleton and commander; the catalog chunk holds chalk, cli-table3 and @inquirer/core. */
const metafile: BundleMetafile = {
  outputs: {
    'dist/bundle/main.js': output(['dist/cli/main.js', 'dist/cli/program.js', 'node_modules/commander/lib/command.js', 'node_modules/commander/esm.mjs']),
    'dist/bundle/main.js.map': output([]),
    'dist/bundle/catalog-ABC123.js': output([
      'dist/cli/actions/catalog.js',
      'node_modules/chalk/source/index.js',
      'node_modules/cli-table3/src/table.js',
      'node_modules/cli-table3/node_modules/string-width/index.js',
      'node_modules/@inquirer/core/dist/esm/index.js',
    ]),
    'dist/bundle/chunk-EMPTY.js': output(['dist/errors.js']),
  },
};

describe('packageOfPath', () => {
  it('names the package of a file under node_modules, scoped or not', () => {
    expect(packageOfPath('node_modules/chalk/source/index.js')).toBe('chalk');
    expect(packageOfPath('/repo/node_modules/@inquirer/core/dist/esm/index.js')).toBe('@inquirer/core');
  });

  it('names the innermost package of a nested dependency', () => {
    expect(packageOfPath('/repo/node_modules/cli-table3/node_modules/string-width/index.js')).toBe('string-width');
  });

  it('gives nothing for project code or an incomplete path', () => {
    expect(packageOfPath('dist/cli/main.js')).toBeUndefined();
    expect(packageOfPath('/repo/node_modules/@scope')).toBeUndefined();
  });
});

describe('packagesByOutput', () => {
  it('lists the packages bundled into each output file, sorted', () => {
    const byOutput = packagesByOutput(metafile);
    expect(byOutput.get('dist/bundle/main.js')).toEqual(['commander']);
    expect(byOutput.get('dist/bundle/catalog-ABC123.js')).toEqual(['@inquirer/core', 'chalk', 'cli-table3', 'string-width']);
    expect(byOutput.get('dist/bundle/chunk-EMPTY.js')).toEqual([]);
  });
});

describe('mainOwnerByOutput (what --profile charges a chunk to)', () => {
  it('names the package or project folder with the most bytes in each chunk', () => {
    const sized = (inputs: Record<string, number>) => ({
      bytes: 1,
      inputs: Object.fromEntries(Object.entries(inputs).map(([k, v]) => [k, { bytesInOutput: v }])),
      imports: [],
      exports: [],
    });
    const owners = mainOwnerByOutput({
      outputs: {
        'dist/bundle/chunk-Z.js': sized({
          'node_modules/zod/v4/core/core.js': 900,
          'node_modules/zod/v4/classic/schemas.js': 800,
          'dist/ovh/models/cart.js': 1000,
        }),
        'dist/bundle/chunk-D.js': sized({ 'dist/domain/offers.js': 300, 'dist/domain/money.js': 200, 'dist/flows/catalog-query.js': 400 }),
      },
    });
    expect(owners.get('dist/bundle/chunk-Z.js')).toBe('npm:zod');
    expect(owners.get('dist/bundle/chunk-D.js')).toBe('src/domain');
  });
});

describe('packagesInFiles', () => {
  const options = { repoRoot, bundleDir, metafile };

  it('counts a loaded chunk with every package inside it', () => {
    expect(packagesInFiles([at('bin/ovh-order.js'), at('dist/bundle/main.js')], options)).toEqual(['commander']);
    expect(packagesInFiles([at('dist/bundle/main.js'), at('dist/bundle/catalog-ABC123.js')], options)).toEqual([
      '@inquirer/core',
      'chalk',
      'cli-table3',
      'commander',
      'string-width',
    ]);
  });

  it('counts a file loaded from node_modules (outside the bundle) as its own package', () => {
    const files = [at('dist/bundle/main.js'), at('node_modules/@ovhcloud/node-ovh/lib/ovh.es5.js'), at('node_modules/bluebird/js/release/bluebird.js')];
    expect(packagesInFiles(files, options)).toEqual(['@ovhcloud/node-ovh', 'bluebird', 'commander']);
  });

  it('refuses a loaded chunk the metafile does not know, rather than counting it as no package', () => {
    expect(() => packagesInFiles([at('dist/bundle/chunk-STALE.js')], options)).toThrow(
      /dist\/bundle\/chunk-STALE\.js was loaded but is not in the bundle's metafile/,
    );
    expect(() => packagesInFiles([at('dist/bundle/main.js')], { ...options, metafile: undefined })).toThrow(/not in the bundle's metafile/);
  });

  it('makes the heavy-package check fail when --help would load a chunk with chalk or @inquirer/*', () => {
    const heavy = packagesInFiles([at('dist/bundle/main.js'), at('dist/bundle/catalog-ABC123.js')], options).filter(isHeavyPackage);
    expect(heavy).toEqual(['@inquirer/core', 'chalk', 'cli-table3']);
    expect(packagesInFiles([at('dist/bundle/main.js')], options).filter(isHeavyPackage)).toEqual([]);
  });
});

describe('isHeavyPackage', () => {
  it('covers every package of the @inquirer scope, and only the named others', () => {
    for (const name of ['@inquirer/prompts', '@inquirer/select', 'zod', 'conf', 'ora', '@ovhcloud/node-ovh']) expect(isHeavyPackage(name), name).toBe(true);
    for (const name of ['commander', '@inquirer', 'zod-extra', 'config']) expect(isHeavyPackage(name), name).toBe(false);
  });
});

describe('loadedFiles', () => {
  it('reads ES modules by URL and CommonJS files by path from NODE_DEBUG=esm,module output', () => {
    const output = [
      'ESM 100: Storing file:///repo/bin/ovh-order.js (implicit type) in ModuleLoadMap',
      'ESM 100: Translating StandardModule file:///repo/dist/bundle/main.js',
      'ESM 100: async link() file:///repo/dist/bundle/main.js -> ./chunk-EMPTY.js ModuleJob {',
      "  url: 'file:///repo/dist/bundle/chunk-EMPTY.js',",
      'ESM 100: Loading BuiltinModule node:events',
      'MODULE 100: Module._load REQUEST @ovhcloud/node-ovh parent: /repo/dist/bundle/chunk-EMPTY.js',
      'MODULE 100: looking for "@ovhcloud/node-ovh" in ["/repo/dist/bundle/node_modules","/repo/node_modules"]',
      'MODULE 100: load "/repo/node_modules/@ovhcloud/node-ovh/lib/ovh.es5.js" for module "/repo/node_modules/@ovhcloud/node-ovh/lib/ovh.es5.js"',
      'MODULE 100: load built-in module node:https',
    ].join('\n');
    expect(loadedFiles(output).sort()).toEqual(
      ['/repo/bin/ovh-order.js', '/repo/dist/bundle/main.js', '/repo/node_modules/@ovhcloud/node-ovh/lib/ovh.es5.js'].map((file) => path.resolve(file)).sort(),
    );
  });
});
