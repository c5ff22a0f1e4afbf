import {
  assertNever,
  type Citation,
  type CoverageReply,
  countNoun,
  sourceName as nameOf,
  type PersonReply,
  type Reply,
  type SourceRef,
  type StoryTag,
  speakerKindLabel,
  type TimelineReply,
} from '../../core/reply.ts';
import { formatDateKey } from '../../core/timeline/dates.ts';

/** Width the terminal renderer wraps prose at. */
export const TERMINAL_WIDTH = 88;

/**
 * Renders a reply as plain terminal text: the lead, numbered citations with outlet, date and
 * corroboration. Control characters in corpus or user text are removed so nothing can drive
 * the terminal.
 *
 * @example
 * renderText(rift.run({ name: 'why', private: false }))
 * // 'Why did John Legend and Kanye West stop being friends?\nAccording to 5 of 5 sources: ...'
 */
export function renderText(reply: Reply): string {
  const text = renderKind(reply);
  // With several stories, say which one answered (routing chose it, or --story).
  return reply.story && reply.kind !== 'compared' ? `[${storyLine(reply.story)}]\n${text}` : text;
}

function storyLine(story: StoryTag): string {
  return `story ${clean(story.id)}: ${clean(story.title)}`;
}

function renderKind(reply: Reply): string {
  switch (reply.kind) {
    case 'answer': {
      // The lead is citation 1's snippet: print it once, introduced by the template.
      const lines = [clean(reply.question)];
      if (reply.note) lines.push(`(${clean(reply.note)})`);
      lines.push('', reply.leadPrefix ?? '');
      for (const c of reply.citations) lines.push(...citation(c, reply.corpusSize));
      if (reply.otherViews.length > 0) {
        lines.push('Another view:');
        for (const c of reply.otherViews) lines.push(...citation(c, reply.corpusSize));
      }
      return lines.join('\n').trimEnd();
    }
    case 'abstention':
      return [
        clean(reply.question),
        ...(reply.note ? [`(${clean(reply.note)})`] : []),
        '',
        `${reply.message} Try "help" for what I can answer.`,
      ].join('\n');
    case 'quotes': {
      const head = `Quotes by ${clean(reply.speaker)}${reply.about ? ` about "${clean(reply.about)}"` : ''} (${reply.quotes.length})`;
      const lines = reply.note ? [head, clean(reply.note), ''] : [head, ''];
      reply.quotes.forEach((q, i) => {
        lines.push(
          indent(wrap(`${i + 1}. “${clean(q.text)}”${q.partial ? ' (partial)' : ''}`), '', '   '),
        );
        lines.push(
          `   — ${sourceList(q.sources)} (${q.sources.length} of ${countNoun(reply.corpusSize, 'source')})`,
          '',
        );
      });
      if (reply.quotes.length === 0) lines.push('No quotes found.');
      return lines.join('\n').trimEnd();
    }
    case 'speakers':
      return [
        ...(reply.note ? [`(${clean(reply.note)})`, ''] : []),
        `Speakers in ${articles(reply.corpusSize)}:`,
        ...reply.speakers.map(
          (s) =>
            `  ${clean(s.name)} (${[speakerKindLabel(s.kind), `${s.quotes} quote${s.quotes === 1 ? '' : 's'}`].filter(Boolean).join(', ')})`,
        ),
        '',
        'Try: quotes <speaker>',
      ].join('\n');
    case 'unknown-speaker':
      return [
        `I don't know a speaker called "${clean(reply.query)}".`,
        reply.suggestions.length > 0
          ? `Known speakers: ${reply.suggestions.map(clean).join(', ')}`
          : 'No speakers are quoted in these articles.',
      ].join('\n');
    case 'sources':
      return [
        clean(reply.storyTitle),
        '',
        ...reply.sources.map(
          (s, i) => `${i + 1}. ${sourceLine(s)}${s.url ? `\n   ${clean(s.url)}` : ''}`,
        ),
      ].join('\n');
    case 'timeline':
      return timeline(reply);
    case 'people':
      return [
        `People in ${articles(reply.corpusSize)}:`,
        ...reply.people.flatMap((p) => [
          `  ${clean(p.name)}${p.role ? `, ${clean(p.role)}` : speakerKindLabel(p.kind) ? `, ${speakerKindLabel(p.kind)}` : ''} (${countNoun(p.quotes, 'quote')}; in ${p.sources.length} of ${countNoun(reply.corpusSize, 'article')})`,
          ...(p.aliases.length > 0
            ? [
                indent(
                  wrap(`also: ${p.aliases.map(clean).join(', ')}`, TERMINAL_WIDTH - 6),
                  '      ',
                ),
              ]
            : []),
        ]),
        '',
        'Try: who <name>',
      ].join('\n');
    case 'person':
      return person(reply);
    case 'coverage':
      return coverage(reply);
    case 'help':
      return [
        ...(reply.reason ? [clean(reply.reason), ''] : []),
        `rift answers questions about "${clean(reply.storyTitle)}" with verbatim, cited snippets.`,
        '',
        'Commands:',
        ...reply.commands.map((c) => `  ${c.usage.padEnd(34)} ${c.description}`),
        '',
        `Examples: ${reply.examples.join(' | ')}`,
        ...(reply.people && reply.people.length > 0
          ? [indent(wrap(`Speakers: ${reply.people.map(clean).join(', ')}`), '')]
          : []),
      ].join('\n');
    case 'notice':
      return clean(reply.message);
    case 'stories':
      return [
        ...(reply.message ? [clean(reply.message), ''] : []),
        `Stories I follow (${reply.stories.length}):`,
        ...reply.stories.map((s) => {
          const dates = s.firstDate
            ? `, ${s.firstDate === s.lastDate ? s.firstDate : `${s.firstDate} to ${s.lastDate}`}`
            : '';
          const current = s.id === reply.current ? '  <- this channel' : '';
          return `  ${clean(s.id).padEnd(24)} ${clean(s.title)} (${s.articles} article${s.articles === 1 ? '' : 's'}${dates})${current}`;
        }),
      ].join('\n');
    case 'compared':
      return [
        clean(reply.message),
        ...reply.answers.map((a) => `\n[${storyLine(a.story)}]\n${renderKind(a)}`),
      ].join('\n');
    default:
      return assertNever(reply);
  }
}

