/**
 * Deterministic synthetic corpora for benchmarks, grown from the seed articles: paragraphs
 * recombined across articles, people renamed, numbers and years changed. Same size and seed,
 * same corpus, byte for byte.
 */
import { mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const FIRST = [
  'Ava',
  'Liam',
  'Maya',
  'Noah',
  'Zara',
  'Omar',
  'Iris',
  'Theo',
  'Nina',
  'Raul',
  'Lena',
  'Kofi',
  'Sana',
  'Jude',
  'Mira',
  'Elio',
  'Tess',
  'Ravi',
  'Cleo',
  'Ivan',
];
const LAST = [
  'Hart',
  'Okoro',
  'Lind',
  'Varga',
  'Chen',
  'Moreau',
  'Silva',
  'Brandt',
  'Kaur',
  'Novak',
  'Reyes',
  'Quinn',
  'Adeyemi',
  'Sato',
  'Falk',
  'Duarte',
  'Ivers',
  'Marsh',
  'Petrov',
  'Lowe',
];
// The seed story's people and the forms the articles use for them.
const SEED_PEOPLE: readonly { first: string; last: string; alias: string | null }[] = [
  { first: 'John', last: 'Legend', alias: null },
  { first: 'Kanye', last: 'West', alias: 'Ye' },
  { first: 'David', last: 'Axelrod', alias: null },
];

/** A small deterministic PRNG (mulberry32). */
export function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** One generated article. */
export interface SyntheticArticle {
  readonly id: string;
  readonly text: string;
}

/** Reads the seed articles' paragraphs (lines), without their date prefixes. */
function seedParagraphs(seedDir: string): string[] {
  return readdirSync(seedDir)
    .filter((f) => f.endsWith('.txt'))
    .sort()
    .flatMap((f) => readFileSync(join(seedDir, f), 'utf8').split('\n'))
    .map((line) => line.replace(/^\s*date \d{4}-\d{2}-\d{2} /, '').trim())
    .filter((line) => line.split(/\s+/).length >= 8);
}

/**
 * Generates `count` articles of 6 to 14 paragraphs each.
 *
 * @example
 * generateCorpus('seeds', 1000, 42).length // 1000
 */
export function generateCorpus(seedDir: string, count: number, seed = 42): SyntheticArticle[] {
  const paragraphs = seedParagraphs(seedDir);
  const rand = random(seed);
  const pick = <T>(list: readonly T[]): T => list[Math.floor(rand() * list.length)] as T;
  const articles: SyntheticArticle[] = [];
  for (let i = 0; i < count; i++) {
    // Rename the people consistently within an article; keep the seed names in one in ten.
    const names = SEED_PEOPLE.map((p) =>
      i % 10 === 0
        ? p
        : { first: pick(FIRST), last: pick(LAST), alias: p.alias ? pick(FIRST).slice(0, 2) : null },
    );
    const yearShift = Math.floor(rand() * 20) - 10;
    const numberScale = 0.5 + rand() * 2;
    const body: string[] = [];
    const length = 6 + Math.floor(rand() * 9);
    for (let p = 0; p < length; p++) {
      let text = pick(paragraphs);
      SEED_PEOPLE.forEach((person, k) => {
        const to = names[k] ?? person;
        text = text
          .replaceAll(`${person.first} ${person.last}`, `${to.first} ${to.last}`)
          .replace(new RegExp(`\\b${person.last}\\b`, 'g'), to.last)
          .replace(new RegExp(`\\b${person.first}\\b`, 'g'), to.first);
        if (person.alias && to.alias)
          text = text.replace(new RegExp(`\\b${person.alias}\\b`, 'g'), to.alias);
      });
      text = text
        .replace(/\b(19|20)\d\d\b/g, (y) => String(Number(y) + yearShift))
        .replace(/\b\d{1,3}(,\d{3})+\b/g, (n) =>
          Math.round(Number(n.replace(/,/g, '')) * numberScale).toLocaleString('en-US'),
        );
      body.push(text);
    }
    const date =
      rand() < 0.5
        ? ` date 20${String(10 + Math.floor(rand() * 15))}-0${1 + Math.floor(rand() * 9)}-1${Math.floor(rand() * 9)} `
        : '';
    articles.push({
      id: `syn_${String(i).padStart(5, '0')}`,
      text: `${date}${body.join('\n\n')}\n`,
    });
  }
  return articles;
}

/** Writes a generated corpus to `dir` (emptied first). */
export function writeCorpus(dir: string, articles: readonly SyntheticArticle[]): void {
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  for (const a of articles) writeFileSync(join(dir, `${a.id}.txt`), a.text);
}
