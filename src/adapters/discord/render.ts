/**
 * The Discord renderer: turns a neutral `Reply` into a message payload (embeds, Previous/Next
 * buttons, `allowed_mentions`). Every Discord limit is a named constant here and is enforced
 * before anything is sent; text from users and the corpus is markdown-escaped and can never ping.
 */
import {
  type APIActionRowComponent,
  type APIButtonComponentWithCustomId,
  type APIEmbed,
  type APIEmbedField,
  ButtonStyle,
  ComponentType,
} from 'discord.js';
import type { SpeakerKind } from '../../core/quotes/index.ts';
import type {
  AbstentionReply,
  AnswerReply,
  Citation,
  CoverageReply,
  HelpReply,
  NoticeReply,
  PeopleReply,
  PersonReply,
  QuotesReply,
  Reply,
  SourceRef,
  SourcesReply,
  SpeakersReply,
  StoriesReply,
  StoryTag,
  TimelineReply,
  UnknownSpeakerReply,
} from '../../core/reply.ts';
import { assertNever, countNoun, sourceName, speakerKindLabel } from '../../core/reply.ts';
import { formatDateKey } from '../../core/timeline/dates.ts';
import type { AnswerAction, AnswerButtons } from '../answer-actions.ts';
import { decodePageId, encodePageId, type PageRequest } from './custom-id.ts';

/** Message `content`. */
export const DISCORD_CONTENT_MAX = 2000;
/** Embed title. */
export const DISCORD_EMBED_TITLE_MAX = 256;
/** Embed description. */
export const DISCORD_EMBED_DESCRIPTION_MAX = 4096;
/** Fields per embed. */
export const DISCORD_EMBED_FIELDS_MAX = 25;
/** Embed field name. */
export const DISCORD_EMBED_FIELD_NAME_MAX = 256;
/** Embed field value. */
export const DISCORD_EMBED_FIELD_VALUE_MAX = 1024;
/** Embed footer text. */
export const DISCORD_EMBED_FOOTER_MAX = 2048;
/** Embed author name. */
export const DISCORD_EMBED_AUTHOR_MAX = 256;
/** Characters across every embed of one message (titles, descriptions, fields, footers, authors). */
export const DISCORD_EMBEDS_TOTAL_MAX = 6000;
/** Embeds per message. */
export const DISCORD_EMBEDS_MAX = 10;
/** Autocomplete choices per response. */
export const DISCORD_CHOICES_MAX = 25;
/** Autocomplete choice name and value. */
export const DISCORD_CHOICE_MAX = 100;
/** Button label. */
export const DISCORD_BUTTON_LABEL_MAX = 80;
export { DISCORD_CUSTOM_ID_MAX } from './custom-id.ts';

/** Quotes per page: one embed each. */
export const QUOTES_PER_PAGE = 4;
/** Speakers or sources per page: one line each. */
export const LINES_PER_PAGE = 10;
/** Timeline events per page: one field each. */
export const EVENTS_PER_PAGE = 8;
/** Articles per page of `sources`: one field each, with what the article alone reports. */
export const COVERAGE_PER_PAGE = 5;
/** People per page of `who`: a name line and an alias line each. */
export const PEOPLE_PER_PAGE = 8;
/** Longest text of one "only here" statement in a coverage field. */
const ALONE_TEXT_MAX = 280;
/** Longest alias list of one person. */
const ALIASES_MAX = 400;
/** Longest quotation on a person's card. */
const CARD_QUOTE_MAX = 700;
/** Longest quotation text in one quote embed; longer ones end with `…`. */
const QUOTE_TEXT_MAX = 1000;
/** Longest outlet list in a quote embed's footer. */
const OUTLETS_MAX = 300;
/** Longest single line of a speakers or sources list. */
const LINE_MAX = 350;
/** Longest URL we link; longer ones are left out rather than cut. */
const URL_MAX = 512;

const COLOR = {
  answer: 0x5865f2,
  quiet: 0x99aab5,
  quote: 0xeb459e,
  warning: 0xfee75c,
  error: 0xed4245,
} as const;

/** Mentions are parsed from nothing: no user or corpus text can ping anyone. */
export const NO_MENTIONS = { parse: [] as never[] } as const;

/** A Discord message, ready to send as a reply, an edit or an in-place update. */
export interface DiscordMessage {
  readonly content: string;
  readonly embeds: APIEmbed[];
  readonly components: APIActionRowComponent<APIButtonComponentWithCustomId>[];
  readonly allowed_mentions: typeof NO_MENTIONS;
  /** Only the requester sees it (sent with the ephemeral flag when the reply is created). */
  readonly ephemeral: boolean;
}

/** Where a reply is shown: which page, and who asked. */
export interface RenderOptions {
  /** Zero-based page of a list reply; clamped to the pages there are. */
  readonly page?: number;
  /** The requester, who alone may page a private reply. */
  readonly userId?: string | null;
  /** An answer's 👍/👎, More sources and Share (see `adapters/answer-actions.ts`). */
  readonly buttons?: AnswerButtons | null;
  /** A line shown first, e.g. how a follow-up was read, or who shared the answer. */
  readonly note?: string | null;
}

