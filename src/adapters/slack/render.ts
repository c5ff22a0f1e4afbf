/**
 * Renders the neutral `Reply` as a Slack message: Block Kit `blocks` plus a plain-text `text`
 * fallback (notifications, screen readers, old clients). Every corpus and user string goes
 * through `clip`, which escapes `& < >` and enforces a limit, so nothing in a reply can notify.
 */
import type { types } from '@slack/bolt';
import type { Command } from '../../commands/types.ts';
import type { SpeakerKind } from '../../core/quotes/index.ts';
import {
  type AbstentionReply,
  type AnswerReply,
  assertNever,
  type Citation,
  type CoverageReply,
  countNoun,
  type HelpReply,
  type NoticeReply,
  sourceName as nameOf,
  type PeopleReply,
  type PersonReply,
  type QuotesReply,
  type Reply,
  type SourceRef,
  type SourcesReply,
  type SpeakersReply,
  type StoriesReply,
  type StoryTag,
  speakerKindLabel,
  type TimelineReply,
  type UnknownSpeakerReply,
} from '../../core/reply.ts';
import { formatDateKey } from '../../core/timeline/dates.ts';
import type { AnswerButtons } from '../answer-actions.ts';
import { clip, escapeMrkdwn } from './mrkdwn.ts';
import { encodePageState, NEXT_ACTION_ID, PREVIOUS_ACTION_ID } from './paging.ts';

/** Slack's limit on a section block's text. */
export const SECTION_TEXT_MAX = 3000;
/** Slack's limit on a context block element's text. */
export const CONTEXT_TEXT_MAX = 3000;
/** Slack's limit on blocks in one message. */
export const BLOCKS_MAX = 50;
/** Slack's limit on a button label. */
export const BUTTON_TEXT_MAX = 75;
/**
 * Our budget for all text in one message (blocks and fallback together). Slack truncates a
 * message's text at 40,000 characters; staying far below keeps replies readable on a phone.
 */
export const MESSAGE_TEXT_MAX = 12_000;
/** Length of the plain-text fallback. */
export const FALLBACK_TEXT_MAX = 1500;
/** Fallback for a reply whose own text is blank (Slack needs some `text` for notifications). */
export const FALLBACK_EMPTY = 'rift replied';
/** The question or topic echoed back. */
export const ECHO_MAX = 300;
/** One quotation or snippet in a list. */
export const ITEM_TEXT_MAX = 1000;
/** An outlet, speaker or article id shown in a line of sources. */
export const NAME_MAX = 60;
/** An article title. */
export const TITLE_MAX = 200;
/** Outlets named in a "reported by" line before "and N more". */
export const SOURCE_NAMES_MAX = 4;
/** Room kept for the page line and buttons. */
export const NAVIGATION_TEXT_MAX = 200;
/** Room kept per item for block-quote marks and labels. */
export const ITEM_MARKUP_MAX = 40;
/** Links longer than this are left out rather than cut. */
export const URL_MAX = 300;

/** Citations (and other views) per page of an answer: two blocks each. */
export const CITATIONS_PER_PAGE = 6;
/** Quotations per page: up to `ITEM_TEXT_MAX` characters each, plus a line of sources. */
export const QUOTES_PER_PAGE = 5;
/** Speakers per page, one line each in a single section. */
export const SPEAKERS_PER_PAGE = 20;
/** Articles per page of `sources`. */
export const SOURCES_PER_PAGE = 8;
/** Timeline events per page: a section and a context line each. */
export const EVENTS_PER_PAGE = 10;
/** Descriptions and quotes per page of one person's card: two blocks each. */
export const CARD_ITEMS_PER_PAGE = 8;
/** People per page of `who`, two lines each in a single section. */
export const PEOPLE_PER_PAGE = 12;
/** Articles per page of `sources`, with what each alone reports. */
export const COVERAGE_PER_PAGE = 4;
/** An alias list of one person. */
export const ALIASES_MAX = 400;
/** One "only here" statement in `sources`. */
export const ALONE_TEXT_MAX = 300;
/** Known speakers suggested for an unknown one. */
export const SUGGESTIONS_MAX = 10;

/** A message ready for `respond()`, `chat.postMessage` or `chat.postEphemeral`. */
export interface SlackMessage {
  /** Plain-text fallback, escaped like the blocks. */
  readonly text: string;
  readonly blocks: types.KnownBlock[];
  /** Sources are cited with links; a preview of each would bury the answer. */
  readonly unfurl_links: false;
  readonly unfurl_media: false;
}

