/**
 * Conversations: a message in a thread, a DM or the console is read against the earlier turns
 * of that conversation, so a follow-up (`what else did he say?`, `and when was that?`, `who said
 * that?`, `more`) carries the person and the topic over, and `more` shows the next citations.
 *
 * Platform-free and deterministic, like every command: the conversation's state is kept outside
 * (in a store, by the adapter) as a short list of {@link Turn}s, each the command that was
 * answered, already resolved. Because the same command always gets the same reply, an earlier
 * turn's people and citations are recovered by running it again, so nothing derived from the
 * corpus has to be stored. No rule names a story, a person or an outlet: follow-ups are read from
 * English question shapes and pronouns, antecedents from the earlier reply.
 */
import type { Citation, QuoteItem, Reply } from '../core/reply.ts';
import type { Story } from '../core/story.ts';
import { fold, words } from '../core/text/fold.ts';
import { MAX_MESSAGE_CHARS } from './definitions.ts';
import { parseCommandText } from './grammar.ts';
import { cleanQuestion, runCommand } from './run.ts';
import type { Command, QuotesCommand } from './types.ts';

export { MAX_MESSAGE_CHARS, MAX_TURNS } from './definitions.ts';

/** One earlier exchange of a conversation, as rift keeps it. */
export interface Turn {
  /**
   * The command answered, as resolved: `what else did he say?` is kept as `quotes Kanye West
   * about …`, so the next follow-up builds on what was actually shown.
   */
  readonly command: Command;
  /** Citations shown so far for this question, counting earlier pages (what `more` skips). */
  readonly shown: number;
  /** The page of a list reply that was shown (0-based). */
  readonly page: number;
  /**
   * The question the conversation is about at this turn: the one asked, or, for a follow-up
   * that asked none (`what else did he say?`), the one it followed. Null when none was asked.
   */
  readonly question: string | null;
}

/** A message of a conversation and the turns before it, oldest first. */
export interface ConversationMessage {
  /** As typed, with the platform's mention of rift removed. */
  readonly text: string;
  readonly turns: readonly Turn[];
  /**
   * With several stories: the channel's story (`use`), answering a message that names none and
   * follows no earlier turn of a story. Ignored with one story.
   */
  readonly story?: string | null;
}

/** The reply to a message, and what to remember of it. */
export interface ConversationAnswer {
  readonly reply: Reply;
  /** The page of a list reply to show (a follow-up `more` on a list turns its page). */
  readonly page: number;
  /** The turn to append to the conversation; null when nothing was answered (a failure). */
  readonly turn: Turn | null;
  /**
   * How a follow-up was read, for the person to check, e.g. `Following up on “Why did they fall
   * out?”: quotes by John Legend about “fall out”`; null for a message that stands on its own.
   */
  readonly followUp: string | null;
}

/**
 * Answers one message of a conversation.
 *
 * @example
 * const first = converse(story, { text: 'Why did John Legend and Kanye West stop being friends?', turns: [] });
 * converse(story, { text: 'what else did he say?', turns: [first.turn] }).reply.kind // 'quotes'
 */
export function converse(story: Story, message: ConversationMessage): ConversationAnswer {
  const text = message.text.slice(0, MAX_MESSAGE_CHARS);
  const parsed = parseCommandText(text);
  const previous = [...message.turns].reverse().find((t) => topical(t.command));
  const said = followUpText(parsed);
  if (said !== null && previous) {
    const followUp = resolveFollowUp(story, said, parsed.private, previous);
    if (followUp) return followUp;
  }
  return standalone(story, parsed);
}

/**
 * The words a follow-up may be made of: a question, or what follows `who` (`who said that?`,
 * `who is he?`); null for other commands, which never depend on earlier turns.
 */
function followUpText(command: Command): string | null {
  if (command.name === 'ask') return command.question;
  if (command.name === 'who' && command.person) return `who ${command.person}`;
  return null;
}