/** Discord's limit on action rows in one message. */
export const DISCORD_ROWS_MAX = 5;
/** Prefix of an answer button's custom id: `rift-answer:<action>:<answer id>`. */
export const ANSWER_BUTTON_PREFIX = 'rift-answer';

/**
 * Reads an answer button's custom id; null for any other id (page buttons, another bot's).
 *
 * @example
 * decodeAnswerButton('rift-answer:down:hgchzjAYASjK') // { action: 'down', answerId: 'hgchzjAYASjK' }
 */
export function decodeAnswerButton(
  customId: string,
): { readonly action: AnswerAction; readonly answerId: string } | null {
  const match = /^rift-answer:(up|down|more|share):([A-Za-z0-9_-]{12})$/.exec(customId);
  if (!match) return null;
  return { action: match[1] as AnswerAction, answerId: match[2] as string };
}

/**
 * Renders a reply as a Discord message within every Discord limit.
 *
 * @example
 * renderDiscord(rift.run({ name: 'quotes', speaker: 'Ye', about: null, private: false }), { page: 1 })
 * // { content: '**12 quotes by Kanye West** · page 2 of 3', embeds: [...4 quote embeds], components: [Previous, Next], ... }
 */
export function renderDiscord(reply: Reply, options: RenderOptions = {}): DiscordMessage {
  const base = withPageStory(renderKind(reply, options), reply.story?.id ?? null);
  const note = options.note ? `*${escapeShown(options.note)}*` : '';
  // With several stories, say which one answered (routing chose it, or the channel's default);
  // a comparison names each story itself.
  const head = reply.story && reply.kind !== 'compared' ? `📰 ${storyLine(reply.story)}` : '';
  const content = [head, note, base.content].filter(Boolean).join('\n');
  const row = options.buttons ? answerRow(options.buttons) : null;
  return {
    ...base,
    content: truncate(content, DISCORD_CONTENT_MAX),
    components:
      row && base.components.length < DISCORD_ROWS_MAX
        ? [...base.components, row]
        : base.components,
  };
}

/** Page buttons of a story's list carry the story, so every page comes from it. */
function withPageStory(rendered: DiscordMessage, story: string | null): DiscordMessage {
  if (!story || rendered.components.length === 0) return rendered;
  return {
    ...rendered,
    components: rendered.components.map((row) => ({
      ...row,
      components: row.components.map((button) => {
        const state = decodePageId(button.custom_id);
        return state ? { ...button, custom_id: encodePageId({ ...state, story }) } : button;
      }),
    })),
  };
}

function storyLine(story: StoryTag): string {
  return `**${truncate(escapeShown(story.title), STORY_TITLE_MAX)}** (story ${truncate(escapeShown(story.id), STORY_TITLE_MAX)})`;
}

/** 👍, 👎, then More sources and Share when they apply, in one row. */
function answerRow(buttons: AnswerButtons): APIActionRowComponent<APIButtonComponentWithCustomId> {
  const make = (
    action: AnswerAction,
    label: string,
    style: ButtonStyle.Primary | ButtonStyle.Secondary,
  ): APIButtonComponentWithCustomId => ({
    type: ComponentType.Button,
    style,
    label,
    custom_id: `${ANSWER_BUTTON_PREFIX}:${action}:${buttons.answerId}`,
  });
  return {
    type: ComponentType.ActionRow,
    components: [
      make('up', '👍', ButtonStyle.Secondary),
      make('down', '👎', ButtonStyle.Secondary),
      ...(buttons.more ? [make('more', 'More sources', ButtonStyle.Secondary)] : []),
      ...(buttons.share ? [make('share', 'Share', ButtonStyle.Primary)] : []),
    ],
  };
}

