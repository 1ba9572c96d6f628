// Type-aware lint: the async streaming code leans on no-floating-promises and friends.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  {
    ignores: [
      '**/dist/**',
      '**/node_modules/**',
      '**/data/**',
      'coverage/**',
      // Its own project: React types come from its own install, checked by its test (tsc).
      'examples/docusaurus/site/**',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    rules: {
      '@typescript-eslint/consistent-type-imports': 'error',
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/switch-exhaustiveness-check': [
        'error',
        { considerDefaultExhaustiveForUnions: true },
      ],
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_' },
      ],
      '@typescript-eslint/require-await': 'off',
    },
  },
  {
    // Runtime-neutral folders: web standards only, so the core runs on Node, Bun, Deno and edge runtimes.
    files: [
      'packages/server/src/protocol/**',
      'packages/server/src/server/**',
      'packages/server/src/http/**',
      'packages/server/src/widgets/**',
      'packages/server/src/index.ts',
      'packages/server/src/errors.ts',
      'packages/server/src/encoding/**',
      'packages/server/src/stores/*.ts',
      'packages/server/src/stores/memory/**',
      'packages/server/src/turn/**',
    ],
    ignores: ['**/*.test.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            'node:*',
            'better-sqlite3',
            'pg',
            'openai',
            '@openai/*',
            '@modelcontextprotocol/*',
            '@anthropic-ai/*',
            'hono',
            '@hono/*',
          ],
        },
      ],
    },
  },
  {
    files: ['**/*.test.ts', '**/test/**', '**/bench/**'],
    rules: {
      '@typescript-eslint/no-unsafe-assignment': 'off',
      '@typescript-eslint/no-unsafe-member-access': 'off',
      '@typescript-eslint/no-unsafe-argument': 'off',
      '@typescript-eslint/no-unsafe-call': 'off',
      '@typescript-eslint/no-non-null-assertion': 'off',
      '@typescript-eslint/unbound-method': 'off',
    },
  },
  { files: ['**/*.js', '**/*.mjs'], ...tseslint.configs.disableTypeChecked },
);