/** `action_id` of an answer's 👍/👎 (a `feedback_buttons` element; values `up:<id>`, `down:<id>`). */
export const FEEDBACK_ACTION_ID = 'rift_feedback';
/** `action_id` of More sources; its value is the answer's id. */
export const MORE_ACTION_ID = 'rift_more';
/** `action_id` of Share; its value is the answer's id. */
export const SHARE_ACTION_ID = 'rift_share';

/** Which page of a long list to show (0-based, clamped to the last page), and an answer's buttons. */
export interface RenderOptions {
  readonly page?: number;
  /** An answer's 👍/👎, More sources and Share (see `adapters/answer-actions.ts`); none when absent. */
  readonly buttons?: AnswerButtons | null;
  /** A line shown first, e.g. how a follow-up was read, or who shared the answer. */
  readonly note?: string | null;
}

/** Slack's limit on the blocks of a Home tab view. */
export const HOME_BLOCKS_MAX = 100;
/** Slack's limit on a header block's text. */
export const HEADER_TEXT_MAX = 150;

/**
 * Renders a reply as Block Kit with a plain-text fallback.
 *
 * @example
 * renderReply(rift.run({ name: 'why', private: false }))
 * // { text: 'According to 4 of 5 sources: "I honestly think because we publicly disagreed…', blocks: [...] }
 */
export function renderReply(reply: Reply, options: RenderOptions = {}): SlackMessage {
  const page = options.page ?? 0;
  let [blocks, text] = renderKind(reply, page);
  if (reply.story && reply.kind !== 'compared') {
    // With several stories, say which one answered (routing chose it, or the channel's default).
    blocks = [context(`:newspaper: ${storyLine(reply.story)}`), ...blocks];
    text = `[${reply.story.title}] ${text}`;
  }
  const fallback = clip(text, FALLBACK_TEXT_MAX).trim() || FALLBACK_EMPTY;
  const extra = options.buttons ? answerButtons(options.buttons) : [];
  const note = options.note ? [context(`_${escapeMrkdwn(clip(options.note, ECHO_MAX))}_`)] : [];
  return {
    text: fallback,
    blocks: [...note, ...capBlocks(blocks, extra.length + note.length), ...extra],
    unfurl_links: false,
    unfurl_media: false,
  };
}

/** The replies the Home tab shows: the main question answered, who spoke, and the commands. */
export interface HomeParts {
  readonly storyTitle: string;
  readonly why: Reply;
  /** The people with their quote counts; null with several stories (each has its own). */
  readonly speakers: Reply | null;
  readonly help: Reply;
}

/**
 * The Home tab (`views.publish`): the story's title, its main question answered with citations,
 * the people with their quote counts and the commands. Page buttons are left out: a Home tab is
 * a summary, and the commands reach the rest.
 *
 * @example
 * await client.views.publish({ user_id, view: renderHome({ storyTitle, why, speakers, help }) });
 */
export function renderHome(parts: HomeParts): types.HomeView {
  const body = (reply: Reply) => renderKind(reply, 0)[0].filter((b) => b.type !== 'actions');
  const blocks: types.KnownBlock[] = [
    {
      type: 'header',
      text: { type: 'plain_text', text: clip(parts.storyTitle, HEADER_TEXT_MAX) || 'rift' },
    },
    ...body(parts.why),
    { type: 'divider' },
    ...(parts.speakers ? [...body(parts.speakers), { type: 'divider' } as const] : []),
    ...body(parts.help),
  ];
  return {
    type: 'home',
    blocks:
      blocks.length <= HOME_BLOCKS_MAX
        ? blocks
        : [...blocks.slice(0, HOME_BLOCKS_MAX - 1), context('_Shortened to fit the Home tab._')],
  };
}

/**
 * More sources and Share as buttons, then 👍/👎 as Slack's own `feedback_buttons` in a
 * `context_actions` block, the way Slack's AI apps show them.
 */
