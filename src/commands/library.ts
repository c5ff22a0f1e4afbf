/**
 * Several stories in one rift: a command names its story (`--story`, a channel's default), or a
 * question is routed to the story whose evidence is clearly strongest. Pure and deterministic,
 * like `runCommand`: the same stories and command give the same reply.
 */
import { answerQuestion, quickEvidence } from '../core/answer/answer.ts';
import type {
  AnswerReply,
  HelpReply,
  Reply,
  StoriesReply,
  StoryListing,
  StoryTag,
} from '../core/reply.ts';
import type { Story } from '../core/story.ts';
import { findPerson } from '../core/story-views.ts';
import {
  type ConversationAnswer,
  type ConversationMessage,
  converse,
  type Turn,
  turnForReply,
} from './conversation.ts';
import { COMMANDS, EXAMPLES, MAX_MESSAGE_CHARS } from './definitions.ts';
import { parseCommandText } from './grammar.ts';
import { createRift } from './open.ts';
import type { CoreRift } from './rift.ts';
import { cleanQuestion, runCommand } from './run.ts';
import type { Command } from './types.ts';

/**
 * Two stories answer "comparably" when the weaker's evidence ({@link evidenceStrength}) comes
 * within this of the stronger's. Then the reply says so and shows the best of each.
 */
export const COMPARABLE_MARGIN = 0.05;
/**
 * A routed answer (no story named) needs at least this much evidence ({@link evidenceStrength},
 * an answer probability, 0..1); below it the question is refused, as out of every story. One
 * story's own abstention threshold is not enough among many: more stories, more chances that one
 * covers part of a question it does not answer. Chosen on the routing eval's sweep
 * (`npm run eval:routing`, which prints what each value trades); no value alone gives both
 * own-story routing and refusals (at 0.5 the fit half's own-story routing loses 1.2 points for
 * 6.6 more refusals), hence {@link MIN_ROUTED_LEAD}.
 */
export const MIN_ROUTED_STRENGTH = 0.4;

/**
 * A routed answer weaker than this ({@link evidenceStrength}) must also lead the next story by
 * {@link MIN_ROUTED_LEAD}. A question of no story looks like one that several stories cover in
 * part, about equally and none clearly; a story's own question usually stands out. Set by
 * judgement (an answer this likely stands on its own), not swept.
 */
export const CLEAR_STRENGTH = 0.9;
/**
 * How far a routed answer under {@link CLEAR_STRENGTH} must lead the next story. Chosen on the
 * fit half of the routing eval's stories (`npm run eval:routing` prints the sweep for the fit
 * half and the other half): the most leave-one-out refusals for at most one point of own-story
 * routing. On the fit half 0.1 refuses 68.5% instead of 60.7% for 0.8 points (0.2: 75.0% for
 * 1.7 points); on the other half, 76.5% instead of 72.0% for 0.6 points.
 */
export const MIN_ROUTED_LEAD = 0.1;

/** Most stories shown side by side when several answer comparably. */
export const MAX_COMPARED = 3;

/** Longer `who` text is a question, not a name (as for one story, in run.ts). */
const MAX_NAME_WORDS = 4;

/** The longest story id accepted (a folder name). */
export const MAX_STORY_ID_CHARS = 64;

/**
 * A story id as folder names and `--story` take it: letters, digits, `.`, `_`, `-`, starting with a
 * letter or digit.
 */
export const STORY_ID = /^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/;

/** What one story contributes to the listing, derived from the story itself. */
export function storyListing(id: string, story: Story, changed: string | null): StoryListing {
  const dates = story.sources
    .map((s) => s.date)
    .filter((d): d is string => d !== null)
    .sort();
  return {
    id,
    title: story.title,
    articles: story.sources.length,
    firstDate: dates[0] ?? null,
    lastDate: dates.at(-1) ?? null,
    changed,
  };
}

/**
 * Replies that need only the list of stories, not a story: `stories`, an unknown `--story`, and
 * `why` (or a view of one story) with no story named among several. Null when the command needs
 * a story's core. `use` is the adapter's (it needs the channel); here it only lists.
 *
 * @example
 * listingReply(listings, { name: 'stories', private: false })?.kind // 'stories'
 */
