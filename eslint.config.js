// Lint rules: typescript-eslint's recommended set, plus the project's structural rules that a
// linter can check: only src/cli/ prints or exits (../shared/style.md, habit 3); only src/synth/
// imports aws-cdk-lib; the local engine never imports the synth or deploy side
// (../shared/spec/product.md, "Architecture in one breath"). Import circles are checked by
// scripts/import-cycles.mjs, which `npm run lint` runs first: it reads the whole graph once in about
// a second, where a per-file lint rule would walk it again from every file. No line runs past 160
// characters (max-len; long strings, template literals, regular expressions and URLs excepted, so a
// message or a pattern is never split to fit).
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', 'coverage/**', '.slipway/**', 'test/fixtures/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
  {
    files: ['src/**', 'test/**', 'bench/**', 'scripts/**', 'assets/**'],
    rules: {
      'max-len': ['error', { code: 160, ignoreStrings: true, ignoreTemplateLiterals: true, ignoreRegExpLiterals: true, ignoreUrls: true }],
    },
  },
  {
    files: ['src/**/*.ts'],
    ignores: ['src/cli/**', 'src/**/*.test.ts'],
    rules: {
      'no-console': 'error',
      'no-restricted-properties': ['error', { object: 'process', property: 'exit', message: 'Only src/cli/ exits.' }],
    },
  },
  {
    files: ['src/**/*.ts'],
    ignores: ['src/synth/**'],
    rules: {
      'no-restricted-imports': ['error', { patterns: [{ group: ['aws-cdk-lib', 'aws-cdk-lib/*', 'constructs', 'cdk-nag'], message: 'Only src/synth/ imports aws-cdk-lib.' }] }],
    },
  },
  {
    files: ['src/local/**/*.ts', 'src/cloudformation/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            { group: ['aws-cdk-lib', 'aws-cdk-lib/*', 'constructs', 'cdk-nag'], message: 'The local engine never imports aws-cdk-lib.' },
            { group: ['**/synth/**', '**/synth/*', '**/deploy/*'], message: 'The local engine never imports the synth or deploy side.' },
          ],
        },
      ],
    },
  },
);