function answerButtons(buttons: AnswerButtons): types.KnownBlock[] {
  const blocks: types.KnownBlock[] = [];
  const actions: types.Button[] = [];
  if (buttons.more) actions.push(button(MORE_ACTION_ID, 'More sources', buttons.answerId));
  if (buttons.share)
    actions.push({ ...button(SHARE_ACTION_ID, 'Share', buttons.answerId), style: 'primary' });
  if (actions.length > 0)
    blocks.push({ type: 'actions', block_id: 'rift_answer', elements: actions });
  blocks.push({
    type: 'context_actions',
    elements: [
      {
        type: 'feedback_buttons',
        action_id: FEEDBACK_ACTION_ID,
        positive_button: {
          text: { type: 'plain_text', text: '👍' },
          accessibility_label: 'This answer helped',
          value: `up:${buttons.answerId}`,
        },
        negative_button: {
          text: { type: 'plain_text', text: '👎' },
          accessibility_label: 'This answer did not help',
          value: `down:${buttons.answerId}`,
        },
      },
    ],
  });
  return blocks;
}

/** A short ephemeral apology for a request that failed; says nothing about the failure. */
export function renderApology(): SlackMessage {
  const message =
    'Sorry, something went wrong while answering that. Please try again; if it keeps failing, tell whoever runs rift.';
  return {
    text: message,
    blocks: [section(`:warning: ${message}`)],
    unfurl_links: false,
    unfurl_media: false,
  };
}

/** Returns the blocks and the raw (unescaped) fallback text. */
function renderKind(reply: Reply, page: number): [types.KnownBlock[], string] {
  switch (reply.kind) {
    case 'answer':
      return renderAnswer(reply, page);
    case 'abstention':
      return renderAbstention(reply);
    case 'quotes':
      return renderQuotes(reply, page);
    case 'speakers':
      return renderSpeakers(reply, page);
    case 'unknown-speaker':
      return renderUnknownSpeaker(reply);
    case 'sources':
      return renderSources(reply, page);
    case 'timeline':
      return renderTimeline(reply, page);
    case 'people':
      return renderPeople(reply, page);
    case 'person':
      return renderPerson(reply, page);
    case 'coverage':
      return renderCoverage(reply, page);
    case 'help':
      return renderHelp(reply);
    case 'notice':
      return renderNotice(reply);
    case 'stories':
      return renderStories(reply);
    case 'compared': {
      const blocks: types.KnownBlock[] = [context(clip(reply.message, ECHO_MAX))];
      const texts = [reply.message];
      for (const answer of reply.answers) {
        // The best of each: its lead citation only, so three stories fit one message.
        const [answerBlocks, answerText] = renderAnswer(
          { ...answer, citations: answer.citations.slice(0, 1), otherViews: [] },
          0,
        );
        blocks.push(
          { type: 'divider' },
          context(`:newspaper: ${storyLine(answer.story)}`),
          // One page of each: page buttons would page one story's answer inside another's.
          ...answerBlocks.filter((b) => b.type !== 'actions'),
        );
        texts.push(`[${answer.story.title}] ${answerText}`);
      }
      return [blocks, texts.join('\n')];
    }
    default:
      return assertNever(reply);
  }
}

/** Longest story title or id in a header line. */
const STORY_TITLE_MAX = 120;

function storyLine(story: StoryTag): string {
  return `Story: *${clip(story.title, STORY_TITLE_MAX)}* (\`${clip(story.id, STORY_TITLE_MAX)}\`)`;
}

function renderStories(reply: StoriesReply): [types.KnownBlock[], string] {
  const lines = reply.stories.map((s) => {
    const first = clip(s.firstDate ?? '', STORY_TITLE_MAX);
    const last = clip(s.lastDate ?? '', STORY_TITLE_MAX);
    const dates = first ? ` · ${first === last ? first : `${first} – ${last}`}` : '';
    const current = s.id === reply.current ? ' ← this channel' : '';
    return `\`${clip(s.id, STORY_TITLE_MAX)}\` *${clip(s.title, STORY_TITLE_MAX)}* · ${s.articles} article${s.articles === 1 ? '' : 's'}${dates}${current}`;
  });
  const blocks: types.KnownBlock[] = [];
  if (reply.message) blocks.push(section(clip(reply.message, ECHO_MAX)));
  blocks.push(section(`*Stories I follow (${reply.stories.length})*`));
  // One section per few stories keeps each within the section limit.
  for (let i = 0; i < lines.length; i += STORIES_PER_SECTION)
    blocks.push(section(lines.slice(i, i + STORIES_PER_SECTION).join('\n')));
  const text = [
    reply.message ?? '',
    `Stories I follow: ${reply.stories.map((s) => s.id).join(', ')}`,
  ].join(' ');
  return [blocks, text];
}

/** Stories listed per section block. */
const STORIES_PER_SECTION = 10;

