/**
 * Folds text for comparison the way the evaluation defines it: lower case, curly quotes to
 * straight, dashes to `-`, runs of white space to one space.
 *
 * @example
 * foldText('“Hey, it’s JL” — Legend') // '"hey, it\'s jl" - legend'
 */
export function foldText(text: string): string {
  return text
    .toLowerCase()
    .replace(/[“”„«»]/g, '"')
    .replace(/[‘’‚]/g, "'")
    .replace(/[‐‑‒–—―−]/g, '-')
    .replace(/\s+/g, ' ')
    .trim();
}

/**
 * The words of a quotation as outlets vary it least: folded, without `[sic]` or bracketed
 * insertions (`[Kanye and I]`, `[West]`), ellipses and punctuation.
 *
 * @example
 * quoteWords('Hey, it’s JL. I hope you’ll reconsider alining [sic] yourself')
 * // ['hey', "it's", 'jl', 'i', 'hope', "you'll", 'reconsider', 'alining', 'yourself']
 */
export function quoteWords(text: string): string[] {
  return foldText(text)
    .replace(/\[[^\]]*\]/g, ' ')
    .replace(/…|\.\.\./g, ' ')
    .replace(/[^\p{L}\p{N}'\s]/gu, ' ')
    .split(/\s+/)
    .map((w) => w.replace(/^'+|'+$/g, ''))
    .filter(Boolean);
}