function renderKind(reply: Reply, options: RenderOptions): DiscordMessage {
  const ephemeral = reply.command?.private ?? false;
  const ownerId = ephemeral ? (options.userId ?? null) : null;
  const page = options.page ?? 0;
  switch (reply.kind) {
    case 'answer':
      return message({ embeds: [answerEmbed(reply)], ephemeral });
    case 'abstention':
      return message({ embeds: [abstentionEmbed(reply)], ephemeral });
    case 'quotes':
      return paged(reply.quotes.length, QUOTES_PER_PAGE, page, (p, pages) => ({
        content: quotesHeader(reply, p, pages),
        embeds: quoteEmbeds(reply, p),
        request: { list: 'quotes', speaker: reply.speaker, about: reply.about },
        ownerId,
        ephemeral,
      }));
    case 'speakers':
      return paged(reply.speakers.length, LINES_PER_PAGE, page, (p, pages) => ({
        content: '',
        embeds: [speakersEmbed(reply, p, pages)],
        request: { list: 'quotes', speaker: null, about: null },
        ownerId,
        ephemeral,
      }));
    case 'unknown-speaker':
      return message({ embeds: [unknownSpeakerEmbed(reply)], ephemeral });
    case 'sources':
      return paged(reply.sources.length, LINES_PER_PAGE, page, (p, pages) => ({
        content: '',
        embeds: [sourcesEmbed(reply, p, pages)],
        request: { list: 'sources' },
        ownerId,
        ephemeral,
      }));
    case 'timeline':
      return paged(reply.events.length, EVENTS_PER_PAGE, page, (p, pages) => ({
        content: '',
        embeds: [timelineEmbed(reply, p, pages)],
        request: { list: 'timeline', words: reply.filter ?? null },
        ownerId,
        ephemeral,
      }));
    case 'people':
      return paged(reply.people.length, PEOPLE_PER_PAGE, page, (p, pages) => ({
        content: '',
        embeds: [peopleEmbed(reply, p, pages)],
        request: { list: 'people' },
        ownerId,
        ephemeral,
      }));
    case 'person':
      return message({ embeds: [personEmbed(reply)], ephemeral });
    case 'coverage':
      return paged(reply.sources.length, COVERAGE_PER_PAGE, page, (p, pages) => ({
        content: '',
        embeds: [coverageEmbed(reply, p, pages)],
        request: { list: 'sources' },
        ownerId,
        ephemeral,
      }));
    case 'help':
      return message({ embeds: [helpEmbed(reply)], ephemeral });
    case 'notice':
      return renderNotice(reply);
    case 'stories':
      return message({ embeds: [storiesEmbed(reply)], ephemeral });
    case 'compared':
      return message({
        content: escapeShown(reply.message),
        embeds: reply.answers.map((answer) =>
          answerEmbed(answer, {
            name: truncate(
              `📰 ${escapeShown(answer.story.title)} (${escapeShown(answer.story.id)})`,
              DISCORD_EMBED_AUTHOR_MAX,
            ),
          }),
        ),
        ephemeral,
      });
    default:
      return assertNever(reply);
  }
}

/** Longest story title or id in a header line. */
const STORY_TITLE_MAX = 120;

function storiesEmbed(reply: StoriesReply): APIEmbed {
  const lines = reply.stories.map((s) => {
    const first = escapeShown(s.firstDate ?? '');
    const last = escapeShown(s.lastDate ?? '');
    const dates = first ? ` · ${first === last ? first : `${first} – ${last}`}` : '';
    const current = s.id === reply.current ? ' ← this channel' : '';
    return `${truncate(escapeShown(s.id), STORY_TITLE_MAX)} · **${truncate(escapeShown(s.title), STORY_TITLE_MAX)}** · ${s.articles} article${s.articles === 1 ? '' : 's'}${dates}${current}`;
  });
  const head = reply.message ? `${escapeShown(reply.message)}\n\n` : '';
  return {
    color: COLOR.answer,
    title: `Stories I follow (${reply.stories.length})`,
    description: truncate(nonBlank(`${head}${lines.join('\n')}`), DISCORD_EMBED_DESCRIPTION_MAX),
  };
}

/** A notice as plain content; errors are always private. */
function renderNotice(reply: NoticeReply): DiscordMessage {
  const icon = reply.level === 'info' ? '' : '⚠️ ';
  return message({
    content: truncate(`${icon}${nonBlank(escapeShown(reply.message))}`, DISCORD_CONTENT_MAX),
    ephemeral: reply.level === 'error' || (reply.command?.private ?? false),
  });
}

/**
 * The short private apology sent when handling an interaction failed.
 *
 * @example
 * apologyMessage() // { content: 'Sorry, something went wrong ...', ephemeral: true, ... }
 */
export function apologyMessage(): DiscordMessage {
  return message({
    content: 'Sorry, something went wrong while answering. Please try again in a moment.',
    ephemeral: true,
  });
}

/**
 * A short private notice, e.g. for a button someone else's private reply carries.
 *
 * @example
 * noticeMessage('Only the person who asked can turn these pages.')
 */
export function noticeMessage(text: string): DiscordMessage {
  return message({
    content: truncate(nonBlank(escapeShown(text)), DISCORD_CONTENT_MAX),
    ephemeral: true,
  });
}

/**
 * Autocomplete choices within Discord's limits: at most 25, names and values of 1 to 100
 * characters. A name too long to be a value is left out (Discord would reject the response).
 */
export function renderChoices(names: readonly string[]): { name: string; value: string }[] {
  return names
    .filter((name) => name.length > 0 && name.length <= DISCORD_CHOICE_MAX)
    .slice(0, DISCORD_CHOICES_MAX)
    .map((name) => ({ name, value: name }));
}

// ---------------------------------------------------------------------------------------------
// Kinds

/**
 * An answer as one embed. `author` (a comparison's story line) is part of the embed before its
 * fields are chosen, so the 6000-character budget counts it.
 */