function renderAnswer(reply: AnswerReply, page: number): [types.KnownBlock[], string] {
  const items = [
    ...reply.citations.map((citation) => ({ citation, other: false })),
    ...reply.otherViews.map((citation) => ({ citation, other: true })),
  ];
  const pages = paginate(items, CITATIONS_PER_PAGE, page);
  const blocks: types.KnownBlock[] = [context(asked(reply.question, reply.note))];
  const prefix = reply.leadPrefix ? `*${clip(reply.leadPrefix, ECHO_MAX)}*\n` : '';
  if (pages.page === 0) blocks.push(section(`${prefix}${quoteBlock(reply.lead, ITEM_TEXT_MAX)}`));
  const budget = itemBudget(blocks, pages.items.length);
  for (const { citation, other } of pages.items) {
    const line = fitLine(budget, (links) => citationLine(citation, reply.corpusSize, links));
    const isLead = pages.page === 0 && citation.n === 1 && citation.snippet === reply.lead;
    if (!isLead) {
      const label = other ? '*Another view*\n' : '';
      const max = Math.min(ITEM_TEXT_MAX, budget - line.length - label.length);
      blocks.push(section(`${label}${quoteBlock(citation.snippet, max)}`));
    }
    blocks.push(context(line));
  }
  blocks.push(...navigation(reply.command, pages));
  const first = reply.citations[0];
  const fallback = [
    reply.leadPrefix,
    reply.lead,
    first
      ? `(${sourceName(first.sources[0], first.source)}, reported by ${Math.max(1, first.sources.length)} of ${reply.corpusSize} sources)`
      : null,
  ];
  return [blocks, fallback.filter(Boolean).join(' ')];
}

function renderAbstention(reply: AbstentionReply): [types.KnownBlock[], string] {
  return [
    [section(clip(reply.message, ITEM_TEXT_MAX)), context(asked(reply.question, reply.note))],
    reply.message,
  ];
}

function renderQuotes(reply: QuotesReply, page: number): [types.KnownBlock[], string] {
  const pages = paginate(reply.quotes, QUOTES_PER_PAGE, page);
  const about = reply.about ? ` about “${clip(reply.about, ECHO_MAX)}”` : '';
  const count = `${reply.quotes.length} ${plural(reply.quotes.length, 'quote')}`;
  const blocks: types.KnownBlock[] = [
    section(`*Quotes by ${clip(reply.speaker, NAME_MAX)}*${about} · ${count}`),
    ...noteBlocks(reply.note),
  ];
  if (reply.quotes.length === 0) blocks.push(section('No quotes found.'));
  const budget = itemBudget(blocks, pages.items.length);
  for (const quote of pages.items) {
    const line = fitLine(budget, (links) => reportedBy(quote.sources, reply.corpusSize, links));
    const partial = quote.partial ? '\n_(partial quote)_' : '';
    const max = Math.min(ITEM_TEXT_MAX, budget - line.length - partial.length);
    blocks.push(section(`${quoteBlock(quote.text, max)}${partial}`));
    blocks.push(context(line));
  }
  blocks.push(...navigation(reply.command, pages));
  const first = pages.items[0];
  const lead = first ? `: ${first.text}` : '';
  return [
    blocks,
    `Quotes by ${reply.speaker}${reply.about ? ` about ${reply.about}` : ''} (${count})${lead}`,
  ];
}

/** ` (organisation)`, ` (unnamed source)`, or nothing for a person. */
function kindSuffix(kind: SpeakerKind): string {
  const label = speakerKindLabel(kind);
  return label ? ` (${label})` : '';
}

function renderSpeakers(reply: SpeakersReply, page: number): [types.KnownBlock[], string] {
  const pages = paginate(reply.speakers, SPEAKERS_PER_PAGE, page);
  const lines = pages.items.map(
    (s) =>
      `• ${clip(s.name, NAME_MAX)}${kindSuffix(s.kind)} — ${s.quotes} ${plural(s.quotes, 'quote')}`,
  );
  const blocks: types.KnownBlock[] = [
    section(`*Who spoke* · ${reply.speakers.length} ${plural(reply.speakers.length, 'speaker')}`),
    ...noteBlocks(reply.note),
    section(lines.length > 0 ? lines.join('\n') : 'No quotes found in the articles.'),
    context(
      `Try \`/rift ${escapeMrkdwn('quotes <speaker>')}\` or \`/rift ${escapeMrkdwn('quotes <speaker> about <topic>')}\`.`,
    ),
    ...navigation(reply.command, pages),
  ];
  const names = pages.items.map((s) => `${s.name} (${s.quotes})`).join(', ');
  return [blocks, `Speakers: ${names || 'none'}`];
}

