/**
 * "Another view": passages of the corpus that qualify or contradict a cited claim, shown beside
 * the answer instead of being hidden by ranking. Three general signals, no story-specific words:
 *
 * 1. The same speaker denying the cause a citation gives (`I don't think we're less friends
 *    because of ...` beside `... because we publicly disagreed ...`), or negating a claim of
 *    theirs that had no negation.
 * 2. Another quoted speaker answering the claim with a negation, on its rarest words
 *    (`Nobody is asking for an ATM` beside `... are not an ATM for a football club`).
 * 3. Another outlet telling the same fact with a different number, amount or date (`60,000
 *    votes` beside `66,000 votes`; `£48m` beside `£50 million`; `in 2016` beside `in 2017` for
 *    the same meeting).
 */
import { SAME_STATEMENT_COVERAGE, wordPairs } from '../search/corroboration.ts';
import type { SearchIndex } from '../search/search-index.ts';
import { words } from '../text/fold.ts';
import { findDates } from '../timeline/dates.ts';
import type { CoreCitation } from './answer.ts';
import { makeSnippet } from './snippet.ts';

/** At most this many other views per answer. */
export const MAX_OTHER_VIEWS = 3;
/** Weighted share of a claim's words a passage must repeat to speak of the same thing. */
export const SAME_TOPIC = 0.25;
/** Weighted share of a fact's words another outlet must repeat to tell the same fact. */
export const SAME_FACT = 0.45;
/** A word in more than this share of passages (`city`) is too common to be disputed. */
export const COMMON_WORD_SHARE = 0.1;
/** Words after a denial (`not`, `nobody`, `n't`) that it is taken to deny. */
export const DENIAL_SCOPE = 6;

const DENIAL_WORD = /^(nobody|nothing|none|neither|never|not|no|cannot)$|n't$/;
const COUNTED = /(\d[\d,.]*)\s+(\p{L}{3,})/gu;
/** An amount of money: `£48m`, `£50 million`, `$3.2bn`, `€900,000`. */
const MONEY = /([£$€¥])\s?(\d[\d,]*(?:\.\d+)?)(?:\s?(k|thousand|m|mn|million|bn|b|billion)\b)?/giu;
const MONEY_SCALE: Readonly<Record<string, number>> = {
  k: 1e3,
  thousand: 1e3,
  m: 1e6,
  mn: 1e6,
  million: 1e6,
  b: 1e9,
  bn: 1e9,
  billion: 1e9,
};

type Reason = 'qualifies' | 'rebuts' | 'differs';

/**
 * Finds passages that qualify or contradict the cited claims, best first, none already cited.
 * With `about` (the terms of what the question asks, names aside), a view must hold one of
 * them: a qualification of a cited claim is beside the point of a question about another
 * thing (`Which podcast ...?`), and a question made only of names has no views. Without it
 * (a `why` question, whose every citation is a reason given), any view of a citation counts.
 *
 * @example
 * findOtherViews(index, answerQuestion(index, 'Why did John Legend and Kanye West stop being friends?').citations)[0]?.snippet
 * // '“I don’t think we’re less friends because of the Trump thing,” Legend explained. …'
 */
