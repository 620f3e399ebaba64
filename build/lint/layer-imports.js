// @ts-check
// ESLint rule: every import must be allowed by the layer table (build/lint/layers.js). A file
// in a folder the table does not know is reported too, so new code is restricted by default.
// Tests (*.test.ts, *.test.tsx) are not checked: they are never part of the product, and may
// reach whatever they test with (test support, the devkit, other layers' fakes).
import { isBuiltin } from 'node:module';
import { dirname, isAbsolute, join, relative, resolve, sep } from 'node:path';
import { LAYERS, UNRESTRICTED, layerOf } from './layers.js';

const root = join(import.meta.dirname, '..', '..');
const TEST_FILE = /\.test\.tsx?$/;
const SOURCE_ROOTS = ['electron', 'native', 'renderer'];

/** Repository path with forward slashes, or undefined outside the repository. */
function repoPath(/** @type {string} */ absolute) {
  const path = relative(root, absolute);
  return path.startsWith('..') || isAbsolute(path) ? undefined : path.split(sep).join('/');
}

/** The npm package a bare specifier names (`react-dom/client` → `react-dom`, `@scope/a/b` → `@scope/a`). */
function packageOf(/** @type {string} */ specifier) {
  const parts = specifier.split('/');
  return specifier.startsWith('@') ? parts.slice(0, 2).join('/') : (parts[0] ?? specifier);
}

/** @type {import('eslint').Rule.RuleModule} */
export const layerImports = {
  meta: {
    type: 'problem',
    docs: { description: 'Imports must be allowed by the layer table (build/lint/layers.js).' },
    schema: [],
    messages: {
      noLayer: '{{file}} is in no layer: give its folder a row in build/lint/layers.js (what it may import).',
      layer: '{{from}} ({{runtime}}) may not import {{to}}: allowed are {{allowed}} (build/lint/layers.js).',
      outside: '{{from}} may not import {{target}}, which is in no layer.',
      package: '{{from}} ({{runtime}}) may not import the package "{{name}}": allowed are {{allowed}} (build/lint/layers.js).',
    },
  },
  create(context) {
    const file = repoPath(context.filename);
    if (!file || !SOURCE_ROOTS.some((folder) => file.startsWith(`${folder}/`))) return {};
    if (UNRESTRICTED.some((folder) => file.startsWith(`${folder}/`))) return {};
    const from = layerOf(file);
    if (TEST_FILE.test(file) && from) return {};
    if (!from) {
      return {
        Program(node) {
          context.report({ node, messageId: 'noLayer', data: { file } });
        },
      };
    }
    const allowedLayers = new Set([from.folder, ...from.layers]);
    const describe = () => [...from.layers, ...from.packages].join(', ') || 'nothing else';

    /** @param {import('estree').Node} node @param {unknown} specifier */
    const check = (node, specifier) => {
      if (typeof specifier !== 'string') return;
      if (specifier.startsWith('.')) {
        const target = repoPath(resolve(dirname(context.filename), specifier));
        if (!target) return context.report({ node, messageId: 'outside', data: { from: from.folder, target: specifier } });
        const to = layerOf(target);
        if (!to) return context.report({ node, messageId: 'outside', data: { from: from.folder, target } });
        if (!allowedLayers.has(to.folder))
          context.report({
            node,
            messageId: 'layer',
            data: { from: from.folder, runtime: from.runtime, to: to.folder, allowed: describe() },
          });
        return;
      }
      const name = isBuiltin(specifier) ? 'node:*' : packageOf(specifier);
      if (!from.packages.includes(name))
        context.report({
          node,
          messageId: 'package',
          data: { from: from.folder, runtime: from.runtime, name: specifier, allowed: describe() },
        });
    };
    return {
      ImportDeclaration: (node) => check(node.source, node.source.value),
      ExportNamedDeclaration: (node) => node.source && check(node.source, node.source.value),
      ExportAllDeclaration: (node) => check(node.source, node.source.value),
      ImportExpression: (node) => node.source.type === 'Literal' && check(node.source, node.source.value),
      CallExpression: (node) => {
        const [argument] = node.arguments;
        if (node.callee.type === 'Identifier' && node.callee.name === 'require' && argument?.type === 'Literal')
          check(argument, argument.value);
      },
    };
  },
};

/** The rule as an ESLint plugin, and the folders it must see (every layer's). */
export const layersPlugin = { rules: { 'layer-imports': layerImports } };
export const LAYER_FOLDERS = LAYERS.map((layer) => layer.folder);
