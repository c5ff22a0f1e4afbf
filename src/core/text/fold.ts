/**
 * Text folding shared by search, corroboration and evaluation: the same statement typed with
 * curly or straight quotes, en or em dashes, odd spacing or case compares equal after folding.
 */

const QUOTES: Record<string, string> = {
  '“': '"',
  '”': '"',
  '„': '"',
  '‟': '"',
  '″': '"',
  '«': '"',
  '»': '"',
  '‘': "'",
  '’': "'",
  '‚': "'",
  '‛': "'",
  '′': "'",
  '`': "'",
};

// biome-ignore lint/suspicious/noControlCharactersInRegex: the whole ASCII range is the point
const NON_ASCII = /[^\u0000-\u007F]/;
const PLAIN_WORD = /^[A-Za-z0-9]*$/;

/**
 * Folds case, curly quotes to straight ones, dashes to `-`, ellipsis to `...` and runs of white
 * space to one space.
 *
 * @example
 * fold('We aren’t  friends — honestly') // "we aren't friends - honestly"
 */
export function fold(text: string): string {
  // A plain word (ASCII letters and digits), as most words passed one at a time are, has nothing
  // to fold but its case: the passes below would each scan it for nothing.
  if (PLAIN_WORD.test(text)) return text.toLowerCase();
  // Most text is ASCII, and Unicode normalisation is the costly step: skip it when it can do nothing.
  return (NON_ASCII.test(text) ? text.normalize('NFKC') : text)
    .replace(/[“”„‟″«»‘’‚‛′`]/g, (ch) => QUOTES[ch] ?? ch)
    .replace(/[‐‑‒–—―−]/g, '-')
    .replace(/…/g, '...')
    .replace(/\s+/g, ' ')
    .trim()
    .toLowerCase();
}

/**
 * The words of a text, folded, without punctuation: letters, digits, inner apostrophes and
 * periods (`aren't`, `g.o.o.d`, `60,000` -> `60000`). Hyphenated compounds count as their parts
 * (`43-year-old` -> `43`, `year`, `old`), so `how old` finds `the 43-year-old singer`.
 *
 * @example
 * words('“[Kanye and I] aren’t friends,” he said.') // ['kanye', 'and', 'i', "aren't", 'friends', 'he', 'said']
 */
export function words(text: string): string[] {
  const folded = fold(text).replace(/(\d),(\d{3})/g, '$1$2');
  return folded.match(/[\p{L}\p{N}]+(?:['.][\p{L}\p{N}]+)*/gu) ?? [];
}

/** Removes control, zero-width and bidirectional formatting characters from user input. */
export function stripInvisible(text: string): string {
  return (
    text
      // biome-ignore lint/suspicious/noControlCharactersInRegex: removing control characters is the point
      .replace(/[\u0000-\u0008\u000B-\u001F\u007F-\u009F]/g, ' ')
      .replace(/[\u200B-\u200F\u202A-\u202E\u2060-\u2069\uFEFF\u00AD]/g, '')
  );
}