function answerEmbed(reply: AnswerReply, author?: { readonly name: string }): APIEmbed {
  const [first, ...rest] = reply.citations;
  // The lead is citation 1's text: show it once, in the description, with its source line.
  const leadCitation = first && first.snippet === reply.lead ? first : null;
  const prefix = reply.leadPrefix ? `${escapeShown(reply.leadPrefix)}\n` : '';
  const source = leadCitation
    ? `\n${citationSourceLine(leadCitation, reply.corpusSize)} [${leadCitation.n}]`
    : '';
  const note = reply.note ? `\n\n*${escapeShown(reply.note)}*` : '';
  const leadRoom = DISCORD_EMBED_DESCRIPTION_MAX - prefix.length - source.length - note.length;
  const citations = (leadCitation ? rest : reply.citations).map((c) =>
    citationField(`[${c.n}]`, c, reply.corpusSize),
  );
  const others = reply.otherViews.map((c) =>
    citationField(`Another view [${c.n}]`, c, reply.corpusSize),
  );
  const embed: APIEmbed = {
    color: COLOR.answer,
    ...(author ? { author } : {}),
    title: truncate(nonBlank(escapeShown(reply.question)), DISCORD_EMBED_TITLE_MAX),
    description: truncate(
      `${prefix}${truncate(blockquote(reply.lead), Math.max(1, leadRoom))}${source}${note}`,
      DISCORD_EMBED_DESCRIPTION_MAX,
    ),
  };
  return withFields(embed, [...citations, ...others], (shown, total) =>
    footerText(
      `Quoted verbatim from ${countNoun(reply.corpusSize, 'article')}` +
        (shown < total ? ` · ${countNoun(total - shown, 'more citation')} not shown` : ''),
    ),
  );
}

/** One citation as one field: its snippet and its source line always travel together. */
function citationField(label: string, citation: Citation, corpusSize: number): APIEmbedField {
  const speaker = citation.speaker ? ` ${escapeShown(citation.speaker)}` : '';
  const name = truncate(`${label}${speaker}`, DISCORD_EMBED_FIELD_NAME_MAX);
  const sourceLine = citationSourceLine(citation, corpusSize);
  const snippetRoom = DISCORD_EMBED_FIELD_VALUE_MAX - sourceLine.length - 1;
  return { name, value: `${truncate(blockquote(citation.snippet), snippetRoom)}\n${sourceLine}` };
}

/** `— Outlet, 2024-11-06 · reported by 3 of 5 sources`, at most about 300 characters. */
function citationSourceLine(citation: Citation, corpusSize: number): string {
  const first = citation.sources[0];
  const reported = `reported by ${citation.sources.length} of ${countNoun(corpusSize, 'source')}`;
  return `— ${first ? sourceLabel(first) : escapeShown(truncate(citation.source, 100))} · ${reported}`;
}

function abstentionEmbed(reply: AbstentionReply): APIEmbed {
  const note = reply.note ? `\n\n*${escapeShown(reply.note)}*` : '';
  return {
    color: COLOR.quiet,
    title: truncate(nonBlank(escapeShown(reply.question)), DISCORD_EMBED_TITLE_MAX),
    description: truncate(`${escapeShown(reply.message)}${note}`, DISCORD_EMBED_DESCRIPTION_MAX),
    footer: {
      text: footerText(
        `Nothing cited: ${reply.corpusSize === 1 ? 'the article does not answer' : `none of the ${reply.corpusSize} articles answers`} this`,
      ),
    },
  };
}

function quotesHeader(reply: QuotesReply, page: number, pages: number): string {
  const about = reply.about ? ` about “${escapeShown(reply.about)}”` : '';
  const count = countNoun(reply.quotes.length, 'quote');
  const pageText = pages > 1 ? ` · page ${page + 1} of ${pages}` : '';
  if (reply.quotes.length === 0) {
    return truncate(`No quotes by **${escapeShown(reply.speaker)}**${about}.`, DISCORD_CONTENT_MAX);
  }
  const note = reply.note ? `\n*${escapeShown(reply.note)}*` : '';
  return truncate(
    `**${count} by ${escapeShown(reply.speaker)}**${about}${pageText}${note}`,
    DISCORD_CONTENT_MAX,
  );
}

function quoteEmbeds(reply: QuotesReply, page: number): APIEmbed[] {
  const start = page * QUOTES_PER_PAGE;
  return reply.quotes.slice(start, start + QUOTES_PER_PAGE).map((quote, i) => {
    const outlets = quote.sources.map(plainSourceLabel).join(', ');
    const reported = `${quote.sources.length} of ${countNoun(reply.corpusSize, 'source')}`;
    return {
      color: COLOR.quote,
      author: {
        name: truncate(nonBlank(quote.speaker ?? reply.speaker), DISCORD_EMBED_AUTHOR_MAX),
      },
      description: truncate(blockquote(quote.text), QUOTE_TEXT_MAX),
      footer: {
        text: footerText(
          `${start + i + 1}. ${quote.partial ? 'Partial quote · ' : ''}${reported}: ${truncate(outlets, OUTLETS_MAX)}`,
        ),
      },
    };
  });
}

/** ` (organisation)`, ` (unnamed source)`, or nothing for a person. */
function kindSuffix(kind: SpeakerKind): string {
  const label = speakerKindLabel(kind);
  return label ? ` (${label})` : '';
}