function renderUnknownSpeaker(reply: UnknownSpeakerReply): [types.KnownBlock[], string] {
  const suggestions = reply.suggestions.slice(0, SUGGESTIONS_MAX);
  const message = `I don't know anyone called “${clip(reply.query, NAME_MAX)}” in these articles.`;
  const blocks: types.KnownBlock[] = [section(message)];
  if (suggestions.length > 0) {
    blocks.push(context(`Try: ${suggestions.map((s) => clip(s, NAME_MAX)).join(', ')}`));
  }
  const hint = suggestions.length > 0 ? ` Try: ${suggestions.join(', ')}` : '';
  return [blocks, `I don't know anyone called "${reply.query}".${hint}`];
}

function renderSources(reply: SourcesReply, page: number): [types.KnownBlock[], string] {
  const pages = paginate(reply.sources, SOURCES_PER_PAGE, page);
  const count = `${reply.sources.length} ${plural(reply.sources.length, 'article')}`;
  const blocks: types.KnownBlock[] = [section(`*${clip(reply.storyTitle, TITLE_MAX)}* · ${count}`)];
  for (const source of pages.items) {
    const title = link(source.url, clip(source.title || source.id, TITLE_MAX));
    const date = source.date ? clip(source.date, NAME_MAX) : 'undated';
    blocks.push(section(`*${title}*\n${clip(fileOrOutlet(source), NAME_MAX)} · ${date}`));
  }
  blocks.push(...navigation(reply.command, pages));
  const names = pages.items.map((s) => sourceName(s, s.id)).join(', ');
  return [blocks, `${reply.storyTitle}: ${count} (${names})`];
}

function renderTimeline(reply: TimelineReply, page: number): [types.KnownBlock[], string] {
  const pages = paginate(reply.events, EVENTS_PER_PAGE, page);
  const count = `${reply.events.length} ${plural(reply.events.length, 'event')}`;
  const filter = reply.filter ? ` · ${clip(reply.filter, ECHO_MAX)}` : '';
  const blocks: types.KnownBlock[] = [
    section(`*Timeline · ${clip(reply.storyTitle, TITLE_MAX)}*${filter} · ${count}, oldest first`),
  ];
  if (reply.events.length === 0) {
    blocks.push(
      section(
        reply.filter
          ? `No dated events match “${clip(reply.filter, ECHO_MAX)}”. Try \`/rift timeline\` for all of them.`
          : 'No dated events found in the articles.',
      ),
    );
  }
  const budget = itemBudget(blocks, pages.items.length);
  for (const event of pages.items) {
    const first = event.citations[0];
    const line = fitLine(budget, (links) =>
      first ? reportedBy(first.sources, reply.corpusSize, links) : '',
    );
    const label = `*${clip(formatDateKey(event.date), NAME_MAX)}*${event.approximate ? ' _(approximate)_' : ''}${event.publication ? ' · published' : ''}\n`;
    const max = Math.min(ITEM_TEXT_MAX, budget - line.length - label.length);
    blocks.push(section(`${label}${quoteBlock(event.text, max)}`));
    if (line) blocks.push(context(line));
  }
  blocks.push(...navigation(reply.command, pages));
  const lead = pages.items[0];
  return [blocks, `Timeline (${count})${lead ? `: ${formatDateKey(lead.date)} ${lead.text}` : ''}`];
}

function renderPeople(reply: PeopleReply, page: number): [types.KnownBlock[], string] {
  const pages = paginate(reply.people, PEOPLE_PER_PAGE, page);
  const lines = pages.items.map((p) => {
    const role = p.role ? `, ${clip(p.role, NAME_MAX)}` : kindSuffix(p.kind);
    const head = `• *${clip(p.name, NAME_MAX)}*${role} — ${p.quotes} ${plural(p.quotes, 'quote')} · in ${p.sources.length} of ${reply.corpusSize} ${plural(reply.corpusSize, 'article')}`;
    const aliases =
      p.aliases.length > 0 ? `\n   _also:_ ${clip(p.aliases.join(', '), ALIASES_MAX)}` : '';
    return `${head}${aliases}`;
  });
  const blocks: types.KnownBlock[] = [
    section(`*Who is who* · ${reply.people.length} ${plural(reply.people.length, 'person')}`),
    section(lines.length > 0 ? lines.join('\n') : 'No people found in the articles.'),
    context(
      `Try \`/rift ${escapeMrkdwn('who <name>')}\` for one person's descriptions and quotes.`,
    ),
    ...navigation(reply.command, pages),
  ];
  const names = pages.items.map((p) => p.name).join(', ');
  return [blocks, `People: ${names || 'none'}`];
}