/** How a follow-up was read, with control characters removed: it quotes earlier questions. */
export function renderFollowUp(followUp: string): string {
  return clean(followUp);
}

function timeline(reply: TimelineReply): string {
  const filter = reply.filter ? `, ${clean(reply.filter)}` : '';
  const lines = [
    `Timeline: ${clean(reply.storyTitle)}${filter} (${countNoun(reply.events.length, 'event')})`,
    '',
  ];
  for (const event of reply.events) {
    const first = event.citations[0];
    const label = `${formatDateKey(event.date)}${event.approximate ? ' (approximate)' : ''}${event.publication ? ' · published' : ''}`;
    lines.push(label, indent(wrap(clean(event.text), TERMINAL_WIDTH - 4), '    '));
    if (first) {
      lines.push(
        `    — ${sourceList(first.sources)} (${first.sources.length} of ${countNoun(reply.corpusSize, 'source')})`,
      );
    }
    lines.push('');
  }
  if (reply.events.length === 0)
    lines.push(
      reply.filter
        ? `No dated events match "${clean(reply.filter)}". Try "timeline" for all of them.`
        : 'No dated events found in the articles.',
    );
  return lines.join('\n').trimEnd();
}

function person(reply: PersonReply): string {
  const p = reply.person;
  const lines = [`${clean(p.name)}${p.role ? ` (${clean(p.role)})` : ''}`];
  if (p.aliases.length > 0)
    lines.push(indent(wrap(`Also: ${p.aliases.map(clean).join(', ')}`), ''));
  lines.push(
    `${countNoun(p.quotes, 'quote')}; mentioned in ${p.sources.length} of ${countNoun(reply.corpusSize, 'article')}: ${sourceList(p.sources)}`,
  );
  if (reply.descriptions.length > 0) {
    lines.push('', 'Described as:');
    for (const d of reply.descriptions) {
      lines.push(`  ${clean(d.text)}`, ...citation(d.citation, reply.corpusSize));
    }
  }
  if (reply.quotes.length > 0) {
    lines.push('', 'Top quotes:');
    reply.quotes.forEach((q, i) => {
      lines.push(
        indent(wrap(`${i + 1}. “${clean(q.text)}”${q.partial ? ' (partial)' : ''}`), '', '   '),
        `   — ${sourceList(q.sources)} (${q.sources.length} of ${countNoun(reply.corpusSize, 'source')})`,
      );
    });
  }
  return lines.join('\n').trimEnd();
}