function speakersEmbed(reply: SpeakersReply, page: number, pages: number): APIEmbed {
  const start = page * LINES_PER_PAGE;
  const lines = reply.speakers
    .slice(start, start + LINES_PER_PAGE)
    .map((s) =>
      truncate(
        `**${escapeShown(s.name)}**${kindSuffix(s.kind)} — ${countNoun(s.quotes, 'quote')}`,
        LINE_MAX,
      ),
    );
  return {
    color: COLOR.quote,
    title: 'Who spoke',
    description: truncate(
      `${noteLine(reply.note)}${lines.length > 0 ? lines.join('\n') : 'No quotations found in the articles.'}`,
      DISCORD_EMBED_DESCRIPTION_MAX,
    ),
    footer: {
      text: footerText(
        `${countNoun(reply.speakers.length, 'speaker')} in ${countNoun(reply.corpusSize, 'article')} · /rift quotes speaker:<name>` +
          pageSuffix(page, pages),
      ),
    },
  };
}

function unknownSpeakerEmbed(reply: UnknownSpeakerReply): APIEmbed {
  const suggestions =
    reply.suggestions.length > 0
      ? `Try: ${reply.suggestions.map((s) => `**${escapeShown(s)}**`).join(', ')}`
      : 'Use `/rift quotes` without a speaker to see who spoke.';
  return {
    color: COLOR.warning,
    title: truncate(`No speaker matches “${escapeShown(reply.query)}”`, DISCORD_EMBED_TITLE_MAX),
    description: truncate(suggestions, DISCORD_EMBED_DESCRIPTION_MAX),
  };
}

function sourcesEmbed(reply: SourcesReply, page: number, pages: number): APIEmbed {
  const start = page * LINES_PER_PAGE;
  const lines = reply.sources.slice(start, start + LINES_PER_PAGE).map((source, i) => {
    const title = escapeShown(source.title || source.id);
    const linked = source.url && isLinkable(source.url) ? `[${title}](<${source.url}>)` : title;
    const meta = [
      source.outlet ? escapeShown(source.outlet) : null,
      source.date ? escapeShown(source.date) : null,
    ]
      .filter(Boolean)
      .join(', ');
    return lineWithin(`**${start + i + 1}.** `, linked, title, meta ? ` — ${meta}` : '');
  });
  return {
    color: COLOR.answer,
    title: truncate(escapeShown(reply.storyTitle), DISCORD_EMBED_TITLE_MAX),
    description: truncate(
      lines.length > 0 ? lines.join('\n') : 'No articles loaded.',
      DISCORD_EMBED_DESCRIPTION_MAX,
    ),
    footer: {
      text: footerText(`${countNoun(reply.sources.length, 'article')}${pageSuffix(page, pages)}`),
    },
  };
}

function timelineEmbed(reply: TimelineReply, page: number, pages: number): APIEmbed {
  const start = page * EVENTS_PER_PAGE;
  const fields = reply.events.slice(start, start + EVENTS_PER_PAGE).map((event) => {
    const first = event.citations[0];
    const label = `${escapeShown(formatDateKey(event.date))}${event.approximate ? ' (approximate)' : ''}${event.publication ? ' · published' : ''}`;
    const outlets = first ? first.sources.map(sourceLabel).join(', ') : '';
    const line = truncate(
      `— ${outlets} · ${first?.sources.length ?? 0} of ${countNoun(reply.corpusSize, 'source')}`,
      LINE_MAX,
    );
    return {
      name: truncate(nonBlank(label), DISCORD_EMBED_FIELD_NAME_MAX),
      value: `${truncate(blockquote(event.text), DISCORD_EMBED_FIELD_VALUE_MAX - line.length - 1)}\n${line}`,
    };
  });
  const embed: APIEmbed = {
    color: COLOR.answer,
    title: truncate(
      `Timeline · ${escapeShown(reply.storyTitle)}${reply.filter ? ` · ${escapeShown(reply.filter)}` : ''}`,
      DISCORD_EMBED_TITLE_MAX,
    ),
    description: truncate(
      reply.events.length > 0
        ? 'Dated events, oldest first, quoted from the articles.'
        : reply.filter
          ? `No dated events match “${escapeShown(reply.filter)}”. Try /rift timeline for all of them.`
          : 'No dated events found in the articles.',
      DISCORD_EMBED_DESCRIPTION_MAX,
    ),
  };
  return withFields(embed, fields, (shown, total) =>
    footerText(
      `${countNoun(reply.events.length, 'event')}` +
        (shown < total ? ` · ${total - shown} on this page not shown` : '') +
        pageSuffix(page, pages),
    ),
  );
}