/** A message that needs no earlier turn: run as typed. */
function standalone(story: Story, command: Command): ConversationAnswer {
  const reply = runCommand(story, command);
  const question = reply.kind === 'answer' || reply.kind === 'abstention' ? reply.question : null;
  return { reply, page: 0, turn: turnOf(command, reply, 0, question), followUp: null };
}

/**
 * The turn that remembers a reply given outside a conversation (a slash command, a button), so
 * a reply to that message can follow up on it.
 *
 * @example
 * turnForReply(rift.run({ name: 'why', private: false })).question // 'Why did John Legend and Kanye West stop being friends?'
 */
export function turnForReply(reply: Reply, page = 0): Turn | null {
  if (!reply.command) return null;
  const question = reply.kind === 'answer' || reply.kind === 'abstention' ? reply.question : null;
  return turnOf(reply.command, reply, page, question);
}

/** The turn that remembers `reply` to `command`. */
function turnOf(command: Command, reply: Reply, page: number, question: string | null): Turn {
  const last = reply.kind === 'answer' ? reply.citations.at(-1)?.n : undefined;
  const offset = command.name === 'ask' ? (command.offset ?? 0) : 0;
  return { command, shown: last ?? offset, page, question };
}

/** Commands a follow-up can refer back to: questions, quotes and people, not help or lists. */
function topical(command: Command): boolean {
  return (
    command.name === 'ask' ||
    command.name === 'why' ||
    (command.name === 'quotes' && command.speaker !== null) ||
    (command.name === 'who' && command.person !== null)
  );
}

// ---------------------------------------------------------------------------------------------
// Reading a follow-up

/** Words that open a follow-up without adding meaning: `and when was that?`, `ok, more`. */
const FILLER = /^(?:(?:and|so|ok|okay|well|then|but|also|right|hm+|oh)\b[\s,]*)+/i;
const MORE =
  /^(?:more|more please|more sources|more citations|more quotes|show (?:me )?more|tell me more|go on|continue|keep going|next|next page|anything else|any more|anymore|what else)$/i;
const WHO_SAID =
  /^(?:who (?:said|says|say|wrote|tweeted|told|posted|texted) (?:that|this|it|those|these)(?: first)?|whose (?:words|quote|quotes) (?:is|are|was|were|that|those)(?: that| those)?|who (?:was|is) (?:that|it) (?:from|by))$/i;
/** `what else did he say?`, `anything else from her?`, `what else has West said about it?` */
const WHAT_ELSE =
  /^(?:what|anything) else (?:(?:did|does|has|had|do|have) )?(.+?) (?:say|said|says|tell|told|add|added|write|wrote)(?: about (?:that|it|this))?$|^anything else (?:from|by) (.+)$/i;
/** `when was that?`, `and where did that happen?`, `why?`, `how many?` */
const WH_THAT =
  /^(when|where|why|how|how many|how much|how long|who|what)(?: (?:exactly|then))?(?: (?:was|is|were|are|did|does|do|has|had) (?:that|this|it|they|he|she)(?: (?:happen|happened|start|started|begin|began|end|ended|come|came|take place|took place))?)?$/i;
/** `what about Trump?`: the topic changes, the rest carries over. */
const WHAT_ABOUT = /^(?:what|how) about (.+)$/i;

const PERSONAL = /\b(he|him|his|she|her|hers|they|them|their|theirs)\b/gi;
const PRONOUN = /^(he|him|she|her|they|them)$/i;
/** `that`, `it` or `this` closing a question after a preposition: `what did Legend say about that?` */
const DEICTIC_END = /\b(about|on|over|with|for|after|before|of|to) (that|it|this)$/i;
const AUXILIARY = 'did|do|does|was|were|is|are|has|have|had|will|would|can|could|should';
/** A question's shape: wh-phrase, a noun it asks about, the auxiliary and the rest. */
const QUESTION_SHAPE = new RegExp(
  `^(why|when|where|how(?: many| much| long| old| come)?|what|which|who|whom|whose)(?: (\\S+))?? (${AUXILIARY}) (.+)$`,
  'i',
);
const WH_WORD =
  /^(why|when|where|how(?: many| much| long| old| come)?|what|which|who|whom|whose)\b\s*/i;

