// README's "Project layout" table is the layer table (build/lint/layers.js), row for row: a
// folder, its runtime, product or devkit, and what it may import. Changing one without the
// other fails here.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { LAYERS } from '../build/lint/layers.js';

const readme = readFileSync(join(import.meta.dirname, '..', 'README.md'), 'utf8');
const section = readme.slice(readme.indexOf('## Project layout'), readme.indexOf('\n## ', readme.indexOf('## Project layout') + 1));
const rows = section
  .split('\n')
  .filter((line) => line.startsWith('| `'))
  .map((line) =>
    line
      .split('|')
      .slice(1, -1)
      .map((cell) => cell.trim()),
  );

describe('the README’s layout table', () => {
  it('has one row per layer, saying what build/lint/layers.js says', () => {
    const expected = LAYERS.map((layer) => [
      `\`${layer.folder}/\``,
      layer.runtime,
      layer.product ? 'product' : 'devkit',
      [...layer.layers.map((name) => `\`${name}/\``), ...layer.packages.map((name) => `\`${name}\``)].join(', ') || 'nothing',
    ]);
    expect(rows.filter((row) => row[2] === 'product' || row[2] === 'devkit')).toEqual(expected);
  });

  it('also names the two folders outside the layers, build/ and test/', () => {
    expect(rows.map((row) => row[0])).toEqual(expect.arrayContaining(['`build/`', '`test/`']));
  });
});
