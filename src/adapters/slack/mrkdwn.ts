/**
 * Slack text in and out: escaping corpus and user text for `mrkdwn`, cutting it to a limit at a
 * word boundary, and turning the text Slack sends us back into plain words for the grammar.
 */

const ESCAPES: Readonly<Record<string, string>> = { '&': '&amp;', '<': '&lt;', '>': '&gt;' };
const ELLIPSIS = '…';

/**
 * Escapes the three characters Slack treats as markup, so `<!channel>`, `<!here>` or `<@U123>`
 * in a question or an article is shown as text and never notifies anyone.
 *
 * @example
 * escapeMrkdwn('<!channel> Legend & West') // '&lt;!channel&gt; Legend &amp; West'
 */
export function escapeMrkdwn(text: string): string {
  return text.replace(/[&<>]/g, (c) => ESCAPES[c] ?? c);
}

/**
 * Escapes `text` and cuts it so the escaped result is at most `max` characters, at a word
 * boundary when one is near, marking the cut with `…`. Cutting before escaping would risk
 * splitting an entity such as `&amp;`; counting escaped length keeps the limit exact.
 *
 * @example
 * clip('We aren't friends as much as we used to be', 20) // 'We aren't friends …'
 */
export function clip(text: string, max: number): string {
  const escaped = escapeMrkdwn(text);
  if (escaped.length <= max) return escaped;
  if (max <= ELLIPSIS.length) return ELLIPSIS.slice(0, Math.max(0, max));
  const chars = Array.from(text);
  const budget = max - ELLIPSIS.length;
  let used = 0;
  let cut = 0;
  for (const char of chars) {
    const size = (ESCAPES[char] ?? char).length;
    if (used + size > budget) break;
    used += size;
    cut += 1;
  }
  let kept = chars.slice(0, cut).join('');
  // Back off to the last space unless that would throw away most of the text.
  const space = kept.search(/\s\S*$/);
  if (space > kept.length * 0.6) kept = kept.slice(0, space);
  return `${escapeMrkdwn(kept.trimEnd())}${ELLIPSIS}`;
}

const ENTITIES: Readonly<Record<string, string>> = { '&amp;': '&', '&lt;': '<', '&gt;': '>' };

/**
 * Turns message text as Slack sends it (entities escaped, mentions as `<@U123>`, links as
 * `<https://x|label>`) into the plain words a person typed, with the bot's own mentions removed.
 * Other mentions become harmless `@U123` / `#general` text.
 *
 * @example
 * plainText('<@UBOT> why did they fall out? &lt;3', 'UBOT') // 'why did they fall out? <3'
 */
export function plainText(text: string, botUserId: string | null = null): string {
  return text
    .replace(/<([^<>]*)>/g, (_, inner: string) => {
      const [target = '', label] = inner.split('|');
      if (target.startsWith('@'))
        return target.slice(1) === botUserId ? ' ' : label ? `@${label}` : target;
      if (target.startsWith('#')) return label ? `#${label}` : target;
      if (target.startsWith('!')) return `@${(label ?? target.slice(1)).replace(/^@/, '')}`;
      return label ?? target;
    })
    .replace(/&(amp|lt|gt);/g, (entity) => ENTITIES[entity] ?? entity)
    .replace(/\s+/g, ' ')
    .trim();
}