function renderPerson(reply: PersonReply, page: number): [types.KnownBlock[], string] {
  const p = reply.person;
  const role = p.role ? ` (${clip(p.role, NAME_MAX)})` : '';
  const aliases =
    p.aliases.length > 0 ? `\n_Also:_ ${clip(p.aliases.join(', '), ALIASES_MAX)}` : '';
  const blocks: types.KnownBlock[] = [
    section(`*${clip(p.name, NAME_MAX)}*${role}${aliases}`),
    context(
      `${p.quotes} ${plural(p.quotes, 'quote')} · mentioned in ${p.sources.length} of ${reply.corpusSize} ${plural(reply.corpusSize, 'article')}`,
    ),
  ];
  // A person the articles describe in many ways has a long card: it is paged like any list.
  const items = [
    ...reply.descriptions.map((d) => ({ description: d, quote: null })),
    ...reply.quotes.map((q) => ({ description: null, quote: q })),
  ];
  const pages = paginate(items, CARD_ITEMS_PER_PAGE, page);
  const budget = itemBudget(blocks, Math.max(1, pages.items.length));
  for (const { description: d, quote: q } of pages.items) {
    if (d) {
      const line = fitLine(budget, (links) => citationLine(d.citation, reply.corpusSize, links));
      const label = `_${clip(d.text, NAME_MAX)}_\n`;
      const max = Math.min(ITEM_TEXT_MAX, budget - line.length - label.length);
      blocks.push(section(`${label}${quoteBlock(d.citation.snippet, max)}`), context(line));
    } else if (q) {
      const line = fitLine(budget, (links) => reportedBy(q.sources, reply.corpusSize, links));
      const label = `*Quote*${q.partial ? ' _(partial)_' : ''}\n`;
      const max = Math.min(ITEM_TEXT_MAX, budget - line.length - label.length);
      blocks.push(section(`${label}${quoteBlock(q.text, max)}`), context(line));
    }
  }
  blocks.push(...navigation(reply.command, pages));
  return [
    blocks,
    `${p.name}${p.role ? ` (${p.role})` : ''}: ${countNoun(p.quotes, 'quote')}, in ${countNoun(p.sources.length, 'article')}`,
  ];
}

function renderCoverage(reply: CoverageReply, page: number): [types.KnownBlock[], string] {
  const pages = paginate(reply.sources, COVERAGE_PER_PAGE, page);
  const count = `${reply.sources.length} ${plural(reply.sources.length, 'article')}`;
  const blocks: types.KnownBlock[] = [
    section(
      `*${clip(reply.storyTitle, TITLE_MAX)}* · ${count} · ${reply.statements} ${plural(reply.statements, 'statement')} (quote clusters and key facts)`,
    ),
    ...noteBlocks(reply.note),
  ];
  for (const c of pages.items) {
    const s = c.source;
    const title = link(s.url, clip(s.title || s.id, TITLE_MAX));
    const date = s.date ? clip(s.date, NAME_MAX) : 'undated';
    const alone = c.alone.map(({ kind, citation }) => {
      const text = clip(citation.snippet, ALONE_TEXT_MAX);
      return kind === 'quote' ? `>“${text}”` : `>${text}`;
    });
    blocks.push(
      section(
        [
          `*${title}*`,
          `${clip(fileOrOutlet(s), NAME_MAX)} · ${date} · carries ${c.statements} of ${reply.statements} (${c.quotes} ${plural(c.quotes, 'quote')}, ${c.facts} ${plural(c.facts, 'fact')}) · ${c.aloneCount} only here`,
          ...alone,
        ].join('\n'),
      ),
    );
  }
  blocks.push(...navigation(reply.command, pages));
  const names = pages.items
    .map((c) => `${sourceName(c.source, c.source.id)} (${c.statements})`)
    .join(', ');
  return [blocks, `${reply.storyTitle}: ${count} (${names})`];
}

