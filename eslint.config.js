// Lint rules that keep the shape: no import cycles, and the pipeline's layers import only
// downwards (load and transform never reach into render; matter/, the schemas, sits below
// load, transform and citations; nothing imports the CLI).
import js from '@eslint/js'
import importX from 'eslint-plugin-import-x'
import tseslint from 'typescript-eslint'

export default tseslint.config(
  {ignores: ['node_modules/', 'dist/', 'lib/', 'scratch/', '.vitest-tmp/', 'test/fixtures/']},
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ['**/*.ts'],
    plugins: {'import-x': importX},
    settings: {'import-x/resolver': {node: {extensions: ['.ts', '.js']}}, 'import-x/extensions': ['.ts', '.js']},
    rules: {
      'import-x/no-cycle': ['error', {ignoreExternal: true}],
      'import-x/no-restricted-paths': [
        'error',
        {
          zones: [
            {target: './src/load', from: './src/render', message: 'load/ reads the input; it never imports an edition.'},
            {target: './src/transform', from: './src/render', message: 'transform/ works on trees; it never imports an edition.'},
            {target: './src/load', from: './src/transform', message: 'load/ sits below transform/.'},
            {target: './src/citations', from: ['./src/transform', './src/render', './src/load'], message: 'citations/ sits below load/ and transform/.'},
            {
              target: './src/matter',
              from: ['./src/load', './src/transform', './src/render', './src/citations', './src/pack', './src/browser'],
              message: 'matter/ (the schemas and the YAML validator) sits below load/, transform/ and citations/.'
            },
            {target: ['./src/!(cli)/**/*', './src/*.ts'], from: './src/cli', message: 'Nothing imports the CLI.'},
            {
              target: './src/cache',
              from: ['./src/load', './src/transform', './src/render', './src/pack', './src/citations', './src/browser', './src/matter', './src/build.ts'],
              message: 'cache/ keeps results; it imports no stage of the pipeline.'
            },
            {
              target: './src/util',
              from: ['./src/load', './src/transform', './src/render', './src/pack', './src/citations', './src/browser', './src/matter', './src/cache'],
              message: 'util/ is the bottom layer.'
            }
          ]
        }
      ],
      '@typescript-eslint/no-unused-vars': ['error', {argsIgnorePattern: '^_', varsIgnorePattern: '^_'}],
      '@typescript-eslint/no-explicit-any': 'error'
    }
  },
  {
    files: ['**/*.js', '**/*.cjs'],
    languageOptions: {globals: {process: 'readonly', console: 'readonly', URL: 'readonly', module: 'writable', require: 'readonly'}}
  }
)
