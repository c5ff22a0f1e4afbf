/** How a user's speaker query matched a known speaker. */
export interface SpeakerMatch {
  readonly kind: 'exact' | 'alias' | 'fuzzy' | 'none';
  /** The canonical full name, or null when nothing matched. */
  readonly name: string | null;
  /** Known speakers, closest to the query first. */
  readonly suggestions: readonly string[];
}

/** A known speaker with every form a user may type for them. */
export interface SpeakerForms {
  readonly name: string;
  /** Surname, first name, initials, config aliases, descriptions. */
  readonly forms: readonly string[];
  readonly quotes: number;
}

/** Optimal string alignment distance: Levenshtein plus adjacent swaps (`kayne` → `kanye`: 1). */
export function editDistance(a: string, b: string): number {
  const rows = a.length + 1;
  const cols = b.length + 1;
  const d: number[][] = Array.from({ length: rows }, (_, i) =>
    Array.from({ length: cols }, (_, j) => (i === 0 ? j : j === 0 ? i : 0)),
  );
  const at = (i: number, j: number) => d[i]?.[j] ?? Number.POSITIVE_INFINITY;
  for (let i = 1; i < rows; i++) {
    const row = d[i];
    if (!row) continue;
    for (let j = 1; j < cols; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let best = Math.min(at(i - 1, j) + 1, at(i, j - 1) + 1, at(i - 1, j - 1) + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) {
        best = Math.min(best, at(i - 2, j - 2) + 1);
      }
      row[j] = best;
    }
  }
  return at(a.length, b.length);
}

/** Typos tolerated for a word of this length: none for 1-3 letters, 1 up to 5, then 2. */
function tolerance(length: number): number {
  if (length <= 3) return 0;
  return length <= 5 ? 1 : 2;
}

function normalise(text: string): string {
  return text
    .toLowerCase()
    .replace(/[’']/g, "'")
    .replace(/^the\s+/, '')
    .replace(/\s+/g, ' ')
    .trim();
}

function distanceTo(query: string, speaker: SpeakerForms): number {
  const all = [speaker.name, ...speaker.forms].map(normalise);
  return Math.min(...all.map((form) => editDistance(query, form)));
}

/**
 * Matches what a user typed to a known speaker: the full name (`exact`), another of their
 * forms (`alias`: `Ye`, `kanye`, `legend`, `JL`), or a near miss (`fuzzy`: `kayne`). Matching
 * ignores case and a leading `the`.
 *
 * @example
 * matchSpeaker('kayne', speakers) // { kind: 'fuzzy', name: 'Kanye West', suggestions: ['Kanye West', ...] }
 */
export function matchSpeaker(query: string, speakers: readonly SpeakerForms[]): SpeakerMatch {
  const q = normalise(query);
  const ranked = [...speakers]
    .map((speaker) => ({ speaker, distance: distanceTo(q, speaker) }))
    .sort((a, b) => a.distance - b.distance || b.speaker.quotes - a.speaker.quotes);
  const suggestions = ranked.map((r) => r.speaker.name);
  if (q === '') return { kind: 'none', name: null, suggestions };
  const exact = speakers.find((s) => normalise(s.name) === q);
  if (exact) return { kind: 'exact', name: exact.name, suggestions };
  const alias = speakers.filter((s) => s.forms.some((form) => normalise(form) === q));
  const [onlyAlias] = alias;
  if (onlyAlias) return { kind: 'alias', name: onlyAlias.name, suggestions };
  // `bel`, `nanda`: the start of exactly one speaker's name or surname.
  const MIN_PREFIX = 3;
  const prefixed = speakers.filter((s) =>
    [s.name, ...s.forms].some((form) =>
      normalise(form)
        .split(' ')
        .some((word) => q.length >= MIN_PREFIX && word.startsWith(q)),
    ),
  );
  const [onlyPrefixed] = prefixed;
  if (onlyPrefixed && prefixed.length === 1) {
    return { kind: 'fuzzy', name: onlyPrefixed.name, suggestions };
  }
  const best = ranked[0];
  const second = ranked[1];
  if (
    best &&
    best.distance <= tolerance(q.length) &&
    (!second || second.distance > best.distance)
  ) {
    return { kind: 'fuzzy', name: best.speaker.name, suggestions };
  }
  return { kind: 'none', name: null, suggestions };
}

/**
 * Speaker names for autocomplete, best first: a name or form that starts with the query, then
 * one that contains it, then near misses; more quoted speakers first among equals.
 *
 * @example
 * completeNames('le', speakers, 5) // ['John Legend']
 */
export function completeNames(
  query: string,
  speakers: readonly SpeakerForms[],
  limit: number,
): string[] {
  const q = normalise(query);
  const scored = speakers
    .map((speaker) => {
      const forms = [speaker.name, ...speaker.forms].map(normalise);
      const words = forms.flatMap((f) => f.split(' '));
      let score = Number.POSITIVE_INFINITY;
      if (q === '') score = 0;
      else if (normalise(speaker.name).startsWith(q)) score = 0;
      else if (forms.some((f) => f.startsWith(q)) || words.some((w) => w.startsWith(q))) score = 1;
      else if (q.length >= 3 && forms.some((f) => f.includes(q))) score = 2;
      else {
        const prefixes = words.map((w) => editDistance(q, w.slice(0, q.length)));
        const d = Math.min(...prefixes);
        if (d <= tolerance(q.length)) score = 3 + d;
      }
      return { speaker, score };
    })
    .filter((s) => Number.isFinite(s.score))
    .sort((a, b) => a.score - b.score || b.speaker.quotes - a.speaker.quotes);
  return scored.slice(0, Math.max(0, limit)).map((s) => s.speaker.name);
}