export function listingReply(
  listings: readonly StoryListing[],
  command: Command,
  current: string | null = null,
): Reply | null {
  if (command.name === 'stories' || command.name === 'use')
    return { kind: 'stories', command, stories: listings, current, message: null };
  const story = command.story ?? null;
  if (story !== null) {
    if (listings.some((l) => l.id === story)) return null;
    return {
      kind: 'stories',
      command,
      stories: listings,
      current,
      message: `I don't have a story called "${shortId(story)}". Name one of these.`,
    };
  }
  if (listings.length <= 1) return null;
  switch (command.name) {
    case 'ask':
    case 'help':
      return null;
    case 'quotes':
      return command.speaker ? null : whichStory(listings, command, current);
    case 'who':
      return command.person ? null : whichStory(listings, command, current);
    case 'why':
    case 'timeline':
    case 'sources':
      return whichStory(listings, command, current);
  }
}

function whichStory(
  listings: readonly StoryListing[],
  command: Command,
  current: string | null,
): StoriesReply {
  return {
    kind: 'stories',
    command,
    stories: listings,
    current,
    message: `I follow ${listings.length} stories. Which one? Add story:<id> (or --story <id>), or set this channel's story with "use <id>".`,
  };
}

function shortId(id: string): string {
  return id.length > MAX_STORY_ID_CHARS ? `${id.slice(0, MAX_STORY_ID_CHARS)}…` : id;
}

/**
 * Answers `command` from several stories (id → story, in listing order). A named story answers
 * alone; otherwise a question goes to the story whose best passages cover it most, and when
 * others come within {@link COMPARABLE_MARGIN} the reply shows the best of each. A question no
 * story answers is refused, as one story refuses it. Every reply carries its story.
 *
 * @example
 * runLibrary(stories, listings, { name: 'ask', question: 'Who designed the stadium?', private: false }).story?.id // 'stadium'
 */
export function runLibrary(
  stories: ReadonlyMap<string, Story>,
  listings: readonly StoryListing[],
  command: Command,
): Reply {
  const listed = listingReply(listings, command);
  if (listed) return listed;
  const named = command.story ?? (stories.size === 1 ? [...stories.keys()][0] : null);
  if (named) {
    const story = stories.get(named);
    if (!story) return listingReply(listings, { ...command, story: named }) as Reply;
    return { ...runCommand(story, command), story: tag(named, story) };
  }
  switch (command.name) {
    case 'ask':
      return route(stories, command, command.question);
    case 'quotes':
    case 'who':
      return routeByPerson(stories, listings, command);
    case 'help':
      return libraryHelp(stories, command);
    default:
      return whichStory(listings, command, null);
  }
}

/**
 * A message of a conversation over several stories. Its story is the one it names
 * (`story:<id>`), else the one the conversation's last turn was answered from (a follow-up stays
 * in its story), else the channel's (`message.story`); a first message with none is routed as
 * a command is. Every turn remembers its story, so the next follow-up finds it.
 *
 * @example
 * const first = converseLibrary(stories, listings, { text: 'Who designed the stadium?', turns: [] });
 * converseLibrary(stories, listings, { text: 'what else did he say?', turns: [first.turn] }).reply.story?.id // 'stadium'
 */
export function converseLibrary(
  stories: ReadonlyMap<string, Story>,
  listings: readonly StoryListing[],
  message: ConversationMessage,
): ConversationAnswer {
  const parsed = parseCommandText(message.text.slice(0, MAX_MESSAGE_CHARS));
  const lastStory = message.turns.at(-1)?.command.story ?? null;
  const only = stories.size === 1 ? ([...stories.keys()][0] ?? null) : null;
  const id = parsed.story ?? lastStory ?? message.story ?? only;
  if (parsed.name === 'stories' || parsed.name === 'use')
    return { reply: runLibrary(stories, listings, parsed), page: 0, turn: null, followUp: null };
  if (id === null) {
    const reply = runLibrary(stories, listings, parsed);
    const turn = turnForReply(reply);
    return { reply, page: 0, turn: turn && withTurnStory(turn, reply.story?.id), followUp: null };
  }
  const story = stories.get(id);
  if (!story) {
    const reply =
      listingReply(listings, { ...parsed, story: id }) ?? whichStory(listings, parsed, null);
    return { reply, page: 0, turn: null, followUp: null };
  }
  // Earlier turns of another story are not this one's antecedents.
  const turns = message.turns.filter((t) => (t.command.story ?? id) === id);
  const result = converse(story, { text: message.text, turns });
  return {
    ...result,
    reply: { ...result.reply, story: tag(id, story) },
    turn: result.turn && withTurnStory(result.turn, id),
  };
}

