/** Marks where a snippet was cut from a longer passage. */
export const ELLIPSIS = '…';

/**
 * Cuts a passage to at most `maxChars` characters around the words that matter, at word
 * boundaries, marking each cut with an ellipsis. The text between the marks is verbatim.
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
  const tokens = [...text.matchAll(/\S+/g)].map((m) => ({
    start: m.index ?? 0,
    end: (m.index ?? 0) + m[0].length,
    weight: weight(m[0]),
    // Starting a window at a sentence start reads better than mid-sentence.
    opensSentence: m.index === 0 || /[.!?…]["”’')\]]*$/.test(text.slice(0, m.index).trimEnd()),
  }));
  const budget = maxChars - 2 * ELLIPSIS.length;
  let best = { from: 0, to: 0, score: -1 };
  let to = 0;
  let sum = 0;
  for (let from = 0; from < tokens.length; from++) {
    if (to < from) {
      to = from;
      sum = 0;
    }
    while (to < tokens.length && (tokens[to]?.end ?? 0) - (tokens[from]?.start ?? 0) <= budget) {
      sum += tokens[to]?.weight ?? 0;
      to++;
    }
    const score = sum + (tokens[from]?.opensSentence ? 0.5 : 0);
    if (score > best.score) best = { from, to, score };
    sum -= tokens[from]?.weight ?? 0;
  }
  const first = tokens[best.from];
  const last = tokens[Math.max(best.from, best.to - 1)];
  if (!first || !last) return text.slice(0, budget) + ELLIPSIS;
  const start = first.start;
  const end = Math.min(last.end, start + budget);
  return `${start > 0 ? ELLIPSIS : ''}${text.slice(start, end)}${end < text.length ? ELLIPSIS : ''}`;
}

/** The verbatim pieces of a snippet, without the ellipses that mark cuts. */
export function snippetPieces(snippet: string): string[] {
  return snippet
    .split(ELLIPSIS)
    .map((s) => s.trim())
    .filter(Boolean);
}