export function findOtherViews(
  index: SearchIndex,
  citations: readonly CoreCitation[],
  snippetChars = 300,
  about: ReadonlySet<string> | null = null,
): CoreCitation[] {
  const cited = new Set(citations.map((c) => c.passage));
  const { idf, mass: massOf, denied, names, total, postings } = prepared(index);
  const found: { passage: number; reason: Reason; shared: Set<string>; rank: number }[] = [];
  const taken = new Set<number>();

  citations.forEach((citation, order) => {
    const claim = citation.passage;
    const claimTerms = index.terms[claim] ?? new Set<string>();
    const claimFeatures = index.features[claim];
    if (!claimFeatures) return;
    const speaker = index.speakers[claim] ?? null;
    const claimMass = massOf(claim);
    const claimDenied = denied(claim);
    for (const p of candidatesSharing(claimTerms, postings, total, idf)) {
      const passage = index.passages[p];
      if (!passage) continue;
      if (cited.has(p) || taken.has(p)) continue;
      const terms = index.terms[p];
      const features = index.features[p];
      if (!features || !terms) continue;
      // A view must speak of what was asked, not only of something a citation also says.
      if (about && ![...about].some((t) => terms.has(t))) continue;
      const shared = new Set<string>();
      let sharedMass = 0;
      for (const t of claimTerms) {
        if (!terms.has(t)) continue;
        shared.add(t);
        sharedMass += idf(t);
      }
      if (shared.size === 0) continue;
      // Of the shorter text: a short denial repeats few of a long claim's words.
      const smaller = Math.min(claimMass, massOf(p));
      const overlap = smaller > 0 ? sharedMass / smaller : 0;
      const other = index.speakers[p] ?? null;
      let reason: Reason | null = null;
      if (speaker && other === speaker && overlap >= SAME_TOPIC) {
        if (claimFeatures.cause && !claimFeatures.qualifiedCause && features.qualifiedCause)
          reason = 'qualifies';
        else if (!claimFeatures.negation && features.negation && overlap >= SAME_FACT)
          reason = 'qualifies';
      }
      if (!reason && speaker && other && other !== speaker) {
        // Both deny something about the same word: `not an ATM` / `Nobody is asking for an ATM`.
        const disputed = [...denied(p)].filter(
          (t) =>
            claimDenied.has(t) &&
            !names.has(t) &&
            (index.documentFrequency.get(t) ?? total) / total <= COMMON_WORD_SHARE,
        );
        if (disputed.length > 0) reason = 'rebuts';
      }
      if (
        !reason &&
        // Another outlet, even one the citation's corroboration counted: word-for-word
        // agreement around a different number is exactly the case to show.
        passage.source !== citation.source &&
        overlap >= SAME_FACT &&
        differentFact(index, claim, p)
      )
        reason = 'differs';
      if (reason) {
        found.push({ passage: p, reason, shared, rank: order * 10 + rankOf(reason) });
        taken.add(p);
      }
    }
  });

  const chosen: CoreCitation[] = [];
  const shown = citations.map((c) => c.passage);
  for (const view of found.sort((a, b) => a.rank - b.rank || a.passage - b.passage)) {
    if (chosen.length >= MAX_OTHER_VIEWS) break;
    const passage = index.passages[view.passage];
    if (!passage) continue;
    // A different number in the same words is the point of `differs`, not a repeat.
    const repeats =
      view.reason !== 'differs' &&
      shown.some(
        (other) =>
          pairOverlap(index, passage.id, other) >= SAME_STATEMENT_COVERAGE ||
          pairOverlap(index, other, passage.id) >= SAME_STATEMENT_COVERAGE,
      );
    if (repeats) continue;
    const weight = (token: string) => {
      const word = words(token)[0];
      return word && view.shared.has(index.lexicon.term(word)) ? 1 : 0;
    };
    const snippet = makeSnippet(passage.displayText, weight, snippetChars);
    const reporting = index.corroboration
      .sourcesReporting(passage.text)
      .map((a) => index.articles[a]?.id ?? '')
      .filter((id) => id && id !== passage.source);
    chosen.push({
      snippet,
      source: passage.source,
      sources: [passage.source, ...reporting],
      passage: passage.id,
      speaker: index.speakers[passage.id] ?? null,
    });
    shown.push(passage.id);
  }
  return chosen;
}

/** Index terms within a few words after each denial: what the text says is not so. */
function deniedTerms(index: SearchIndex, text: string): Set<string> {
  const tokens = words(text);
  const denied = new Set<string>();
  tokens.forEach((token, i) => {
    if (!DENIAL_WORD.test(token)) return;
    for (const next of tokens.slice(i + 1, i + 1 + DENIAL_SCOPE)) {
      if (DENIAL_WORD.test(next) || index.lexicon.isStopWord(next)) continue;
      denied.add(index.lexicon.term(next));
    }
  });
  return denied;
}

function rankOf(reason: Reason): number {
  return reason === 'qualifies' ? 0 : reason === 'differs' ? 1 : 2;
}