function withTurnStory(turn: Turn, story: string | undefined): Turn {
  return story ? { ...turn, command: { ...turn.command, story } } : turn;
}

function tag(id: string, story: Story): StoryTag {
  return { id, title: story.title };
}

/** Evidence of one story for one question. */
export interface Candidate {
  readonly id: string;
  readonly story: Story;
  /** {@link evidenceStrength}: what stories are ranked by. */
  readonly strength: number;
  readonly coverage: number;
  readonly topicCoverage: number;
  readonly known: number;
  readonly probability: number;
}

/**
 * How strongly a story answers a question: the story's own answer probability (the calibrated
 * abstention model of the answer core, fitted on squad-dev by `npm run fit`), which compares
 * across corpora of any size. Chosen on the routing eval (`npm run eval:routing`, which prints
 * the ablation): it lands 96.8% of squad-dev's, the seeds' and stadium's questions on their own
 * story, against 94.0% for the best passages' coverage plus the share of known words.
 */
export function evidenceStrength(evidence: { readonly probability: number }): number {
  return evidence.probability;
}

/**
 * Stories weighed in full for one routed question, at most: the rest are left out by a cheap
 * first look ({@link quickEvidence}), so a routed question costs about this many stories'
 * evidence however many stories are served. More than {@link MAX_COMPARED}, so a close second
 * or third is still weighed.
 */
export const ROUTING_SHORTLIST = 8;

/**
 * The stories worth weighing for a question: all of them up to {@link ROUTING_SHORTLIST}, else
 * that many by {@link quickEvidence}, ties in listing order.
 */
function shortlist(
  stories: ReadonlyMap<string, Story>,
  question: string,
): readonly (readonly [string, Story])[] {
  const all = [...stories];
  if (all.length <= ROUTING_SHORTLIST) return all;
  return all
    .map((entry, order) => ({ entry, order, quick: quickEvidence(entry[1].index, question) }))
    .sort((a, b) => b.quick - a.quick || a.order - b.order)
    .slice(0, ROUTING_SHORTLIST)
    .sort((a, b) => a.order - b.order)
    .map((s) => s.entry);
}

/**
 * Ranks the stories for a question by {@link evidenceStrength}, then topic coverage, then listing
 * order. Stories that refuse the question are out.
 */
export function rankStories(
  stories: ReadonlyMap<string, Story>,
  question: string,
): readonly Candidate[] {
  const candidates: Candidate[] = [];
  for (const [id, story] of shortlist(stories, question)) {
    const result = answerQuestion(story.index, question, story.answerOptions, 'evidence');
    if (result.abstained) continue;
    candidates.push({ id, story, strength: evidenceStrength(result.evidence), ...result.evidence });
  }
  // Array.prototype.sort is stable: equal evidence keeps listing order.
  return candidates.sort((a, b) => b.strength - a.strength || b.topicCoverage - a.topicCoverage);
}

/**
 * The stories a routed question may be answered from, strongest first: those of `ranked` (see
 * {@link rankStories}) with at least {@link MIN_ROUTED_STRENGTH}, or none when the best is under
 * {@link CLEAR_STRENGTH} and leads the next story by less than {@link MIN_ROUTED_LEAD}.
 */
export function routable(ranked: readonly Candidate[]): readonly Candidate[] {
  const best = ranked[0];
  if (!best || best.strength < MIN_ROUTED_STRENGTH) return [];
  const lead = best.strength - (ranked[1]?.strength ?? 0);
  if (best.strength < CLEAR_STRENGTH && lead < MIN_ROUTED_LEAD) return [];
  return ranked.filter((c) => c.strength >= MIN_ROUTED_STRENGTH);
}

