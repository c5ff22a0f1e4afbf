/**
 * Several stories in one rift: a command names its story (`--story`, a channel's default), or a
 * question is routed to the story whose evidence is clearly strongest. Pure and deterministic,
 * like `runCommand`: the same stories and command give the same reply.
 */
import { type AnswerResult, answerQuestion, quickEvidence } from '../core/answer/answer.ts';
import type { QuestionAnalysis } from '../core/answer/question.ts';
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
import { ROUTING_WEIGHTS, routedProbability, storyStrength } from './routing-model.ts';
import { cleanQuestion, runCommand } from './run.ts';
import type { Command } from './types.ts';

/**
 * Two stories answer "comparably" when the weaker's evidence ({@link evidenceStrength}) comes
 * within this of the stronger's. Then the reply says so and shows the best of each.
 */
export const COMPARABLE_MARGIN = 0.05;
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
  /** {@link distinctiveness} of the story for the question. */
  readonly distinctiveness: number;
  /** Capitalised words of the question the story never uses (`QuestionAnalysis.unknownNames`). */
  readonly unknownNames: number;
}

/**
 * Added to both shares of {@link distinctiveness} before their ratio: one passage in a hundred,
 * so a word a story uses once, that no other story uses, does not weigh like its subject.
 */
export const SHARE_FLOOR = 0.01;

/** The share of a story's passages using a word (under the story's own term for it). */
function passageShare(story: Story, word: string, term = story.index.lexicon.term(word)): number {
  const { index } = story;
  return (index.documentFrequency.get(term) ?? 0) / Math.max(1, index.passages.length);
}

/**
 * For each word, the sum of its {@link passageShare} over every story of a library: what a
 * story's share is weighed against. Summed once per question, so each story's own share is
 * taken out again ({@link distinctiveness}) instead of summing the others per story.
 */
export function libraryShares(
  stories: ReadonlyMap<string, Story>,
  words: readonly string[],
): ReadonlyMap<string, number> {
  const sums = new Map<string, number>();
  for (const word of new Set(words)) {
    let sum = 0;
    for (const story of stories.values()) sum += passageShare(story, word);
    sums.set(word, sum);
  }
  return sums;
}

/**
 * How much more a story speaks of the question than the library's other stories do: for the
 * question's word the story uses most, the share of its passages using the word against the
 * mean share in the other stories (each plus {@link SHARE_FLOOR}); the largest such ratio. A
 * story's own questions usually name what it is about (`oxygen`, `Broncos`, `Kanye`), in many
 * of its passages and few of the others'; a question another story covers in part matches on
 * words every story uses now and then (`capital`, `population`, `said`). 1 when the story knows
 * none of the question's words.
 *
 * @example
 * distinctiveness(story, analysis, libraryShares(stories, words), stories.size) // 12.4
 */
export function distinctiveness(
  story: Story,
  analysis: QuestionAnalysis,
  sums: ReadonlyMap<string, number>,
  librarySize: number,
): number {
  let most = 0;
  for (const c of analysis.concepts) {
    if (!c.known) continue;
    const own = passageShare(story, c.word, c.term);
    const others =
      librarySize > 1
        ? Math.max(0, (sums.get(c.word) ?? 0) - passageShare(story, c.word)) / (librarySize - 1)
        : 0;
    most = Math.max(most, (own + SHARE_FLOOR) / (others + SHARE_FLOOR));
  }
  return most > 0 ? most : 1;
}

/**
 * How strongly a story answers a question, as the likelihood that it is the question's own
 * story (0..1, comparable across stories of any size): a logistic model
 * (`config/routing-weights.json`, fitted on a fit half of the routing eval's stories by
 * `npm run fit:routing`) over the story's own answer probability (the answer core's calibrated
 * abstention model) and its {@link distinctiveness}. `npm run eval:routing` prints what each
 * adds.
 */
export function evidenceStrength(evidence: {
  readonly probability: number;
  readonly distinctiveness: number;
}): number {
  return storyStrength(ROUTING_WEIGHTS, evidence.probability, evidence.distinctiveness);
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
  const answering: { id: string; story: Story; result: AnswerResult }[] = [];
  for (const [id, story] of shortlist(stories, question)) {
    const result = answerQuestion(story.index, question, story.answerOptions, 'evidence');
    if (!result.abstained) answering.push({ id, story, result });
  }
  const words = answering.flatMap((a) => a.result.analysis.concepts.map((c) => c.word));
  const sums = libraryShares(stories, words);
  const candidates: Candidate[] = answering.map(({ id, story, result }) => {
    const evidence = {
      ...result.evidence,
      distinctiveness: distinctiveness(story, result.analysis, sums, stories.size),
      unknownNames: result.analysis.unknownNames.length,
    };
    return { id, story, strength: evidenceStrength(evidence), ...evidence };
  });
  // Array.prototype.sort is stable: equal evidence keeps listing order.
  return candidates.sort((a, b) => b.strength - a.strength || b.topicCoverage - a.topicCoverage);
}

/**
 * The stories a routed question may be answered from, strongest first: all of `ranked` (see
 * {@link rankStories}), or none when routing to the best is unlikely to be right (its
 * {@link routedProbability}, from its strength, the runner-up's, its own evidence and how many
 * stories answer, is under the fitted threshold, chosen by `npm run fit:routing` as the one
 * refusing most questions of stories left out of the library while the fit half's own-story
 * routing stays at 95% or more). One story's abstention is not enough among many: every story
 * is a chance to cover part of a question by luck, so a routed answer needs a best story that
 * stands out, and more of it the stronger the next one and the more stories answer.
 */
export function routable(ranked: readonly Candidate[]): readonly Candidate[] {
  if (ranked.length === 0) return [];
  const routed = routedProbability(ROUTING_WEIGHTS, ranked);
  return routed < ROUTING_WEIGHTS.route.threshold ? [] : ranked;
}

function route(stories: ReadonlyMap<string, Story>, command: Command, raw: string): Reply {
  const { question } = cleanQuestion(raw);
  const answering = question ? rankStories(stories, question) : [];
  const ranked = routable(answering);
  const best = ranked[0];
  if (!best) {
    const articles = [...stories.values()].reduce((n, s) => n + s.sources.length, 0);
    const message = `None of the ${stories.size} stories I follow (${articles} articles) say.`;
    // A question routing refuses is refused: the story listed first must not answer it (it
    // did, untagged, when it alone would have answered).
    if (question)
      return {
        kind: 'abstention',
        command,
        question,
        message,
        reason:
          answering.length === 0
            ? 'no story answers it'
            : `no story stands out: ${answering.length} answer it, none clearly best`,
        corpusSize: articles,
        note: null,
      };
    // No question: the first story says what to ask, as one story would.
    const first = [...stories.values()][0];
    if (!first) throw new Error('a library has at least one story');
    const reply = runCommand(first, command);
    return reply.kind === 'abstention' ? { ...reply, message, corpusSize: articles } : reply;
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
