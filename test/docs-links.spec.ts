import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';

/**
 * Every relative link in the README and docs/ names a file that exists, and every `#anchor` a heading of its
 * target (as GitHub makes anchors). Links to the web are not fetched (tests talk only to loopback); links that
 * leave the repository (SPEC.md in ../shared, beside the clone) are not checked, since a clone may lack them.
 */
const root = join(__dirname, '..');
const documents = [
  'README.md',
  ...readdirSync(join(root, 'docs'))
    .filter((name) => name.endsWith('.md'))
    .map((name) => `docs/${name}`),
];

/** The text outside code fences and inline code: links shown as code are examples, not links. */
function prose(markdown: string): string {
  return markdown.replace(/^```[\s\S]*?^```/gm, '').replace(/`[^`\n]*`/g, '');
}

/** GitHub's anchors: lower case, punctuation dropped, spaces to hyphens, repeats numbered. */
function anchorsOf(file: string): Set<string> {
  const anchors = new Set<string>();
  const seen = new Map<string, number>();
  for (const [, heading] of readFileSync(file, 'utf8')
    .replace(/^```[\s\S]*?^```/gm, '')
    .matchAll(/^#{1,6}\s+(.+?)\s*#*\s*$/gm)) {
    const slug = heading
      .replace(/`/g, '')
      .replace(/\[([^\]]*)\]\([^)]*\)/g, '$1')
      .toLowerCase()
      .replace(/[^\p{L}\p{N}\- _]/gu, '')
      .replace(/ /g, '-');
    const count = seen.get(slug) ?? 0;
    seen.set(slug, count + 1);
    anchors.add(count === 0 ? slug : `${slug}-${count}`);
  }
  return anchors;
}

const links = documents.flatMap((document) =>
  [...prose(readFileSync(join(root, document), 'utf8')).matchAll(/\]\(([^)\s]+)(?:\s+"[^"]*")?\)/g)].map(
    (match) => [document, match[1]] as const,
  ),
);

describe('links in the README and docs/', () => {
  it('finds the documents and their links', () => {
    expect(documents).toEqual(expect.arrayContaining(['README.md', 'docs/README.md', 'docs/api.md']));
    expect(links.length).toBeGreaterThan(20);
  });

  const fileOf = (document: string, path: string): string =>
    path === '' ? join(root, document) : resolve(dirname(join(root, document)), decodeURI(path));
  const relativeLinks = links.filter(([, target]) => !/^[a-z]+:/i.test(target));
  const outside = relativeLinks.filter(([document, target]) =>
    relative(root, fileOf(document, target.split('#')[0])).startsWith('..'),
  );

  it('leaves the repository only for SPEC.md in ../shared', () => {
    expect([...new Set(outside.map(([document, target]) => relative(root, fileOf(document, target))))]).toEqual([
      join('..', 'shared', 'SPEC.md'),
    ]);
  });

  it.each(relativeLinks.filter((link) => !outside.includes(link)))('%s → %s resolves', (document, target) => {
    const [path, anchor] = target.split('#', 2);
    const file = fileOf(document, path);
    expect({ target, exists: existsSync(file) }).toEqual({ target, exists: true });
    if (anchor !== undefined) {
      expect(statSync(file).isFile() && file.endsWith('.md')).toBe(true);
      expect([...anchorsOf(file)]).toContain(anchor);
    }
  });
});
