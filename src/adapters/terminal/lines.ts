import type { Readable } from 'node:stream';
import { StringDecoder } from 'node:string_decoder';

/** The longest line kept; the rest of a longer line is dropped (questions are cut far shorter). */
export const MAX_LINE_CHARS = 64 * 1024;

/**
 * The lines of a stream, split on `\n` and `\r\n` only. Node's readline also ends a line at a
 * lone `\r`, so a question containing one became two, and every later answer was paired with
 * the wrong question in batch mode; here a lone `\r` stays inside its line (the question cleaner
 * folds it to a space). A last line without a newline is still a line. Memory is bounded: beyond
 * {@link MAX_LINE_CHARS} a line is cut and the rest of it skipped.
 *
 * @example
 * for await (const line of readLines(process.stdin)) console.log(JSON.stringify(line));
 * // printf 'why\rwho is ye\nquotes\r\nlast\n' gives "why\rwho is ye", "quotes", "last"
 */
export async function* readLines(input: Readable): AsyncGenerator<string> {
  const decoder = new StringDecoder('utf8');
  let line = '';
  let skipping = false;
  const finish = (text: string) => (text.endsWith('\r') ? text.slice(0, -1) : text);
  for await (const chunk of input) {
    const text = typeof chunk === 'string' ? chunk : decoder.write(chunk as Buffer);
    let from = 0;
    for (let at = text.indexOf('\n'); at >= 0; at = text.indexOf('\n', from)) {
      if (!skipping) line += text.slice(from, at);
      yield finish(line.slice(0, MAX_LINE_CHARS + 1));
      line = '';
      skipping = false;
      from = at + 1;
    }
    if (!skipping) line += text.slice(from);
    if (line.length > MAX_LINE_CHARS) {
      line = line.slice(0, MAX_LINE_CHARS);
      skipping = true;
    }
  }
  line += skipping ? '' : decoder.end();
  if (line.length > 0) yield finish(line);
}