/** What an earlier turn is about, recovered by running it again. */
interface Antecedents {
  readonly reply: Reply;
  /** The question answered, for ask and why. */
  readonly question: string | null;
  /** The person a `he` or `she` most likely means: the one quoted, or else named. */
  readonly person: string | null;
  /** Everyone named in the question or quoted in the answer, for `they`. */
  readonly people: readonly string[];
  /** What was asked about, without its question word: `did John Legend and Kanye West fall out`. */
  readonly topic: string | null;
  readonly auxiliary: string | null;
  /** Quotations and snippets already shown, so `what else` shows others. */
  readonly shown: readonly string[];
}

function resolveFollowUp(
  story: Story,
  question: string,
  isPrivate: boolean,
  previous: Turn,
): ConversationAnswer | null {
  const said = cleanQuestion(question).question;
  const text = said
    .replace(FILLER, '')
    .replace(/[\s?!.]+$/, '')
    .trim();
  if (!text) return null;
  const before = antecedents(story, previous);
  const on = `Following up on ${describeCommand(previous.command, before.reply)}`;

  if (MORE.test(text)) return more(story, previous, before, isPrivate, on);

  if (WHO_SAID.test(text)) return whoSaid(story, said, previous, before, isPrivate, on);

  // `who is he?`: the person's card.
  const whoIs = /^who (?:is|was) (he|she|him|her|they|them)$/i.exec(text);
  if (whoIs && before.person) {
    return asFollowUp(
      story,
      { name: 'who', person: before.person, private: isPrivate },
      on,
      before,
    );
  }

  const elseMatch = WHAT_ELSE.exec(text);
  if (elseMatch) {
    const who = (elseMatch[1] ?? elseMatch[2] ?? '').trim();
    const person = !who || PRONOUN.test(who) ? before.person : (namedPeople(story, who)[0] ?? null);
    if (person) return whatElse(story, person, previous, before, isPrivate, on);
  }

  const wh = WH_THAT.exec(text);
  if (wh && before.topic) {
    const asked = capitalise(
      `${(wh[1] ?? '').toLowerCase()} ${before.auxiliary ?? ''} ${before.topic}`,
    );
    return asFollowUp(
      story,
      { name: 'ask', question: `${squash(asked)}?`, private: isPrivate },
      on,
      before,
    );
  }

  const about = WHAT_ABOUT.exec(text);
  if (about?.[1] && previous.command.name === 'quotes' && previous.command.speaker) {
    const command: QuotesCommand = { ...previous.command, about: about[1], private: isPrivate };
    return asFollowUp(story, command, on, before);
  }

  const rewritten = substitute(story, said, before);
  if (rewritten !== said) {
    return asFollowUp(story, { name: 'ask', question: rewritten, private: isPrivate }, on, before);
  }
  return null;
}

/** Runs a resolved follow-up and says how it was read. */
function asFollowUp(
  story: Story,
  command: Command,
  on: string,
  before: Antecedents,
  page = 0,
): ConversationAnswer {
  const reply = runCommand(story, command);
  const asked = reply.kind === 'answer' || reply.kind === 'abstention' ? reply.question : null;
  return {
    reply,
    page,
    turn: turnOf(command, reply, page, asked ?? before.question),
    followUp: `${on}: ${describeCommand(command, reply)}`,
  };
}

/** `more`: the next citations of an answer, or the next page of a list. */
function more(
  story: Story,
  previous: Turn,
  before: Antecedents,
  isPrivate: boolean,
  on: string,
): ConversationAnswer {
  const command = previous.command;
  if (command.name === 'ask' || command.name === 'why') {
    const question = command.name === 'ask' ? command.question : before.question;
    const next: Command = {
      name: 'ask',
      question: question ?? '',
      offset: previous.shown,
      private: isPrivate,
    };
    const reply = runCommand(story, next);
    return {
      reply,
      page: 0,
      turn: turnOf(next, reply, 0, before.question),
      followUp: `${on}: more sources`,
    };
  }
  const again = { ...command, private: isPrivate } as Command;
  const page = previous.page + 1;
  const reply = runCommand(story, again);
  return {
    reply,
    page,
    turn: turnOf(again, reply, page, before.question),
    followUp: `${on}: the next page`,
  };
}

