/** Marks where a snippet was cut from a longer passage. */
export const ELLIPSIS = '…';

/** A token ending a sentence: `end.`, `said?"`, `(1954).` */
const ENDS_SENTENCE = /[.!?…]["”’')\]]*$/;

interface Token {
  readonly start: number;
  readonly end: number;
  readonly weight: number;
  /** Starting a window at a sentence start reads better than mid-sentence. */
  readonly opensSentence: boolean;
}

/**
 * Cuts a passage to at most `maxChars` characters around the words that matter, at word
 * boundaries, marking each cut with an ellipsis. The text between the marks is verbatim.
 * The window holds the most weight; within it the matching words are centred by their weight,
 * so what surrounds them (where the answer usually is) shows on both sides. Linear in the
 * length of the text.
 *
 * @param weight - how much each word matters for the question (0 for most words)
 * @example
 * makeSnippet('a b c d e f', () => 0, 5) // 'a b c…'
 */
export function makeSnippet(
  text: string,
  weight: (word: string) => number,
  maxChars: number,
): string {
  if (text.length <= maxChars) return text;
  const tokens: Token[] = [];
  let previous = '';
  for (const m of text.matchAll(/\S+/g)) {
    const start = m.index ?? 0;
    tokens.push({
      start,
      end: start + m[0].length,
      weight: weight(m[0]),
      opensSentence: tokens.length === 0 || ENDS_SENTENCE.test(previous),
    });
    previous = m[0];
  }
  const budget = maxChars - 2 * ELLIPSIS.length;
  const startOf = (i: number) => tokens[i]?.start ?? 0;
  const endOf = (i: number) => tokens[i]?.end ?? 0;
  // The window (two pointers) holding the most weight.
  let best = { from: 0, to: 0, score: -1 };
  let to = 0;
  let sum = 0;
  for (let from = 0; from < tokens.length; from++) {
    if (to < from) {
      to = from;
      sum = 0;
    }
    while (to < tokens.length && endOf(to) - startOf(from) <= budget) {
      sum += tokens[to]?.weight ?? 0;
      to++;
    }
    const score = sum + (tokens[from]?.opensSentence ? 0.5 : 0);
    if (score > best.score) best = { from, to, score };
    sum -= tokens[from]?.weight ?? 0;
  }
  if (tokens.length === 0 || best.to <= best.from) return text.slice(0, budget) + ELLIPSIS;
  // Centre the matching words by their weight: a window that opens on the question's words
  // and ends on its rarest ones cuts off what follows them, where the answer usually is. Start
  // half a window before their weighted middle, at a sentence start when one lies before the
  // first of them.
  let first = -1;
  let mass = 0;
  let moment = 0;
  for (let i = best.from; i < best.to; i++) {
    const w = tokens[i]?.weight ?? 0;
    if (w <= 0) continue;
    if (first < 0) first = i;
    mass += w;
    moment += w * ((startOf(i) + endOf(i)) / 2);
  }
  let from = best.from;
  if (first >= 0) {
    const wanted = moment / mass - budget / 2;
    from = first;
    while (from > 0 && startOf(from - 1) >= wanted) from--;
    // Light words far before the heavy ones give way to what follows the heavy ones.
    while (from < tokens.length - 1 && startOf(from) < wanted) from++;
    for (let i = from; i < first; i++) {
      if (tokens[i]?.opensSentence) {
        from = i;
        break;
      }
    }
    // Near the end of the text, use the room left before the window.
    const lastEnd = endOf(tokens.length - 1);
    while (from > 0 && lastEnd - startOf(from - 1) <= budget) from--;
  }
  let end = from;
  while (end < tokens.length && endOf(end) - startOf(from) <= budget) end++;
  const start = startOf(from);
  const stop = end > from ? endOf(end - 1) : Math.min(text.length, start + budget);
  return `${start > 0 ? ELLIPSIS : ''}${text.slice(start, stop)}${stop < text.length ? ELLIPSIS : ''}`;
}

/** The verbatim pieces of a snippet, without the ellipses that mark cuts. */
export function snippetPieces(snippet: string): string[] {
  return snippet
    .split(ELLIPSIS)
    .map((s) => s.trim())
    .filter(Boolean);
}
