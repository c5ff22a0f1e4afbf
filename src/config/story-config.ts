import { readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import safeRegex from 'safe-regex2';
import type { AnswerOptions } from '../core/answer/answer.ts';
import { DEFAULT_RANK_WEIGHTS } from '../core/answer/rank.ts';
import { RiftError } from '../core/errors.ts';
import type { NameAlias } from '../core/search/names.ts';
import type { SourceMeta, StoryMeta } from '../core/story.ts';

/** The project folder, for defaults that must not depend on the working directory. */
export const PROJECT_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
/** The story config used when none is named. */
export const DEFAULT_STORY_CONFIG = resolve(PROJECT_ROOT, 'config/story.json');
/** The general-English lexicon. */
export const DEFAULT_LEXICON = resolve(PROJECT_ROOT, 'config/lexicon.json');

const ROOT_FIELDS = [
  '$comment',
  'title',
  'corpus',
  'mainQuestion',
  'sources',
  'people',
  'cleaning',
  'answer',
] as const;
const SOURCE_FIELDS = ['outlet', 'url', 'title'] as const;
const PERSON_FIELDS = ['name', 'aliases'] as const;
const ANSWER_FIELDS = ['maxCitations', 'snippetChars', 'minCoverage', 'minKnownShare', 'weights'];
const WEIGHT_FIELDS = Object.keys(DEFAULT_RANK_WEIGHTS);

/** Longest boilerplate pattern accepted. */
const MAX_PATTERN_CHARS = 500;

/** A story config file, validated: metadata plus where the corpus is and how to clean it. */
export interface StoryConfig extends StoryMeta {
  /** The file it was read from, or null when there is none. */
  readonly file: string | null;
  /** Absolute corpus folder named by the config (relative to the config file), or null. */
  readonly corpus: string | null;
  /** Extra boilerplate patterns (regular-expression sources) for the cleaner. */
  readonly boilerplate: readonly string[];
}

/** The config of a corpus that has none: everything derived from the text. */
export const EMPTY_STORY_CONFIG: StoryConfig = { file: null, corpus: null, boilerplate: [] };

/**
 * Reads and validates a story config file. Every error names the file and the field.
 *
 * @example
 * loadStoryConfig('config/story.json').mainQuestion // 'Why did John Legend and Kanye West stop being friends?'
 */
export function loadStoryConfig(file: string): StoryConfig {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch {
    throw new RiftError(
      'CONFIG_MISSING',
      `Story config "${file}" cannot be read. Check the path given to --config or RIFT_CONFIG.`,
    );
  }
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (error) {
    throw new RiftError('CONFIG_INVALID', `${file}: not valid JSON (${(error as Error).message}).`);
  }
  return parseStoryConfig(data, file);
}

/** Validates parsed story config JSON. */
export function parseStoryConfig(data: unknown, file: string): StoryConfig {
  const fail = (field: string, want: string): never => {
    throw new RiftError('CONFIG_INVALID', `${file}: "${field}" must be ${want}.`);
  };
  if (!isRecord(data)) return fail('(root)', 'a JSON object');
  // A typo must not pass silently (`alias` for `aliases` would drop every alias).
  const known = (value: unknown, fields: readonly string[], at: string) => {
    if (!isRecord(value)) return;
    for (const key of Object.keys(value)) {
      if (fields.includes(key)) continue;
      const near = nearest(key, fields);
      throw new RiftError(
        'CONFIG_INVALID',
        `${file}: unknown field "${at}${key}"${near ? `; did you mean "${at}${near}"?` : `; the fields are ${fields.filter((f) => !f.startsWith('$')).join(', ')}`} (see README, Configuration).`,
      );
    }
  };
  known(data, ROOT_FIELDS, '');
  known(data.cleaning, ['boilerplate'], 'cleaning.');
  known(data.answer, ANSWER_FIELDS, 'answer.');
  if (isRecord(data.answer)) known(data.answer.weights, WEIGHT_FIELDS, 'answer.weights.');
  if (isRecord(data.sources)) {
    for (const [id, meta] of Object.entries(data.sources))
      known(meta, SOURCE_FIELDS, `sources.${id}.`);
  }
  if (Array.isArray(data.people)) {
    for (const [i, p] of data.people.entries()) known(p, PERSON_FIELDS, `people[${i}].`);
  }
  const optionalString = (field: string): string | null => {
    const value = data[field];
    if (value === undefined || value === null) return null;
    return typeof value === 'string' && value.trim() ? value : fail(field, 'a non-empty string');
  };
  const sources: Record<string, SourceMeta> = {};
  const rawSources = data.sources ?? {};
  if (!isRecord(rawSources)) fail('sources', 'an object keyed by source id');
  for (const [id, meta] of Object.entries(rawSources as Record<string, unknown>)) {
    if (!isRecord(meta)) fail(`sources.${id}`, 'an object with outlet, url or title');
    const m = meta as Record<string, unknown>;
    for (const key of ['outlet', 'url', 'title']) {
      if (m[key] !== undefined && m[key] !== null && typeof m[key] !== 'string')
        fail(`sources.${id}.${key}`, 'a string or null');
    }
    if (typeof m.url === 'string' && !/^https?:\/\//.test(m.url))
      fail(`sources.${id}.url`, 'an http(s) URL');
    sources[id] = {
      outlet: (m.outlet as string) ?? null,
      url: (m.url as string) ?? null,
      title: (m.title as string) ?? null,
    };
  }
  const people: NameAlias[] = [];
  const rawPeople = data.people ?? [];
  if (!Array.isArray(rawPeople)) fail('people', 'an array of {"name", "aliases"}');
  for (const [i, p] of (rawPeople as unknown[]).entries()) {
    if (!isRecord(p) || typeof p.name !== 'string' || !p.name.trim()) {
      fail(`people[${i}].name`, 'a non-empty string');
      continue;
    }
    const aliases = p.aliases ?? [];
    if (!Array.isArray(aliases) || !aliases.every((a) => typeof a === 'string')) {
      fail(`people[${i}].aliases`, 'an array of strings');
    }
    people.push({ name: p.name, aliases: aliases as string[] });
  }
  const cleaning = data.cleaning ?? {};
  if (!isRecord(cleaning)) fail('cleaning', 'an object');
  const boilerplate = (cleaning as Record<string, unknown>).boilerplate ?? [];
  if (!Array.isArray(boilerplate) || !boilerplate.every((b) => typeof b === 'string'))
    fail('cleaning.boilerplate', 'an array of regular-expression strings');
  (boilerplate as string[]).forEach((pattern, i) => {
    try {
      new RegExp(pattern, 'i');
    } catch {
      fail(
        `cleaning.boilerplate[${i}]`,
        `a valid regular expression (got ${JSON.stringify(pattern)})`,
      );
    }
    // Every line of every article is tested against these: a pattern with nested repetition
    // can take exponential time on one long line and freeze a build. The heuristic is quick and
    // deterministic; what it misses is still stopped by the build's time budget.
    if (pattern.length > MAX_PATTERN_CHARS || !safeRegex(pattern))
      fail(
        `cleaning.boilerplate[${i}]`,
        `a pattern without nested repetition, which can backtrack for hours on a long line (got ${JSON.stringify(pattern.slice(0, 80))}); write ^[\\w\\s]+$ rather than ^(\\w+\\s?)+$, a+$ rather than (a+)+$`,
      );
  });
  const answer = parseAnswer(data.answer ?? {}, fail);
  const corpus = optionalString('corpus');
  return {
    file,
    corpus: corpus ? resolve(dirname(file), corpus) : null,
    title: optionalString('title'),
    mainQuestion: optionalString('mainQuestion'),
    sources,
    people,
    boilerplate: boilerplate as string[],
    answer,
  };
}

function parseAnswer(
  value: unknown,
  fail: (field: string, want: string) => never,
): Partial<AnswerOptions> {
  if (!isRecord(value)) return fail('answer', 'an object');
  const out: Record<string, unknown> = {};
  const ranges: Record<string, [number, number, boolean]> = {
    maxCitations: [1, 10, true],
    snippetChars: [80, 1000, true],
  };
  // Thresholds of the rule-based abstention of old: abstention is now a model fitted on data
  // (`npm run fit`), and a config that still sets them must hear they no longer act.
  for (const retired of ['minCoverage', 'minKnownShare']) {
    if (value[retired] !== undefined)
      fail(
        `answer.${retired}`,
        'removed: abstention is fitted by npm run fit (config/answer-weights.json)',
      );
  }
  for (const [key, [min, max, integer]] of Object.entries(ranges)) {
    const v = value[key];
    if (v === undefined) continue;
    if (typeof v !== 'number' || v < min || v > max || (integer && !Number.isInteger(v))) {
      fail(`answer.${key}`, `a${integer ? 'n integer' : ' number'} from ${min} to ${max}`);
    }
    out[key] = v;
  }
  if (value.weights !== undefined) {
    if (
      !isRecord(value.weights) ||
      !Object.values(value.weights).every((w) => typeof w === 'number' && w >= 0)
    ) {
      fail('answer.weights', 'an object of non-negative numbers');
    }
    out.weights = value.weights;
  }
  return out as Partial<AnswerOptions>;
}

/**
 * The known name closest to a mistyped one (`alias` → `aliases`), or null when none is close.
 *
 * @example
 * nearest('alias', ['name', 'aliases']) // 'aliases'
 */
export function nearest(key: string, fields: readonly string[]): string | null {
  const typed = key.toLowerCase();
  let best: { field: string; distance: number } | null = null;
  for (const field of fields) {
    const distance = editDistance(typed, field.toLowerCase());
    if (
      distance <= Math.max(2, Math.floor(field.length / 3)) &&
      (!best || distance < best.distance)
    )
      best = { field, distance };
  }
  return best?.field ?? null;
}

function editDistance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const row = [i];
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      row[j] = Math.min(
        (previous[j] ?? 0) + 1,
        (row[j - 1] ?? 0) + 1,
        (previous[j - 1] ?? 0) + cost,
      );
    }
    previous = row;
  }
  return previous[b.length] ?? 0;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