/** `who said that?`: the speaker of what was just cited. */
function whoSaid(
  story: Story,
  said: string,
  previous: Turn,
  before: Antecedents,
  isPrivate: boolean,
  on: string,
): ConversationAnswer {
  const command: Command = { name: 'ask', question: said, private: isPrivate };
  const reply = before.reply;
  if (reply.kind === 'quotes' || reply.kind === 'person') {
    const speaker = reply.kind === 'quotes' ? reply.speaker : reply.person.name;
    return asFollowUp(story, { name: 'who', person: speaker, private: isPrivate }, on, before);
  }
  const cited = reply.kind === 'answer' ? reply.citations[0] : undefined;
  const corpusSize = story.sources.length;
  if (!cited?.speaker) {
    const where = cited?.sources[0]?.title;
    return {
      reply: {
        kind: 'abstention',
        command,
        question: said,
        message: cited
          ? `The articles don't say who said that: it is the reporter's own sentence${where ? `, in “${where}”` : ''}.`
          : "There is nothing cited to say who said it. Ask the question again and I'll cite the articles.",
        reason: 'no speaker for the cited passage',
        corpusSize,
        note: null,
      },
      page: 0,
      turn: previous,
      followUp: `${on}: who said the passage cited first`,
    };
  }
  const citation: Citation = { ...cited, n: 1 };
  // The next `what else did he say?` is about this speaker, on the question still carried.
  const next: Command = { name: 'who', person: cited.speaker, private: isPrivate };
  return {
    reply: {
      kind: 'answer',
      command,
      question: said,
      leadPrefix: `${cited.speaker} said it, according to ${citation.sources.length} of ${corpusSize} sources:`,
      lead: citation.snippet,
      citations: [citation],
      otherViews: [],
      corpusSize,
      note: null,
      more: false,
    },
    page: 0,
    turn: { command: next, shown: 0, page: 0, question: before.question },
    followUp: `${on}: who said the passage cited first`,
  };
}

/** `what else did he say?`: that person's other quotes on the topic, those shown left out. */
function whatElse(
  story: Story,
  person: string,
  previous: Turn,
  before: Antecedents,
  isPrivate: boolean,
  on: string,
): ConversationAnswer {
  const same =
    previous.command.name === 'quotes' &&
    before.reply.kind === 'quotes' &&
    before.reply.speaker === person &&
    before.reply.quotes.length > 0;
  if (same) return more(story, previous, before, isPrivate, on);
  const topic = before.topic ? withoutPeople(before.topic, peopleForms(story, [person])) : '';
  let command: QuotesCommand = {
    name: 'quotes',
    speaker: person,
    about: topic || null,
    private: isPrivate,
  };
  const others = (c: QuotesCommand) => {
    const reply = runCommand(story, c);
    const left =
      reply.kind === 'quotes' ? reply.quotes.filter((q) => !alreadyShown(q, before)) : [];
    return { reply, left };
  };
  let { reply, left } = others(command);
  // Nothing else on the topic: everything else they said is the next best answer.
  if (left.length === 0 && command.about) {
    command = { ...command, about: null };
    ({ reply, left } = others(command));
  }
  const answer: Reply = reply.kind === 'quotes' ? { ...reply, quotes: left } : reply;
  return {
    reply: answer,
    page: 0,
    turn: turnOf(command, answer, 0, before.question),
    followUp: `${on}: ${describeCommand(command, answer)}, leaving out what was already cited`,
  };
}