function peopleEmbed(reply: PeopleReply, page: number, pages: number): APIEmbed {
  const start = page * PEOPLE_PER_PAGE;
  const lines = reply.people.slice(start, start + PEOPLE_PER_PAGE).map((p) => {
    const role = p.role ? `, ${escapeShown(p.role)}` : kindSuffix(p.kind);
    const counts = `${countNoun(p.quotes, 'quote')} · in ${p.sources.length} of ${countNoun(reply.corpusSize, 'article')}`;
    const head = truncate(`**${escapeShown(p.name)}**${role} — ${counts}`, LINE_MAX);
    const aliases =
      p.aliases.length > 0
        ? `\n${truncate(`also: ${p.aliases.map(escapeShown).join(', ')}`, ALIASES_MAX)}`
        : '';
    return `${head}${aliases}`;
  });
  return {
    color: COLOR.quote,
    title: 'Who is who',
    description: truncate(
      lines.length > 0 ? lines.join('\n\n') : 'No people found in the articles.',
      DISCORD_EMBED_DESCRIPTION_MAX,
    ),
    footer: {
      text: footerText(
        `${countNoun(reply.people.length, 'person')} in ${countNoun(reply.corpusSize, 'article')} · /rift who name:<name>` +
          pageSuffix(page, pages),
      ),
    },
  };
}

function personEmbed(reply: PersonReply): APIEmbed {
  const p = reply.person;
  const aliases =
    p.aliases.length > 0
      ? `Also: ${truncate(p.aliases.map(escapeShown).join(', '), ALIASES_MAX)}\n`
      : '';
  const counts = `${countNoun(p.quotes, 'quote')} · mentioned in ${p.sources.length} of ${countNoun(reply.corpusSize, 'article')}`;
  const descriptions = reply.descriptions.map((d) =>
    citationField(`“${escapeShown(d.text)}”`, d.citation, reply.corpusSize),
  );
  const quotes = reply.quotes.map((q, i) => {
    const line = truncate(
      `— ${q.sources.map(sourceLabel).join(', ')} · ${q.sources.length} of ${countNoun(reply.corpusSize, 'source')}`,
      LINE_MAX,
    );
    return {
      name: `Quote ${i + 1}${q.partial ? ' (partial)' : ''}`,
      value: `${truncate(blockquote(q.text), Math.min(CARD_QUOTE_MAX, DISCORD_EMBED_FIELD_VALUE_MAX - line.length - 1))}\n${line}`,
    };
  });
  const embed: APIEmbed = {
    color: COLOR.quote,
    title: truncate(
      nonBlank(`${escapeShown(p.name)}${p.role ? ` (${escapeShown(p.role)})` : ''}`),
      DISCORD_EMBED_TITLE_MAX,
    ),
    description: truncate(`${aliases}${counts}`, DISCORD_EMBED_DESCRIPTION_MAX),
  };
  return withFields(embed, [...descriptions, ...quotes], (shown, total) =>
    footerText(
      `Described and quoted verbatim from ${countNoun(reply.corpusSize, 'article')}` +
        (shown < total ? ` · ${total - shown} more not shown` : ''),
    ),
  );
}

function coverageEmbed(reply: CoverageReply, page: number, pages: number): APIEmbed {
  const start = page * COVERAGE_PER_PAGE;
  const fields = reply.sources.slice(start, start + COVERAGE_PER_PAGE).map((c, i) => {
    const s = c.source;
    const name = truncate(
      `${start + i + 1}. ${escapeShown(s.outlet ?? s.id)}${s.date ? `, ${escapeShown(s.date)}` : ''}`,
      DISCORD_EMBED_FIELD_NAME_MAX,
    );
    const title = escapeShown(truncate(s.title || s.id, 200));
    const linked = s.url && isLinkable(s.url) ? `[${title}](<${s.url}>)` : title;
    const carries = `Carries ${c.statements} of ${countNoun(reply.statements, 'statement')} (${countNoun(c.quotes, 'quote')}, ${countNoun(c.facts, 'fact')}) · ${c.aloneCount} only here`;
    const alone = c.alone.map(({ kind, citation }) => {
      const text = truncate(citation.snippet, ALONE_TEXT_MAX);
      return kind === 'quote' ? `> “${escapeShown(text)}”` : `> ${escapeShown(text)}`;
    });
    return {
      name,
      value: truncate([linked, carries, ...alone].join('\n'), DISCORD_EMBED_FIELD_VALUE_MAX),
    };
  });
  const embed: APIEmbed = {
    color: COLOR.answer,
    title: truncate(escapeShown(reply.storyTitle), DISCORD_EMBED_TITLE_MAX),
    description: truncate(
      noteLine(reply.note) +
        (reply.sources.length > 0
          ? `${countNoun(reply.statements, 'statement')} (quote clusters and key facts) across ${countNoun(reply.corpusSize, 'article')}.`
          : 'No articles loaded.'),
      DISCORD_EMBED_DESCRIPTION_MAX,
    ),
  };
  return withFields(embed, fields, (shown, total) =>
    footerText(
      countNoun(reply.sources.length, 'article') +
        (shown < total ? ` · ${total - shown} on this page not shown` : '') +
        pageSuffix(page, pages),
    ),
  );
}

/** A list line of at most LINE_MAX: drop the link before cutting into markdown. */
function lineWithin(prefix: string, linked: string, plain: string, suffix: string): string {
  const full = `${prefix}${linked}${suffix}`;
  if (full.length <= LINE_MAX) return full;
  return `${prefix}${truncate(plain, Math.max(1, LINE_MAX - prefix.length - suffix.length))}${suffix}`.slice(
    0,
    LINE_MAX,
  );
}

