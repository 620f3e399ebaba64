// Every reference a file of the repository makes resolves inside the repository: a cited
// Markdown document exists here (not in a folder beside the checkout), a cited guideline or
// API-terms id has its entry in the glossary, and a path a document names exists.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { citationsIn, definedIds, pathsNamedIn, resolveReference } from './support/doc-references.ts';

const root = join(import.meta.dirname, '..');
const FOLDERS = ['electron', 'native', 'renderer', 'test', 'build'];
const TEXT_FILE = /\.(?:ts|tsx|js|mjs|cjs|json|ya?ml|css|html|sh|service|md)$/;
const GLOSSARY = 'electron/node/GUIDELINE.md';
/** This file cites what does not exist on purpose, to show that it is caught. */
const SELF = 'test/doc-references.test.ts';

const exists = (repoPath: string): boolean => existsSync(join(root, repoPath));

function repositoryFiles(): string[] {
  return [
    'README.md',
    ...FOLDERS.flatMap((folder) =>
      readdirSync(join(root, folder), { recursive: true, encoding: 'utf8' })
        .map((path) => `${folder}/${path.split('\\').join('/')}`)
        .filter((path) => TEXT_FILE.test(path) && !path.split('/').includes('node_modules') && path !== SELF),
    ),
  ];
}

/** What `text` of `file` cites that does not resolve, as `file:line what`. */
function unresolved(file: string, text: string, glossary: ReadonlySet<string>): string[] {
  return citationsIn(text).flatMap((citation) => {
    if (citation.kind === 'document')
      return resolveReference(citation.path, file, exists) ? [] : [`${file}:${String(citation.line)} ${citation.path}`];
    // The glossary defines ids; what it mentions in passing is not a citation.
    return file === GLOSSARY || glossary.has(citation.id) ? [] : [`${file}:${String(citation.line)} ${citation.id}`];
  });
}

const glossary = definedIds(readFileSync(join(root, GLOSSARY), 'utf8'));

describe('references in the repository', () => {
  const files = repositoryFiles();

  it('resolve: cited documents exist here and cited guideline ids are in the glossary', () => {
    const problems = files.flatMap((file) => unresolved(file, readFileSync(join(root, file), 'utf8'), glossary));
    expect(problems).toEqual([]);
  });

  it('in documents: every repository path a document names exists', () => {
    const missing = files
      .filter((file) => file.endsWith('.md'))
      .flatMap((file) =>
        pathsNamedIn(readFileSync(join(root, file), 'utf8'))
          .filter((path) => !resolveReference(path, file, exists))
          .map((path) => `${file}: ${path}`),
      );
    expect(missing).toEqual([]);
  });

  it('the glossary has the items the code is built on', () => {
    const items = [
      ...['1', '2', '3', '4', '5', '6', '7'].map((screen) => `図3.3-${screen}`),
      ...['※2', '※3', '※5', '§2.5', '§2.6', '§3.7', '時点指定', '範囲指定', '最新情報指定', '第3条2項', '第4条1項', '第6条1項'],
      ...['1', '2', '3', '4', '5'].map((table) => `表2.5-${table}`),
    ];
    expect(items.filter((id) => !glossary.has(id))).toEqual([]);
  });
});

describe('the reference check', () => {
  it('reports a guideline id the glossary lacks, and a document that is not in the repository', () => {
    const source = [
      '// The eighth screen (図3.3-8), as ※9 says.',
      '// Card facts: ../shared/docs/jpki-card.md and jpki-card.md',
      '// Screens: native/jpki/CARD-PROTOCOL.md, electron/node/GUIDELINE.md and README.md',
    ].join('\n');
    expect(unresolved('native/jpki/example.ts', source, glossary)).toEqual([
      'native/jpki/example.ts:1 図3.3-8',
      'native/jpki/example.ts:1 ※9',
      'native/jpki/example.ts:2 ../shared/docs/jpki-card.md',
      'native/jpki/example.ts:2 jpki-card.md',
    ]);
  });

  it('reads both ways of writing an id, full-width digits and an article by its paragraph', () => {
    const ids = citationsIn('// 図 3.3-5 and ※５; API terms 第３条第２項; 第4条第1項第4号; 最新情報指定').map((citation) =>
      citation.kind === 'guideline' ? citation.id : citation.path,
    );
    expect(ids).toEqual(['図3.3-5', '※5', '第3条2項', '第4条1項', '最新情報指定']);
    expect(ids.filter((id) => !glossary.has(id))).toEqual([]);
  });

  it('leaves external standards and web addresses alone', () => {
    const source = [
      '// Self-issued CA certificates do not count (RFC 5280 §4.2.1.9); ISO/IEC 7816-4 §5.1; X.690 §8.1.3.',
      '// See https://github.com/OpenSC/OpenSC/blob/master/README.md for the reader driver.',
      '/** §2.5: the chain must run. */',
    ].join('\n');
    expect(citationsIn(source)).toEqual([{ kind: 'guideline', line: 3, id: '§2.5' }]);
  });

  it('finds the paths a document names in code spans and links, not in code blocks', () => {
    const markdown = [
      'The client is `native/jpki/jpki-session.ts`; see [the facts](../jpki/CARD-PROTOCOL.md#pin) and `native/devkit/`.',
      'Not paths: `00 A4 04 0C`, `card-jpki.c`, [a site](https://example.com/x.md), [a section](#pin).',
      '```mermaid',
      'K->>C: `native/nowhere.ts`',
      '```',
    ].join('\n');
    expect(pathsNamedIn(markdown)).toEqual(['native/jpki/jpki-session.ts', 'native/devkit/', '../jpki/CARD-PROTOCOL.md']);
  });
});