/** Per-index lookups, computed once per index: idf, each passage's weight and denied words. */
interface Prepared {
  readonly total: number;
  readonly idf: (term: string) => number;
  /** Summed idf of a passage's terms, computed on first use. */
  readonly mass: (passage: number) => number;
  /** Denied terms of a passage, computed on first use. */
  readonly denied: (passage: number) => ReadonlySet<string>;
  readonly names: ReadonlySet<string>;
  /** Passages containing each term, to look only at passages sharing a claim's words. */
  readonly postings: ReadonlyMap<string, Uint32Array>;
}

const preparedByIndex = new WeakMap<SearchIndex, Prepared>();
const NOTHING_DENIED: ReadonlySet<string> = new Set();

/**
 * Builds the per-index tables Another view needs (term postings) ahead of the first question,
 * so that question is not the one paying for them.
 */
export function prepareOtherViews(index: SearchIndex): void {
  const { mass, denied } = prepared(index);
  // What each passage weighs, denies and counts is read here, once per story, rather than by
  // the first questions, which would each pay for a thousand candidates (at 1,000 articles
  // the first question spent most of its 200 ms on these).
  for (let p = 0; p < index.passages.length; p++) {
    mass(p);
    if (index.speakers[p]) denied(p);
    factsOf(index, p);
  }
}

function prepared(index: SearchIndex): Prepared {
  const cached = preparedByIndex.get(index);
  if (cached) return cached;
  const total = Math.max(1, index.passages.length);
  const idfs = new Map<string, number>();
  const idf = (term: string) => {
    let value = idfs.get(term);
    if (value === undefined) {
      value = Math.log((total + 1) / ((index.documentFrequency.get(term) ?? 0) + 1));
      idfs.set(term, value);
    }
    return value;
  };
  const masses = new Float64Array(total).fill(Number.NaN);
  const denials: (ReadonlySet<string> | undefined)[] = [];
  const result: Prepared = {
    total,
    idf,
    mass: (id) => {
      if (Number.isNaN(masses[id] ?? Number.NaN)) {
        let sum = 0;
        for (const t of index.terms[id] ?? []) sum += idf(t);
        masses[id] = sum;
      }
      return masses[id] ?? 0;
    },
    denied: (id) => {
      let set = denials[id];
      if (!set) {
        set = deniedTerms(index, index.passages[id]?.text ?? '');
        // Most passages deny nothing: they share one empty set.
        if (set.size === 0) set = NOTHING_DENIED;
        denials[id] = set;
      }
      return set;
    },
    names: nameTerms(index),
    postings: index.postings,
  };
  preparedByIndex.set(index, result);
  return result;
}

/** A term in more passages than this share (and floor) proposes no candidates: too common. */
const CANDIDATE_TERM_SHARE = 0.02;
const CANDIDATE_TERM_FLOOR = 500;

/** The most passages examined for one claim: those sharing most of its meaning. */
const MAX_CANDIDATES = 400;

/**
 * The passages sharing the most of a claim's meaning (idf mass of shared rarer terms), at most
 * MAX_CANDIDATES, in passage order. Only terms rare enough to mean something propose
 * candidates, so the cost follows the claim, not the corpus size.
 */
function candidatesSharing(
  claimTerms: ReadonlySet<string>,
  postings: ReadonlyMap<string, Uint32Array>,
  total: number,
  idf: (term: string) => number,
): number[] {
  const cap = Math.max(CANDIDATE_TERM_FLOOR, total * CANDIDATE_TERM_SHARE);
  const mass = new Map<number, number>();
  for (const t of claimTerms) {
    const list = postings.get(t);
    if (!list || list.length > cap) continue;
    const weight = idf(t);
    for (const id of list) mass.set(id, (mass.get(id) ?? 0) + weight);
  }
  const ranked = [...mass].sort((a, b) => b[1] - a[1] || a[0] - b[0]).slice(0, MAX_CANDIDATES);
  return ranked.map(([id]) => id).sort((a, b) => a - b);
}

/** Index terms of the people's names: shared names say who, not what. */
function nameTerms(index: SearchIndex): Set<string> {
  const terms = new Set<string>();
  for (const n of index.names)
    for (const form of n.forms) for (const w of words(form)) terms.add(index.lexicon.term(w));
  return terms;
}