function renderHelp(reply: HelpReply): [types.KnownBlock[], string] {
  const commands = reply.commands.map(
    (c) => `\`/rift ${clip(c.usage, NAME_MAX)}\` — ${clip(c.description, TITLE_MAX)}`,
  );
  const examples = reply.examples.map((e) => `\`/rift ${clip(e, NAME_MAX)}\``).join('  ');
  const blocks: types.KnownBlock[] = [];
  if (reply.reason) blocks.push(section(`:information_source: ${clip(reply.reason, ECHO_MAX)}`));
  blocks.push(
    section(
      `*rift* answers questions about *${clip(reply.storyTitle, TITLE_MAX)}* with cited snippets.`,
    ),
    section(commands.join('\n')),
    ...(reply.people && reply.people.length > 0
      ? [context(`Speakers: ${clip(reply.people.join(', '), ALIASES_MAX)}`)]
      : []),
    context(
      `Examples: ${examples} · Add \`private\` to any command for a reply only you see. Mention @rift in a channel to get the answer in a thread.`,
    ),
  );
  const usage = reply.commands.map((c) => c.usage).join(' | ');
  return [blocks, `${reply.reason ? `${reply.reason} ` : ''}Usage: /rift ${usage}`];
}

function renderNotice(reply: NoticeReply): [types.KnownBlock[], string] {
  const icon = { info: ':information_source:', warning: ':warning:', error: ':x:' }[reply.level];
  return [[section(`${icon} ${clip(reply.message, ITEM_TEXT_MAX)}`)], reply.message];
}

/**
 * The last line of defence for Slack's block limit: every kind pages its items, but should a
 * reply still come out over {@link BLOCKS_MAX} blocks, Slack would reject the whole message and
 * the user would get nothing. Keep the first blocks and the page navigation, and say so.
 */
/** Keeps `blocks` within {@link BLOCKS_MAX}, leaving room for `reserve` more after them. */
function capBlocks(blocks: types.KnownBlock[], reserve = 0): types.KnownBlock[] {
  if (blocks.length + reserve <= BLOCKS_MAX) return blocks;
  // The page line and buttons come last; they stay, so the rest can still be reached.
  const tail = blocks.at(-1)?.type === 'actions' ? blocks.slice(-2) : [];
  const room = BLOCKS_MAX - reserve - tail.length - 1;
  return [...blocks.slice(0, room), context('_Shortened to fit in one Slack message._'), ...tail];
}

// ----- pieces -----

interface Page<T> {
  readonly items: readonly T[];
  /** Clamped 0-based page. */
  readonly page: number;
  readonly pageCount: number;
}

function paginate<T>(items: readonly T[], size: number, page: number): Page<T> {
  const pageCount = Math.max(1, Math.ceil(items.length / size));
  const clamped = Math.min(Math.max(0, Math.floor(page)), pageCount - 1);
  return { items: items.slice(clamped * size, clamped * size + size), page: clamped, pageCount };
}

/** A "Page 2 of 3" line and Previous/Next buttons whose values carry the command and page. */
function navigation(command: Command, pages: Page<unknown>): types.KnownBlock[] {
  if (pages.pageCount <= 1) return [];
  const buttons: types.Button[] = [];
  const previous = encodePageState({ command, page: pages.page - 1 });
  const next = encodePageState({ command, page: pages.page + 1 });
  if (pages.page > 0 && previous) buttons.push(button(PREVIOUS_ACTION_ID, '◀ Previous', previous));
  if (pages.page < pages.pageCount - 1 && next)
    buttons.push(button(NEXT_ACTION_ID, 'Next ▶', next));
  const blocks: types.KnownBlock[] = [context(`Page ${pages.page + 1} of ${pages.pageCount}`)];
  if (buttons.length > 0)
    blocks.push({ type: 'actions', block_id: 'rift_pages', elements: buttons });
  return blocks;
}

function button(actionId: string, label: string, value: string): types.Button {
  return {
    type: 'button',
    action_id: actionId,
    text: { type: 'plain_text', text: label.slice(0, BUTTON_TEXT_MAX), emoji: true },
    value,
  };
}

function section(text: string): types.SectionBlock {
  return { type: 'section', text: { type: 'mrkdwn', text: text.slice(0, SECTION_TEXT_MAX) } };
}

function context(text: string): types.ContextBlock {
  return { type: 'context', elements: [{ type: 'mrkdwn', text: text.slice(0, CONTEXT_TEXT_MAX) }] };
}

