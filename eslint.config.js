// `npm run lint` (with Prettier and knip). Type-aware typescript-eslint for the defects types can
// see (a promise nobody awaits, a switch that misses a case), and architecture.md's layer arrows as
// rules: eslint-plugin-boundaries classifies every file of src/ by its folder and refuses an import
// the house plan has no arrow for; import-x/no-cycle refuses import circles.
import js from '@eslint/js';
import boundaries from 'eslint-plugin-boundaries';
import { importX } from 'eslint-plugin-import-x';
import { createTypeScriptImportResolver } from 'eslint-import-resolver-typescript';
import tseslint from 'typescript-eslint';

/** src/ folder → the layer it is (a file in none of them is an error: boundaries/no-unknown-files). */
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
 * - flows are written against ui's interfaces (Prompter, Output, WizardView), never a renderer.
 * - ui renders what it is handed (domain values and report types, the OVH models' types); it never
 *   calls a flow.
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

/**
 * Type-aware rules that find defects: a promise nobody awaits (an unawaited `expect(…).rejects`
 * passes whatever happens), a method called without its object, a switch that misses a case, a
 * value thrown that is not an Error, a string that prints `[object Object]`.
 */
const DEFECT_RULES = {
  '@typescript-eslint/await-thenable': 'error',
  '@typescript-eslint/no-array-delete': 'error',
  '@typescript-eslint/no-base-to-string': 'error',
  '@typescript-eslint/no-duplicate-type-constituents': 'error',
  '@typescript-eslint/no-floating-promises': 'error',
  '@typescript-eslint/no-for-in-array': 'error',
  '@typescript-eslint/no-implied-eval': 'error',
  '@typescript-eslint/no-misused-promises': 'error',
  '@typescript-eslint/no-redundant-type-constituents': 'error',
  '@typescript-eslint/no-unnecessary-type-assertion': 'error',
  '@typescript-eslint/only-throw-error': 'error',
  // A rejection passed on as it came (`unknown`) is fine; a string or a plain object is not.
  '@typescript-eslint/prefer-promise-reject-errors': ['error', { allowThrowingUnknown: true }],
  '@typescript-eslint/restrict-plus-operands': 'error',
  '@typescript-eslint/switch-exhaustiveness-check': ['error', { considerDefaultExhaustiveForUnions: true }],
  '@typescript-eslint/unbound-method': 'error',
  '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports' }],
  '@typescript-eslint/no-import-type-side-effects': 'error',
  '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none' }],
  eqeqeq: ['error', 'always', { null: 'ignore' }],
};

/** typescript-eslint's recommended syntax rules; its no-explicit-any is among NO_ANY_RULES below. */
const RECOMMENDED_SYNTAX_RULES = {
  // ESLint's own versions of these misread TypeScript; the @typescript-eslint ones replace them.
  'no-unused-vars': 'off',
  'no-array-constructor': 'off',
  'no-unused-expressions': 'off',
  'no-var': 'error',
  'prefer-const': 'error',
  'prefer-rest-params': 'error',
  'prefer-spread': 'error',
  '@typescript-eslint/ban-ts-comment': 'error',
  '@typescript-eslint/no-array-constructor': 'error',
  '@typescript-eslint/no-duplicate-enum-values': 'error',
  '@typescript-eslint/no-empty-object-type': 'error',
  '@typescript-eslint/no-extra-non-null-assertion': 'error',
  '@typescript-eslint/no-misused-new': 'error',
  '@typescript-eslint/no-namespace': 'error',
  '@typescript-eslint/no-non-null-asserted-optional-chain': 'error',
  '@typescript-eslint/no-require-imports': 'error',
  '@typescript-eslint/no-this-alias': 'error',
  '@typescript-eslint/no-unnecessary-type-constraint': 'error',
  '@typescript-eslint/no-unsafe-declaration-merging': 'error',
  '@typescript-eslint/no-unsafe-function-type': 'error',
  '@typescript-eslint/no-unused-expressions': 'error',
  '@typescript-eslint/no-wrapper-object-types': 'error',
  '@typescript-eslint/prefer-as-const': 'error',
  '@typescript-eslint/prefer-namespace-keyword': 'error',
  '@typescript-eslint/triple-slash-reference': 'error',
};

/**
 * The product and the benchmark take `any` from nowhere: what comes from outside (an API answer, a
 * file) is checked before use (architecture.md, "validate at the boundaries"). Tests read the CLI's
 * and the sandbox's JSON freely and let `expect` check its shape, so these apply to src/ and bench/.
 */
const NO_ANY_RULES = {
  '@typescript-eslint/no-explicit-any': 'error',
  '@typescript-eslint/no-unsafe-argument': 'error',
  '@typescript-eslint/no-unsafe-assignment': 'error',
  '@typescript-eslint/no-unsafe-call': 'error',
  '@typescript-eslint/no-unsafe-member-access': 'error',
  '@typescript-eslint/no-unsafe-return': 'error',
};

export default tseslint.config(
  { ignores: ['dist/', 'node_modules/', 'coverage/', '.vitest-tmp/'] },
  js.configs.recommended,
  // The syntax-only rules of typescript-eslint's recommended set (no-explicit-any is in NO_ANY_RULES).
  tseslint.configs.base,
  tseslint.configs.eslintRecommended,
  {
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    linterOptions: { reportUnusedDisableDirectives: 'error' },
    rules: { ...RECOMMENDED_SYNTAX_RULES, ...DEFECT_RULES },
  },
  { files: ['src/**/*.ts', 'bench/**/*.ts'], rules: NO_ANY_RULES },
  {
    files: ['**/*.js'],
    ...tseslint.configs.disableTypeChecked,
    languageOptions: {
      ...tseslint.configs.disableTypeChecked.languageOptions,
      globals: { process: 'readonly', console: 'readonly' },
    },
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
