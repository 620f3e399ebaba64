// What a file cites (Markdown documents, guideline and API-terms ids) and what the repository's
// docs define, read from text alone; test/doc-references.test.ts applies it to the repository.
import { posix } from 'node:path';

export type Citation =
  | { readonly kind: 'document'; readonly line: number; readonly path: string }
  | { readonly kind: 'guideline'; readonly line: number; readonly id: string };

/**
 * 図3.3-4, ※5, 表2.5-5, §2.5, 第3条2項 (or 第3条第2項), and the three query methods. Paragraphs
 * count, items (号) do not: 第4条第1項第2号 is an item of 第4条第1項.
 */
const GUIDELINE_ID =
  /図\s?(\d+\.\d+(?:-\d+)?)|※\s?(\d+)|表\s?(\d+\.\d+-\d+)|§\s?(\d+(?:\.\d+)*)|第\s?(\d+)\s?条(?:\s?第?\s?(\d+)\s?項)?|(時点指定|範囲指定|最新情報指定)/gu;
/** A section sign right after an external standard's name is that standard's, e.g. RFC 5280 §4.2.1.9. */
const EXTERNAL_STANDARD = /\b(?:RFC|ISO(?:\/IEC)?|IEC|JIS\s?X|FIPS|NIST\s?SP|ITU-T\s?X\.|X\.)\s?[\d.-]+\s*$/;
const URL = /\b[a-z][a-z\d+.-]*:\/\/\S+/gi;
const DOCUMENT = /(?<![\w./-])((?:\.{1,2}\/)*[\w-]+(?:\/[\w.-]+)*\.md)(?![\w-])/g;

function guidelineId(match: RegExpExecArray): string {
  const [, figure, note, table, section, article, paragraph, term] = match;
  if (figure) return `図${figure}`;
  if (note) return `※${note}`;
  if (table) return `表${table}`;
  if (section) return `§${section}`;
  if (article) return paragraph ? `第${article}条${paragraph}項` : `第${article}条`;
  return term ?? match[0];
}

/** Every citation in `text`, line by line (full-width digits read as digits). */
export function citationsIn(text: string): Citation[] {
  const citations: Citation[] = [];
  text
    .normalize('NFKC')
    .split('\n')
    .forEach((content, index) => {
      const line = index + 1;
      for (const match of content.matchAll(GUIDELINE_ID)) {
        if (match[4] && EXTERNAL_STANDARD.test(content.slice(0, match.index))) continue;
        citations.push({ kind: 'guideline', line, id: guidelineId(match) });
      }
      for (const match of content.replace(URL, ' ').matchAll(DOCUMENT)) {
        if (match[1]) citations.push({ kind: 'document', line, path: match[1] });
      }
    });
  return citations;
}

/** The ids a glossary defines: those of its headings, each paragraph also as its whole article. */
export function definedIds(glossary: string): Set<string> {
  const ids = new Set<string>();
  const headings = glossary.split('\n').filter((line) => /^#{1,6}\s/.test(line));
  for (const citation of citationsIn(headings.join('\n'))) {
    if (citation.kind !== 'guideline') continue;
    ids.add(citation.id);
    const article = /^(第\d+条)\d+項$/.exec(citation.id)?.[1];
    if (article) ids.add(article);
  }
  return ids;
}

/**
 * The repository path a file's reference names: relative to the repository root, or to the
 * citing file's folder; undefined when neither exists or the path leaves the repository.
 */
export function resolveReference(reference: string, citingFile: string, exists: (repoPath: string) => boolean): string | undefined {
  for (const candidate of [posix.normalize(reference), posix.join(posix.dirname(citingFile), reference)]) {
    const path = candidate.replace(/\/$/, '');
    if (path === '..' || path.startsWith('../') || posix.isAbsolute(path)) continue;
    if (exists(path)) return path;
  }
  return undefined;
}

const FENCED_BLOCK = /^(```|~~~)[^\n]*\n[\s\S]*?^\1[ \t]*$/gm;
const CODE_SPAN = /`([^`\n]+)`/g;
const LINK_TARGET = /\]\(([^)\s]+)\)/g;
const FILE_PATH = /^(?:\.{1,2}\/)*(?:[\w.-]+\/)*[\w.-]+\.(?:ts|tsx|js|mjs|cjs|json|ya?ml|md|css|html|sh|service)$/;
const FOLDER_PATH = /^(?:electron|native|renderer|test|build)\/(?:[\w.-]+\/)*$/;

/** The repository files and folders a Markdown document names: code spans that are paths, and relative links. */
export function pathsNamedIn(markdown: string): string[] {
  const prose = markdown.replace(FENCED_BLOCK, '');
  const spans = [...prose.matchAll(CODE_SPAN)]
    .map((match) => match[1] ?? '')
    .filter((span) => FILE_PATH.test(span) || FOLDER_PATH.test(span));
  const links = [...prose.matchAll(LINK_TARGET)]
    .map((match) => (match[1] ?? '').replace(/#.*$/, ''))
    .filter((target) => target !== '' && !/^[a-z][a-z\d+.-]*:/i.test(target));
  return [...spans, ...links];
}