function helpEmbed(reply: HelpReply): APIEmbed {
  const reason = reply.reason ? `${escapeShown(reply.reason)}\n\n` : '';
  const examples = reply.examples.map((e) => `**/rift ${escapeShown(e)}**`).join(' · ');
  const fields = reply.commands.map((c) => ({
    name: truncate(`/rift ${escapeShown(c.usage)}`, DISCORD_EMBED_FIELD_NAME_MAX),
    value: truncate(nonBlank(escapeShown(c.description)), DISCORD_EMBED_FIELD_VALUE_MAX),
  }));
  const people =
    reply.people && reply.people.length > 0
      ? `\n\nSpeakers: ${truncate(reply.people.map(escapeShown).join(', '), ALIASES_MAX)}`
      : '';
  const embed: APIEmbed = {
    color: COLOR.answer,
    title: truncate(`rift · ${escapeShown(reply.storyTitle)}`, DISCORD_EMBED_TITLE_MAX),
    description: truncate(
      `${reason}Answers about the story with verbatim, cited snippets. Add \`private: True\` to any command to see the reply alone.${examples ? `\n\nTry ${examples}` : ''}${people}`,
      DISCORD_EMBED_DESCRIPTION_MAX,
    ),
  };
  return withFields(embed, fields, () =>
    footerText('Every answer quotes the articles word for word.'),
  );
}

// ---------------------------------------------------------------------------------------------
// Assembly and limits

interface PageParts {
  readonly content: string;
  readonly embeds: APIEmbed[];
  readonly request: PageRequest;
  readonly ownerId: string | null;
  readonly ephemeral: boolean;
}

/** A list reply's page, with Previous/Next buttons when there is more than one page. */
function paged(
  count: number,
  perPage: number,
  requested: number,
  build: (page: number, pages: number) => PageParts,
): DiscordMessage {
  const pages = Math.max(1, Math.ceil(count / perPage));
  const page = Math.min(Math.max(0, Math.trunc(requested) || 0), pages - 1);
  const parts = build(page, pages);
  const components: DiscordMessage['components'] =
    pages > 1
      ? [
          {
            type: ComponentType.ActionRow,
            components: [
              button('Previous', { ...parts, page: Math.max(0, page - 1) }, page === 0),
              button('Next', { ...parts, page: Math.min(pages - 1, page + 1) }, page === pages - 1),
            ],
          },
        ]
      : [];
  return message({
    content: parts.content,
    embeds: parts.embeds,
    components,
    ephemeral: parts.ephemeral,
  });
}

function button(
  label: string,
  target: { request: PageRequest; page: number; ownerId: string | null },
  disabled: boolean,
): APIButtonComponentWithCustomId {
  return {
    type: ComponentType.Button,
    style: ButtonStyle.Secondary,
    label: truncate(label, DISCORD_BUTTON_LABEL_MAX),
    custom_id: encodePageId({
      request: target.request,
      page: target.page,
      ownerId: target.ownerId,
    }),
    disabled,
  };
}

function message(parts: {
  content?: string;
  embeds?: APIEmbed[];
  components?: DiscordMessage['components'];
  ephemeral: boolean;
}): DiscordMessage {
  return {
    content: truncate(parts.content ?? '', DISCORD_CONTENT_MAX),
    embeds: fitEmbeds(parts.embeds ?? []),
    components: parts.components ?? [],
    allowed_mentions: NO_MENTIONS,
    ephemeral: parts.ephemeral,
  };
}

/**
 * Adds fields while the embed stays within 25 fields and the 6000-character budget; whole
 * fields are dropped, never cut apart. `footer(shown, total)` can say how many were left out.
 */
function withFields(
  embed: APIEmbed,
  fields: readonly APIEmbedField[],
  footer: (shown: number, total: number) => string,
): APIEmbed {
  const kept: APIEmbedField[] = [];
  // Reserve room for the longest footer we might write.
  const reserve = footer(0, fields.length).length;
  let used = embedLength(embed) + reserve;
  for (const field of fields) {
    const size = field.name.length + field.value.length;
    if (kept.length >= DISCORD_EMBED_FIELDS_MAX || used + size > DISCORD_EMBEDS_TOTAL_MAX) break;
    kept.push(field);
    used += size;
  }
  return { ...embed, fields: kept, footer: { text: footer(kept.length, fields.length) } };
}

/** Keeps at most 10 embeds and drops trailing ones until the total fits in 6000 characters. */
function fitEmbeds(embeds: readonly APIEmbed[]): APIEmbed[] {
  const kept: APIEmbed[] = [];
  let total = 0;
  for (const embed of embeds.slice(0, DISCORD_EMBEDS_MAX)) {
    const size = embedLength(embed);
    if (total + size > DISCORD_EMBEDS_TOTAL_MAX) break;
    kept.push(embed);
    total += size;
  }
  return kept;
}

/**
 * Characters Discord counts towards the 6000 limit for one embed. We count UTF-16 code units,
 * which is never less than Discord's count, so a payload that fits here fits there.
 */