/** A quotation whose words were already cited in the earlier answer. */
function alreadyShown(quote: QuoteItem, before: Antecedents): boolean {
  const segments = quote.mentions.flatMap((m) => m.segments).map(fold);
  const own = segments.length > 0 ? segments : [fold(quote.text)];
  return before.shown.some((snippet) => own.some((s) => s.length >= 12 && snippet.includes(s)));
}

/**
 * Replaces what a question leaves to context: `he`, `his`, `they` by the earlier person or
 * people when the question names nobody, and a closing `about that` by the earlier topic.
 * Returns the question unchanged when there is nothing to replace.
 */
function substitute(story: Story, question: string, before: Antecedents): string {
  let out = question;
  const names = namedPeople(story, question);
  if (names.length === 0 && before.person) {
    const group = before.people.length > 1 ? joinNames(before.people) : before.person;
    out = out.replace(PERSONAL, (word: string, _: string, at: number) => {
      const w = word.toLowerCase();
      const plural = w.startsWith('the');
      const who = plural ? group : (before.person ?? '');
      const possessive =
        w === 'his' ||
        w === 'hers' ||
        w === 'their' ||
        w === 'theirs' ||
        (w === 'her' &&
          /^\s+(?!(?:about|to|for|with|that|and|or|on|in|at|by|of|from)\b)\p{L}/iu.test(
            out.slice(at + word.length),
          ));
      return possessive ? `${who}'s` : who;
    });
  }
  const end = out.replace(/[\s?!.]+$/, '');
  const deictic = DEICTIC_END.exec(end);
  if (deictic && before.topic) {
    const topic = withoutPeople(before.topic, peopleForms(story, namedPeople(story, end)));
    if (topic) out = `${end.slice(0, deictic.index)}${deictic[1]} ${topic}?`;
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// What an earlier turn was about

function antecedents(story: Story, turn: Turn): Antecedents {
  const reply = runCommand(story, turn.command);
  const base = { reply, shown: shownTexts(reply) };
  // A list that followed a question (`what else did he say?`) is still about that question.
  const carried = turn.question ? questionShape(turn.question) : null;
  switch (reply.kind) {
    case 'answer':
    case 'abstention': {
      const question = reply.question;
      const named = namedPeople(story, question);
      const quoted =
        reply.kind === 'answer'
          ? reply.citations.flatMap((c) =>
              c.speaker && isPerson(story, c.speaker) ? [c.speaker] : [],
            )
          : [];
      const shape = questionShape(question);
      return {
        ...base,
        question,
        person: quoted[0] ?? named[0] ?? null,
        people: named.length > 0 ? named : [...new Set(quoted)],
        topic: shape.topic,
        auxiliary: shape.auxiliary,
      };
    }
    case 'quotes':
      return {
        ...base,
        question: turn.question,
        person: reply.speaker,
        people: [reply.speaker],
        topic: carried?.topic ?? reply.about,
        auxiliary: carried?.auxiliary ?? null,
      };
    case 'person':
      return {
        ...base,
        question: turn.question,
        person: reply.person.name,
        people: [reply.person.name],
        topic: carried?.topic ?? null,
        auxiliary: carried?.auxiliary ?? null,
      };
    default:
      return { ...base, question: null, person: null, people: [], topic: null, auxiliary: null };
  }
}

/** The texts a reply showed, folded, so a later `what else` can leave them out. */
function shownTexts(reply: Reply): string[] {
  if (reply.kind === 'answer') return reply.citations.map((c) => fold(c.snippet));
  if (reply.kind === 'quotes') return reply.quotes.map((q) => fold(q.text));
  if (reply.kind === 'person') return reply.quotes.map((q) => fold(q.text));
  return [];
}

/**
 * The parts of a question a follow-up reuses: `Why did John Legend and Kanye West stop being
 * friends?` has the auxiliary `did` and the topic `John Legend and Kanye West stop being friends`;
 * `How many votes did Kanye get?` keeps its noun: `Kanye get votes`.
 */
function questionShape(question: string): { topic: string | null; auxiliary: string | null } {
  const text = question.replace(/[\s?!.]+$/, '').trim();
  const shape = QUESTION_SHAPE.exec(text);
  if (shape) {
    const noun = shape[2] && !new RegExp(`^(${AUXILIARY})$`, 'i').test(shape[2]) ? shape[2] : '';
    return {
      auxiliary: (shape[3] ?? '').toLowerCase(),
      topic: squash(`${shape[4] ?? ''} ${noun}`) || null,
    };
  }
  const rest = text.replace(WH_WORD, '').trim();
  return { auxiliary: null, topic: rest || null };
}

/** The people of the story a text names, by any of their names, in order of appearance. */
function namedPeople(story: Story, text: string): string[] {
  const folded = ` ${words(text).join(' ')} `;
  const found: { name: string; at: number }[] = [];
  for (const person of story.views.people) {
    if (person.kind !== 'person') continue;
    let at = -1;
    for (const form of [person.name, ...person.aliases]) {
      const key = words(form).join(' ');
      if (!key || key.split(' ').every((w) => story.index.lexicon.isStopWord(w))) continue;
      const i = folded.indexOf(` ${key} `);
      if (i >= 0 && (at < 0 || i < at)) at = i;
    }
    if (at >= 0) found.push({ name: person.name, at });
  }
  return found.sort((a, b) => a.at - b.at).map((f) => f.name);
}

function isPerson(story: Story, name: string): boolean {
  return story.views.people.some((p) => p.name === name && p.kind === 'person');
}

/** Every name and alias of the given people, longest first, for taking them out of a topic. */
function peopleForms(story: Story, people: readonly string[]): string[] {
  return story.views.people
    .filter((p) => people.includes(p.name))
    .flatMap((p) => [p.name, ...p.aliases])
    .filter((f) => words(f).length > 0)
    .sort((a, b) => b.length - a.length);
}

/**
 * A topic without some people's names, as typed otherwise, for ranking one person's quotes by
 * what was asked: `John Legend and Kanye West stop being friends` without John Legend is `Kanye
 * West stop being friends`.
 */
function withoutPeople(topic: string, forms: readonly string[]): string {
  let out = ` ${squash(topic)} `;
  for (const form of forms) {
    const escaped = squash(form).replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
    out = out.replace(new RegExp(`(?<=\\s)${escaped}(?:['’]s)?(?=[\\s,.;:!?])`, 'giu'), ' ');
  }
  return squash(out)
    .replace(new RegExp(`^(?:(?:and|or|with|to|${AUXILIARY})\\b[\\s,]*)+`, 'i'), '')
    .replace(/[\s,]*\b(?:and|or|with|to)$/i, '')
    .trim();
}

/** How a command reads to a person: `“Why did …?”`, `quotes by Kanye West about “texts”`. */
function describeCommand(command: Command, reply: Reply | null): string {
  const asked = reply?.kind === 'answer' || reply?.kind === 'abstention' ? reply.question : null;
  switch (command.name) {
    case 'ask':
      return `“${asked ?? command.question}”${command.offset ? ' (more sources)' : ''}`;
    case 'why':
      return `“${asked ?? 'why'}”`;
    case 'quotes': {
      const speaker = reply?.kind === 'quotes' ? reply.speaker : command.speaker;
      return speaker
        ? `quotes by ${speaker}${command.about ? ` about “${command.about}”` : ''}`
        : 'the speakers';
    }
    case 'who': {
      const person = reply?.kind === 'person' ? reply.person.name : command.person;
      return person ? `who ${person} is` : 'the people of the story';
    }
    default:
      return command.name;
  }
}

function joinNames(names: readonly string[]): string {
  if (names.length <= 1) return names[0] ?? '';
  return `${names.slice(0, -1).join(', ')} and ${names.at(-1)}`;
}

function capitalise(text: string): string {
  const trimmed = squash(text);
  return trimmed.charAt(0).toUpperCase() + trimmed.slice(1);
}

function squash(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}