/**
 * True when two passages give a different count of the same thing (`60,000 votes` and `66,000
 * votes`) or only different dates (`in 2016` and `in 2017`) while saying much the same.
 */
/**
 * True when passages `a` and `b` give different values for the same counted thing (`60,000
 * votes` / `66,000 votes`), different amounts in one currency (`£48m` / `£50 million`), or
 * dates of which neither contains the other.
 */
export function differentFact(index: SearchIndex, a: number, b: number): boolean {
  const factsA = factsOf(index, a);
  const factsB = factsOf(index, b);
  for (const [noun, values] of factsA.counts) {
    const other = factsB.counts.get(noun);
    if (other && ![...values].some((v) => other.has(v))) return true;
  }
  if (factsA.dates.length === 0 || factsB.dates.length === 0) return false;
  return !factsA.dates.some((x) => factsB.dates.some((y) => x.startsWith(y) || y.startsWith(x)));
}

/** Share of passage `a`'s displayed word pairs that passage `b` repeats. */
function pairOverlap(index: SearchIndex, a: number, b: number): number {
  const pa = pairsOfPassage(index, a);
  const pb = pairsOfPassage(index, b);
  if (pa.size === 0) return 0;
  // The same sentence in two articles (wire copy) shares one set of pairs: all of them.
  if (pa === pb) return 1;
  let shared = 0;
  for (const pair of pa) if (pb.has(pair)) shared++;
  return shared / pa.size;
}

const pairsByIndex = new WeakMap<SearchIndex, Map<string, ReadonlySet<string>>>();

/**
 * The word pairs of a passage's displayed text, read once per text: a sentence that several
 * articles repeat word for word is read once, and its copies compare as one.
 */
function pairsOfPassage(index: SearchIndex, passage: number): ReadonlySet<string> {
  let cache = pairsByIndex.get(index);
  if (!cache) {
    cache = new Map();
    pairsByIndex.set(index, cache);
  }
  const text = index.passages[passage]?.displayText ?? '';
  let pairs = cache.get(text);
  if (!pairs) {
    pairs = new Set(wordPairs(text));
    cache.set(text, pairs);
  }
  return pairs;
}

interface Facts {
  /** Counted nouns (index terms) and the numbers given for them. */
  readonly counts: ReadonlyMap<string, ReadonlySet<string>>;
  readonly dates: readonly string[];
}

const factsByIndex = new WeakMap<SearchIndex, Map<number, Facts>>();
const NO_FACTS: Facts = { counts: new Map(), dates: [] };

/** The numbers and dates a passage gives, computed once per passage. */
function factsOf(index: SearchIndex, passage: number): Facts {
  let cache = factsByIndex.get(index);
  if (!cache) {
    cache = new Map();
    factsByIndex.set(index, cache);
  }
  const cached = cache.get(passage);
  if (cached) return cached;
  const text = index.passages[passage]?.text ?? '';
  const counts = new Map<string, Set<string>>();
  for (const m of text.matchAll(COUNTED)) {
    const noun = index.lexicon.term((m[2] ?? '').toLowerCase());
    const value = (m[1] ?? '').replace(/[,.]+$/, '').replace(/,/g, '');
    const set = counts.get(noun) ?? new Set<string>();
    set.add(value);
    counts.set(noun, set);
  }
  // Amounts are compared by value whatever the notation: `£48m` differs from `£50 million`,
  // `£50m` does not.
  for (const m of text.matchAll(MONEY)) {
    const amount =
      Number((m[2] ?? '').replace(/,/g, '')) * (MONEY_SCALE[(m[3] ?? '').toLowerCase()] ?? 1);
    if (!Number.isFinite(amount) || amount <= 0) continue;
    const key = `money ${m[1]}`;
    const set = counts.get(key) ?? new Set<string>();
    set.add(String(amount));
    counts.set(key, set);
  }
  const dates = findDates(text, null).map((d) => d.date);
  // Most passages give no number or date: they share one empty record.
  const facts = counts.size === 0 && dates.length === 0 ? NO_FACTS : { counts, dates };
  cache.set(passage, facts);
  return facts;
}
