// @ts-check
import js from '@eslint/js';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';
import tseslint from 'typescript-eslint';
import { layersPlugin } from './build/lint/layer-imports.js';

// Who may import whom is the layer table (build/lint/layers.js, README "Project layout"),
// enforced by the local rule kiosk/layer-imports; each runtime's tsconfig.json enforces the
// runtime's own limits (no Node in the renderer, Electron only in the shell) at compile time.
const NO_SHELL = 'The kiosk never opens anything outside itself (no shell.openExternal).';

export default tseslint.config(
  { ignores: ['node_modules/', 'dist/', 'out/', 'test-results/', 'build/tsconfig/*-forbidden.ts'] },
  js.configs.recommended,
  ...tseslint.configs.strictTypeChecked,
  {
    languageOptions: {
      parserOptions: {
        projectService: { allowDefaultProject: ['*.js', '*.mjs', 'build/node/*.mjs', 'build/lint/*.js'] },
        tsconfigRootDir: import.meta.dirname,
      },
      globals: globals.node,
    },
    rules: {
      '@typescript-eslint/restrict-template-expressions': ['error', { allowNumber: true }],
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', ignoreRestSiblings: true }],
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
    files: ['electron/**', 'native/**', 'renderer/**'],
    plugins: { kiosk: layersPlugin },
    rules: { 'kiosk/layer-imports': 'error' },
  },
  {
    // Security checklist, no shell.openExternal: the kiosk never hands a URL to the desktop.
    files: ['electron/main-process/**', 'electron/preload/**', 'electron/devkit/main-process/**'],
    rules: {
      'no-restricted-imports': ['error', { paths: [{ name: 'electron', importNames: ['shell'], message: NO_SHELL }] }],
      // The named import is not the only way in: electron.shell, require('electron').shell,
      // const { shell } = …, and openExternal on whatever holds it.
      'no-restricted-properties': ['error', { property: 'shell', message: NO_SHELL }, { property: 'openExternal', message: NO_SHELL }],
    },
  },
  {
    files: ['renderer/**'],
    ignores: ['**/*.test.ts', '**/*.test.tsx'],
    languageOptions: { globals: globals.browser },
    plugins: { 'react-hooks': reactHooks },
    rules: reactHooks.configs.recommended.rules,
  },
);