/** A verbatim snippet as a block quote of at most `max` characters; every line needs its `>`. */
function quoteBlock(text: string, max: number): string {
  const lines = text.replace(/\s*\n\s*/g, '\n');
  let clipped = clip(lines, max - 1);
  const marks = clipped.split('\n').length;
  if (clipped.length + marks > max) clipped = clip(lines, max - marks);
  return clipped
    .split('\n')
    .map((line) => `>${line}`)
    .join('\n');
}

function asked(question: string, note: string | null): string {
  const echo = `You asked: “${clip(question, ECHO_MAX)}”`;
  return note ? `${echo} · _${clip(note, ECHO_MAX)}_` : echo;
}

/**
 * What each item of a page may use, so a full page of the longest items stays within
 * `MESSAGE_TEXT_MAX` with the fallback and the page buttons.
 */
function itemBudget(header: readonly types.KnownBlock[], items: number): number {
  const used = header.reduce((sum, block) => sum + blockTextLength(block), 0);
  const free = MESSAGE_TEXT_MAX - FALLBACK_TEXT_MAX - NAVIGATION_TEXT_MAX - used;
  return Math.floor(free / Math.max(1, items)) - ITEM_MARKUP_MAX;
}

/** A source line with links when it leaves room for the snippet, else without; never cut. */
function fitLine(budget: number, line: (links: boolean) => string): string {
  const linked = line(true);
  return linked.length <= budget / 2 ? linked : line(false);
}

/** `[2] <url|People>, 2022-08-05 · reported by 4 of 5 sources: CNN, Fox News, …`, never cut. */
function citationLine(citation: Citation, corpusSize: number, links: boolean): string {
  const own = citation.sources[0];
  const name = clip(sourceName(own, citation.source), NAME_MAX);
  const speaker = citation.speaker ? `${clip(citation.speaker, NAME_MAX)} · ` : '';
  const date = own?.date ? `, ${clip(own.date, NAME_MAX)}` : '';
  const others = citation.sources.slice(1);
  const count = Math.max(1, citation.sources.length);
  const outlets = others.length > 0 ? `: ${outletList(others, false, links)}` : '';
  const label = links ? link(own?.url ?? null, name) : name;
  return `[${citation.n}] ${speaker}${label}${date} · reported by ${count} of ${corpusSize} ${plural(corpusSize, 'source')}${outlets}`;
}

function reportedBy(sources: readonly SourceRef[], corpusSize: number, links: boolean): string {
  const count = `reported by ${sources.length} of ${corpusSize} ${plural(corpusSize, 'source')}`;
  return sources.length > 0 ? `${outletList(sources, true, links)} · ${count}` : count;
}

function outletList(sources: readonly SourceRef[], withDates: boolean, links: boolean): string {
  const shown = sources.slice(0, SOURCE_NAMES_MAX).map((s) => {
    const name = clip(sourceName(s, s.id), NAME_MAX);
    const label = links ? link(s.url, name) : name;
    return withDates && s.date ? `${label} (${clip(s.date, NAME_MAX)})` : label;
  });
  const more = sources.length - shown.length;
  return more > 0 ? `${shown.join(', ')} and ${more} more` : shown.join(', ');
}

function blockTextLength(block: types.KnownBlock): number {
  if (block.type === 'section') return block.text?.text.length ?? 0;
  if (block.type === 'context') {
    return block.elements.reduce((sum, e) => sum + ('text' in e ? e.text.length : 0), 0);
  }
  return 0;
}

function sourceName(source: SourceRef | undefined, fallback: string): string {
  return source ? nameOf(source) : fallback;
}

/** In a listing of the articles: the outlet, or the file name that finds the article. */
function fileOrOutlet(source: SourceRef): string {
  return source.outlet ?? source.id;
}

/** A note about the words typed, as a context line, or nothing. */
function noteBlocks(note: string | null | undefined): types.KnownBlock[] {
  // A note can repeat what the person typed (a topic): escaped like every other user text.
  return note ? [context(`_${escapeMrkdwn(clip(note, ECHO_MAX))}_`)] : [];
}

const SAFE_URL = /^https?:\/\/[^\s<>|]+$/;

/** `<url|label>` for a well-formed http(s) URL, else the label alone; `label` is already escaped. */
function link(url: string | null, label: string): string {
  if (!url || url.length > URL_MAX || !SAFE_URL.test(url)) return label;
  return `<${escapeMrkdwn(url)}|${label}>`;
}

function plural(count: number, word: string): string {
  return countNoun(count, word).replace(/^\d+ /, '');
}
