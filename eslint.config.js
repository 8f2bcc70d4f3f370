// `npm run lint` (with Prettier and knip). Type-aware typescript-eslint for the defects types can
// see (a promise nobody awaits, a switch that misses a case), and architecture.md's layer arrows as
// rules: eslint-plugin-boundaries classifies every file of src/ by its folder and refuses an import
// the house plan has no arrow for; import-x/no-cycle refuses import circles.
import js from '@eslint/js';
import boundaries from 'eslint-plugin-boundaries';
import { importX } from 'eslint-plugin-import-x';
import { createTypeScriptImportResolver } from 'eslint-import-resolver-typescript';
import tseslint from 'typescript-eslint';

/** src/ folder (or root file) → the layer it is. */
const LAYERS = [
  { type: 'cli', pattern: 'src/cli' },
  { type: 'flows', pattern: 'src/flows' },
  { type: 'domain', pattern: 'src/domain' },
  { type: 'ovh', pattern: 'src/ovh' },
  { type: 'ui', pattern: 'src/ui' },
  { type: 'config', pattern: 'src/config' },
  { type: 'sandbox', pattern: 'src/sandbox' },
  { type: 'build', pattern: 'src/build' },
  // The one object a command receives (streams, env, clock, global options): cli and ui share it.
  { type: 'runtime', pattern: 'src/runtime' },
];

/** The interfaces flows are written against (architecture.md): they ask and tell, ui decides the look. */
const UI_INTERFACES = ['prompter.ts', 'output.ts', 'wizard-view-interface.ts'];
/** The error types every layer throws: pure, so they live in domain. */
const ERRORS = 'errors.ts';

const to = (...types) => ({ to: { element: { type: types } } });
const typesOnly = (...types) => ({ ...to(...types), dependency: { kind: 'type' } });

/**
 * The arrows of ../shared/docs/architecture.md. Anything not listed is refused.
 * - domain imports nothing of the project but types (the OVH models it normalises); every layer may
 *   use it, ovh and the sandbox only for its errors (and ovh for its types).
 * - flows are written against the Prompter and Output interfaces of ui/, never a view.
 * - ui renders what it is handed: domain values, model and flow-result types; it never calls a flow.
 * - the sandbox shares nothing with the client but the model types.
 */
const POLICIES = [
  // Within a layer, anything goes.
  ...LAYERS.map(({ type }) => ({ from: { element: { type } }, allow: to(type) })),
  { from: { element: { type: 'cli' } }, allow: to('flows', 'domain', 'ovh', 'ui', 'config', 'sandbox', 'runtime') },
  { from: { element: { type: 'flows' } }, allow: to('domain', 'ovh') },
  { from: { element: { type: 'flows' } }, allow: { to: { element: { type: 'ui', fileInternalPath: UI_INTERFACES } } } },
  { from: { element: { type: 'domain' } }, allow: typesOnly('ovh') },
  { from: { element: { type: 'ovh' } }, allow: { to: { element: { type: 'domain', fileInternalPath: ERRORS } } } },
  { from: { element: { type: 'ovh' } }, allow: typesOnly('domain') },
  { from: { element: { type: 'ui' } }, allow: to('domain', 'runtime') },
  { from: { element: { type: 'ui' } }, allow: typesOnly('ovh') },
  { from: { element: { type: 'config' } }, allow: to('domain', 'ovh') },
  { from: { element: { type: 'sandbox' } }, allow: { to: { element: { type: 'domain', fileInternalPath: ERRORS } } } },
  { from: { element: { type: 'sandbox' } }, allow: typesOnly('ovh') },
  { from: { element: { type: 'runtime' } }, allow: { ...to('ui'), dependency: { kind: 'type' } } },
];

/** Packages only one layer may touch (architecture.md: "nothing outside ui/ touches colours…"). */
const UI_PACKAGES = ['chalk', 'ora', 'cli-table3', '@inquirer/prompts', '@inquirer/core'];
const OVH_PACKAGE = '@ovhcloud/node-ovh';
const owner = (name) => (name === OVH_PACKAGE ? 'src/ovh/node-ovh.ts' : 'src/ui/');
const restrictedPackages = (names) => ({
  'no-restricted-imports': ['error', { paths: names.map((name) => ({ name, message: `only ${owner(name)} imports ${name}` })) }],
});

export default tseslint.config(
  { ignores: ['dist/', 'node_modules/', 'coverage/', '.vitest-tmp/'] },
  js.configs.recommended,
  ...tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    linterOptions: { reportUnusedDisableDirectives: 'error' },
    rules: {
      // Defects the types can see.
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-misused-promises': 'error',
      '@typescript-eslint/switch-exhaustiveness-check': ['error', { considerDefaultExhaustiveForUnions: true }],
      '@typescript-eslint/only-throw-error': 'error',
      '@typescript-eslint/prefer-promise-reject-errors': 'error',
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports' }],
      '@typescript-eslint/no-import-type-side-effects': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none' }],
      eqeqeq: ['error', 'always', { null: 'ignore' }],
    },
  },
  {
    files: ['**/*.js', '**/*.mjs'],
    ...tseslint.configs.disableTypeChecked,
    languageOptions: { globals: { process: 'readonly', console: 'readonly' } },
  },
  {
    files: ['src/**/*.ts'],
    plugins: { boundaries, 'import-x': importX },
    settings: {
      'boundaries/elements': LAYERS.map((layer) => ({ ...layer, partialMatch: false })),
      'boundaries/include': ['src/**/*.ts'],
      'import/resolver': { typescript: { alwaysTryTypes: true } },
      'import-x/resolver-next': [createTypeScriptImportResolver({ alwaysTryTypes: true })],
      // import-x reads only the files it may parse: without these, no-cycle sees no .ts imports at all.
      'import-x/extensions': ['.ts', '.js'],
      'import-x/parsers': { '@typescript-eslint/parser': ['.ts'] },
    },
    rules: {
      'boundaries/dependencies': ['error', { default: 'disallow', policies: POLICIES }],
      'boundaries/no-unknown-files': 'error',
      'import-x/no-cycle': ['error', { ignoreExternal: true }],
    },
  },
  // Later blocks win for the files they name: every file gets the list of packages it must not touch.
  { files: ['src/**/*.ts'], rules: restrictedPackages([...UI_PACKAGES, OVH_PACKAGE]) },
  { files: ['src/ui/**/*.ts'], rules: restrictedPackages([OVH_PACKAGE]) },
  { files: ['src/ovh/node-ovh.ts'], rules: restrictedPackages(UI_PACKAGES) },
);
