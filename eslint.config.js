// @ts-check
import { builtinModules } from 'node:module';
import js from '@eslint/js';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';
import tseslint from 'typescript-eslint';

// Who may import whom (see README, "Project layout"). tsconfig "paths" enforce the same at
// compile time; here the rule is visible in review and in the editor.
const NODE_BUILTINS = builtinModules
  .filter((name) => !name.startsWith('_'))
  .flatMap((name) => (name.startsWith('node:') ? [name] : [name, `node:${name}`]));
const NO_SHELL = 'The kiosk never opens anything outside itself (no shell.openExternal).';
const electronOnlyInShell = {
  name: 'electron',
  message: 'Only electron/shell/ may import "electron": keep logic testable under plain Node.',
};

export default tseslint.config(
  { ignores: ['node_modules/', 'dist/', 'out/', 'test-results/', 'build/tsconfig/*-forbidden.ts'] },
  js.configs.recommended,
  ...tseslint.configs.strictTypeChecked,
  {
    languageOptions: {
      parserOptions: {
        projectService: { allowDefaultProject: ['*.js', '*.mjs', 'build/node/*.mjs'] },
        tsconfigRootDir: import.meta.dirname,
      },
      globals: globals.node,
    },
    rules: {
      '@typescript-eslint/restrict-template-expressions': ['error', { allowNumber: true }],
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_' }],
      '@typescript-eslint/no-confusing-void-expression': ['error', { ignoreArrowShorthand: true }],
      'no-restricted-syntax': [
        'error',
        { selector: 'TSEnumDeclaration', message: 'Use a const object: Node runs TypeScript by stripping types.' },
      ],
    },
  },
  {
    files: ['**/*.mjs', '**/*.js'],
    ...tseslint.configs.disableTypeChecked,
  },
  {
    files: ['native/**', 'electron/**', 'test/**', 'build/**'],
    ignores: ['electron/shell/**'],
    rules: { 'no-restricted-imports': ['error', { paths: [electronOnlyInShell] }] },
  },
  {
    // Security checklist, no shell.openExternal: the kiosk never hands a URL to the desktop.
    files: ['electron/shell/**'],
    rules: {
      'no-restricted-imports': ['error', { paths: [{ name: 'electron', importNames: ['shell'], message: NO_SHELL }] }],
      // The named import is not the only way in: electron.shell, require('electron').shell,
      // const { shell } = …, and openExternal on whatever holds it.
      'no-restricted-properties': ['error', { property: 'shell', message: NO_SHELL }, { property: 'openExternal', message: NO_SHELL }],
    },
  },
  {
    files: ['native/**'],
    ignores: ['**/*.test.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [electronOnlyInShell],
          patterns: [
            {
              group: ['**/electron/**', '**/renderer/**'],
              message: 'native/ is the bottom layer: it imports nothing from electron/ or renderer/.',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['electron/**'],
    ignores: ['electron/shell/**', '**/*.test.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        { paths: [electronOnlyInShell], patterns: [{ group: ['**/renderer/**'], message: 'The kiosk core never imports UI code.' }] },
      ],
    },
  },
  {
    files: ['electron/common/**'],
    ignores: ['**/*.test.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [
            electronOnlyInShell,
            ...NODE_BUILTINS.map((name) => ({ name, message: 'electron/common/ is shared with the renderer: pure TypeScript only.' })),
          ],
          patterns: [
            {
              group: ['**/native/**', '**/renderer/**', '../core/**', '../shell/**'],
              message: 'electron/common/ depends on nothing but itself.',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['renderer/**'],
    ignores: ['**/*.test.ts', '**/*.test.tsx'],
    languageOptions: { globals: globals.browser },
    plugins: { 'react-hooks': reactHooks },
    rules: {
      ...reactHooks.configs.recommended.rules,
      'no-restricted-imports': [
        'error',
        {
          paths: [
            { name: 'electron', message: 'The renderer is sandboxed: talk to the kiosk core through the bridge.' },
            ...NODE_BUILTINS.map((name) => ({ name, message: 'The renderer is sandboxed: it may not import Node modules.' })),
          ],
          patterns: [
            {
              group: ['**/native/**', '**/electron/core/**', '**/electron/shell/**'],
              message: 'The renderer may import only renderer/ and electron/common/.',
            },
          ],
        },
      ],
    },
  },
);