function route(stories: ReadonlyMap<string, Story>, command: Command, raw: string): Reply {
  const { question } = cleanQuestion(raw);
  const ranked = question ? routable(rankStories(stories, question)) : [];
  const best = ranked[0];
  if (!best) {
    const first = [...stories.values()][0];
    if (!first) throw new Error('a library has at least one story');
    const reply = runCommand(first, command);
    const articles = [...stories.values()].reduce((n, s) => n + s.sources.length, 0);
    if (reply.kind !== 'abstention') return reply;
    return {
      ...reply,
      message: `None of the ${stories.size} stories I follow (${articles} articles) say.`,
      corpusSize: articles,
    };
  }
  const answer = (c: Candidate) => ({
    ...runCommand(c.story, command),
    story: tag(c.id, c.story),
  });
  // Citations are built for the strongest stories only; one whose citations all fall away (rare:
  // evidence without a citable passage) gives way to the next.
  const answers: (AnswerReply & { story: StoryTag })[] = [];
  let first: Reply | null = null;
  for (const candidate of ranked) {
    const strongest = answers[0] ? ranked.find((c) => c.id === answers[0]?.story.id) : null;
    if (strongest && strongest.strength - candidate.strength > COMPARABLE_MARGIN) break;
    if (answers.length >= MAX_COMPARED) break;
    const reply = answer(candidate);
    first ??= reply;
    if (reply.kind === 'answer') answers.push(reply);
  }
  if (answers.length === 0) return first ?? answer(best);
  if (answers.length === 1) return answers[0] as Reply;
  return {
    kind: 'compared',
    command,
    question,
    message: `${answers.length} stories answer this about equally well; here is the best of each. Add story:<id> to ask one.`,
    answers,
  };
}

/**
 * `quotes <speaker>` or `who <name>` with no story: the story that knows that person (the one
 * quoting them most when several do). When none does, the first story's reply (which suggests
 * names) is shown, tagged.
 */
function routeByPerson(
  stories: ReadonlyMap<string, Story>,
  listings: readonly StoryListing[],
  command: Command,
): Reply {
  let best: { id: string; story: Story; quotes: number } | null = null;
  for (const [id, story] of stories) {
    const name =
      command.name === 'quotes' ? command.speaker : command.name === 'who' ? command.person : null;
    if (!name) continue;
    const clean = cleanQuestion(name).question;
    let quotes = -1;
    if (command.name === 'quotes') {
      const match = story.quotes.findSpeaker(clean);
      if (match.kind !== 'none' && match.name)
        quotes = story.quotes.speakers.find((s) => s.name === match.name)?.quotes ?? 0;
    } else {
      const match = findPerson(story.views.people, clean.replace(/^(is|was)\s+/i, ''));
      if (match.kind === 'found') quotes = match.person.quotes;
    }
    if (quotes >= 0 && (!best || quotes > best.quotes)) best = { id, story, quotes };
  }
  if (best) return { ...runCommand(best.story, command), story: tag(best.id, best.story) };
  // `who did Ye support?` is a question, not a name: route it as one.
  if (
    command.name === 'who' &&
    command.person &&
    (/\?\s*$/.test(command.person) || command.person.trim().split(/\s+/).length > MAX_NAME_WORDS)
  )
    return route(stories, command, `who ${command.person}`);
  return {
    kind: 'stories',
    command,
    stories: listings,
    current: null,
    message: `None of my ${listings.length} stories knows "${shortId(cleanQuestion((command.name === 'quotes' ? command.speaker : command.name === 'who' ? command.person : '') ?? '').question)}". Name a story with story:<id>.`,
  };
}

function libraryHelp(stories: ReadonlyMap<string, Story>, command: Command): HelpReply {
  return {
    kind: 'help',
    command: command.name === 'help' ? command : { name: 'help', private: command.private },
    storyTitle: `${stories.size} stories (list them with "stories")`,
    reason: command.name === 'help' ? (command.reason ?? null) : null,
    commands: COMMANDS.map((c) => ({ usage: c.usage, description: c.description })),
    examples: EXAMPLES,
    people: [],
  };
}

/**
 * Several stories as one `CoreRift`: commands go through {@link runLibrary}; completions come
 * from every story, best first per story. A library worker serves one.
 *
 * @example
 * createLibraryCore(stories, listings).run({ name: 'stories', private: false }).kind // 'stories'
 */
export function createLibraryCore(
  stories: ReadonlyMap<string, Story>,
  listings: readonly StoryListing[],
): CoreRift {
  const cores = [...stories.values()].map(createRift);
  const complete = (of: (core: CoreRift) => readonly string[], limit: number) =>
    [...new Set(cores.flatMap(of))].slice(0, limit);
  return {
    corpusSize: listings.reduce((n, l) => n + l.articles, 0),
    storyTitle: `${stories.size} stories`,
    run: (command) => runLibrary(stories, listings, command),
    converse: (message) => converseLibrary(stories, listings, message),
    completeSpeakers: (query, limit) => complete((c) => c.completeSpeakers(query, limit), limit),
    completePeople: (query, limit) => complete((c) => c.completePeople(query, limit), limit),
  };
}