function coverage(reply: CoverageReply): string {
  const lines = [
    clean(reply.storyTitle),
    `${countNoun(reply.statements, 'statement')} (quote clusters and key facts) across ${countNoun(reply.corpusSize, 'article')}`,
    ...(reply.note ? [`(${clean(reply.note)})`] : []),
    '',
  ];
  reply.sources.forEach((c, i) => {
    const s = c.source;
    lines.push(
      `${i + 1}. ${sourceLine(s)}${s.url ? `\n   ${clean(s.url)}` : ''}`,
      `   carries ${c.statements} of ${countNoun(reply.statements, 'statement')} (${count(c.quotes, 'quote')}, ${count(c.facts, 'fact')}); ${c.aloneCount} only here${c.alone.length > 0 ? ':' : ''}`,
    );
    for (const { kind, citation: a } of c.alone) {
      const text = kind === 'quote' ? `“${clean(a.snippet)}”` : clean(a.snippet);
      const who = kind === 'quote' && a.speaker ? ` — ${clean(a.speaker)}` : '';
      lines.push(indent(wrap(`– ${text}${who}`, TERMINAL_WIDTH - 5), '     ', '       '));
    }
    lines.push('');
  });
  return lines.join('\n').trimEnd();
}

function count(n: number, word: string): string {
  return countNoun(n, word);
}

/** `the 5 articles`, or `the article` when there is one. */
function articles(n: number): string {
  return n === 1 ? 'the article' : `the ${n} articles`;
}

/**
 * One article in a listing: outlet, date and title, and the file's id when no outlet names it
 * (the id is how a person finds the file).
 */
function sourceLine(s: SourceRef): string {
  const date = s.date ? ` (${s.date})` : '';
  if (s.outlet) return `${clean(s.outlet)}${date}: ${clean(s.title)}`;
  return `${clean(s.title)}${date} [${clean(s.id)}]`;
}

function citation(c: Citation, corpusSize: number): string[] {
  const first = c.sources[0];
  const others = c.sources.slice(1);
  const where = first ? `${sourceName(first)}${first.date ? `, ${first.date}` : ''}` : c.source;
  const also = others.length > 0 ? `; also ${sourceList(others)}` : '';
  return [
    indent(wrap(`[${c.n}] ${clean(c.snippet)}`), '', '    '),
    `    — ${c.speaker ? `${clean(c.speaker)}, via ` : ''}${where}${also} (reported by ${c.sources.length} of ${countNoun(corpusSize, 'source')})`,
    '',
  ];
}

function sourceName(s: SourceRef): string {
  return clean(nameOf(s));
}

function sourceList(sources: readonly SourceRef[]): string {
  return sources.map(sourceName).join(', ');
}

/** Removes terminal control characters (ANSI escapes included) from untrusted text. */
function clean(text: string): string {
  return (
    text
      // biome-ignore lint/suspicious/noControlCharactersInRegex: removing ANSI escapes is the point
      .replace(/\u001B\[[0-9;?]*[ -/]*[@-~]/g, '')
      // biome-ignore lint/suspicious/noControlCharactersInRegex: removing control characters is the point
      .replace(/[\u0000-\u0008\u000B-\u001F\u007F-\u009F\u202A-\u202E\u2066-\u2069]/g, '')
  );
}

function wrap(text: string, width = TERMINAL_WIDTH): string {
  const out: string[] = [];
  let line = '';
  for (const word of text.split(/\s+/)) {
    if (line && line.length + word.length + 1 > width) {
      out.push(line);
      line = word;
    } else line = line ? `${line} ${word}` : word;
  }
  if (line) out.push(line);
  return out.join('\n');
}

function indent(text: string, first: string, rest = first): string {
  return text
    .split('\n')
    .map((l, i) => (i === 0 ? first : rest) + l)
    .join('\n');
}