export function embedLength(embed: APIEmbed): number {
  return (
    (embed.title?.length ?? 0) +
    (embed.description?.length ?? 0) +
    (embed.footer?.text.length ?? 0) +
    (embed.author?.name.length ?? 0) +
    (embed.fields ?? []).reduce((sum, f) => sum + f.name.length + f.value.length, 0)
  );
}

/** A note about the words typed, in italics on its own line, or nothing. */
function noteLine(note: string | null | undefined): string {
  return note ? `*${escapeShown(note)}*\n\n` : '';
}

/** Discord rejects blank fields and messages: show a dash instead. */
function nonBlank(text: string): string {
  return text.trim() ? text : '—';
}

function footerText(text: string): string {
  return truncate(text, DISCORD_EMBED_FOOTER_MAX);
}

function pageSuffix(page: number, pages: number): string {
  return pages > 1 ? ` · page ${page + 1} of ${pages}` : '';
}

/** `Outlet, 2024-11-06` with a link when the source has a URL; markdown-escaped. */
function sourceLabel(source: SourceRef): string {
  const outlet = escapeShown(truncate(sourceName(source), 100));
  const named = source.url && isLinkable(source.url) ? `[${outlet}](<${source.url}>)` : outlet;
  return source.date ? `${named}, ${escapeShown(source.date)}` : named;
}

/** Footers and author names render no markdown: plain text, no escaping. */
function plainSourceLabel(source: SourceRef): string {
  const outlet = sourceName(source);
  return source.date ? `${outlet} (${escapeShown(source.date)})` : outlet;
}

function isLinkable(url: string): boolean {
  return url.length <= URL_MAX && /^https?:\/\/[^\s<>]+$/.test(url);
}

function blockquote(text: string): string {
  return escapeShown(text)
    .split('\n')
    .map((line) => `> ${line}`)
    .join('\n');
}

// ---------------------------------------------------------------------------------------------
// Text

/** The most any message shows of one text: all its embeds together hold 6000 characters. */
const SHOWN_MAX = DISCORD_EMBEDS_TOTAL_MAX;

/**
 * Escapes as much of `text` as a message can show. Escaping never shortens text, and the escape
 * of a prefix is a prefix of the escaped whole, so the first SHOWN_MAX + 1 characters decide all
 * a message shows and whether it was cut: a text of a megabyte costs no more than one of 6 KB.
 */
function escapeShown(text: string): string {
  return escapeMarkdown(text.length > SHOWN_MAX + 1 ? text.slice(0, SHOWN_MAX + 1) : text);
}

const INLINE_MARKDOWN = /[\\*_~`|<>[\]@]/g;
const BACKSLASH = 0x5c;
// Leading blanks are spaces and tabs of this line only, never line breaks: with `\s*` a run of n
// line breaks was rescanned from each of its n line starts (O(n²), 2.6 s for 32,000 U+2028).
// Markers after blank lines are still found, at their own line start.
const LINE_START_MARKDOWN = /^([^\S\n\r\u2028\u2029]*)([#+-]|\d+\.)/gm;

/**
 * Escapes Discord markdown so corpus and user text renders literally: emphasis, code, spoilers,
 * quotes, masked links, headings, lists and mention syntax (`<@123>`, `@everyone`).
 *
 * @example
 * escapeMarkdown('**bold** <@123> @everyone') // '\\*\\*bold\\*\\* \\<\\@123\\> \\@everyone'
 */
export function escapeMarkdown(text: string): string {
  return text
    .replace(INLINE_MARKDOWN, (c) => `\\${c}`)
    .replace(LINE_START_MARKDOWN, (_, space: string, mark: string) =>
      mark.endsWith('.') ? `${space}${mark.slice(0, -1)}\\.` : `${space}\\${mark}`,
    );
}

/**
 * Shortens text to at most `max` characters, at a word boundary when one is near, ending with
 * `…`. Never splits a surrogate pair or leaves a dangling escape backslash.
 *
 * @example
 * truncate('Kanye West said he was done', 16) // 'Kanye West said…'
 */
export function truncate(text: string, max: number): string {
  if (text.length <= max) return text;
  if (max <= 0) return '';
  if (max === 1) return '…';
  let cut = text.slice(0, max - 1);
  const last = cut.charCodeAt(cut.length - 1);
  if (last >= 0xd800 && last <= 0xdbff) cut = cut.slice(0, -1);
  // Back up to the last word boundary unless the cut already falls on one.
  const atBoundary = /\s/.test(text.charAt(cut.length));
  const space = cut.search(/\s\S*$/);
  if (!atBoundary && space > (max - 1) * 0.6) cut = cut.slice(0, space);
  cut = cut.trimEnd();
  // An odd run of trailing backslashes would escape the ellipsis (or a newline): drop one.
  // Counted backwards: `/\\*$/` would rescan every run of backslashes from each of its
  // positions (O(n²) on a long run followed by text).
  let slashes = 0;
  while (slashes < cut.length && cut.charCodeAt(cut.length - 1 - slashes) === BACKSLASH) slashes++;
  if (slashes % 2 === 1) cut = cut.slice(0, -1);
  return `${cut}…`;
}
