/**
 * Button custom ids for pagination. The id carries everything needed to redraw a page (the
 * command, its arguments, the page and, for private replies, who may page), so buttons keep
 * working after a restart: there is no server-side session to lose.
 */

import { STORY_ID } from '../../commands/library.ts';
import type { Command } from '../../commands/types.ts';

/** Discord's limit on a component's `custom_id`. */
export const DISCORD_CUSTOM_ID_MAX = 100;

const PREFIX = 'rift';
const SEPARATOR = ':';
/** Owner field of a public reply: anyone in the channel may page it. */
const ANYONE = '-';

/** A page of a list reply that a button asks for. */
export type PageRequest =
  | { readonly list: 'quotes'; readonly speaker: string | null; readonly about: string | null }
  | { readonly list: 'sources' }
  | { readonly list: 'timeline'; readonly words?: string | null }
  | { readonly list: 'people' };

/** What a pagination button encodes. */
export interface PageState {
  readonly request: PageRequest;
  /** Zero-based page to show. */
  readonly page: number;
  /** The user who may page (a private reply), or null when anyone may. */
  readonly ownerId: string | null;
  /** With several stories: the story the list comes from, so every page stays in it. */
  readonly story?: string | null;
}

const LIST_CODES = { quotes: 'q', sources: 's', timeline: 't', people: 'p' } as const;

/**
 * Encodes a page state as a custom id of at most {@link DISCORD_CUSTOM_ID_MAX} characters.
 * Arguments that would not fit are shortened: `about` first, then `speaker` (both at a code
 * point boundary), so a very long topic pages over the results of its start; a timeline's
 * words likewise.
 *
 * @example
 * encodePageId({ request: { list: 'quotes', speaker: 'Kanye West', about: null }, page: 1, ownerId: null })
 * // 'rift:q:1:-:["Kanye West",null]'
 */
export function encodePageId(state: PageState): string {
  const head = [
    PREFIX,
    LIST_CODES[state.request.list],
    String(state.page),
    state.ownerId ?? ANYONE,
  ].join(SEPARATOR);
  let story = state.story && STORY_ID.test(state.story) ? state.story : null;
  if (state.request.list === 'timeline' && state.request.words) {
    // `[words]` or `[words, story]`: a bracket never starts a story id, so the plain form reads
    // as before and buttons sent before words existed keep working.
    let words = clip(state.request.words);
    const encode = () => `${head}${SEPARATOR}${JSON.stringify(story ? [words, story] : [words])}`;
    while (encode().length > DISCORD_CUSTOM_ID_MAX && words) words = shorten(words);
    if (words) return encode();
  }
  if (state.request.list !== 'quotes') {
    const id = `${head}${SEPARATOR}${story ?? ''}`;
    return id.length <= DISCORD_CUSTOM_ID_MAX ? id : `${head}${SEPARATOR}`;
  }
  let speaker = clip(state.request.speaker);
  let about = clip(state.request.about);
  const encode = () =>
    `${head}${SEPARATOR}${JSON.stringify(story ? [speaker, about, story] : [speaker, about])}`;
  while (encode().length > DISCORD_CUSTOM_ID_MAX) {
    if (about) about = shorten(about);
    else if (speaker) speaker = shorten(speaker);
    else if (story) story = null;
    else break;
  }
  return encode();
}

/**
 * The first {@link DISCORD_CUSTOM_ID_MAX} code points: no more of an argument can fit, and the
 * shortening loops (one code point and one encoding per step) stay short whatever was typed.
 */
function clip(text: string | null): string | null {
  if (text === null || text.length <= DISCORD_CUSTOM_ID_MAX) return text;
  return Array.from(text).slice(0, DISCORD_CUSTOM_ID_MAX).join('');
}

function shorten(text: string): string | null {
  const points = Array.from(text);
  points.pop();
  const out = points.join('').trimEnd();
  return out ? out : null;
}

/**
 * Decodes a custom id made by {@link encodePageId}; null for anything else (another bot's id,
 * an old format, a tampered or malformed id).
 */
export function decodePageId(customId: string): PageState | null {
  const parts = customId.split(SEPARATOR);
  const [prefix, code, pageText, owner] = parts;
  if (prefix !== PREFIX || pageText === undefined || owner === undefined) return null;
  if (!/^\d{1,4}$/.test(pageText)) return null;
  const page = Number(pageText);
  const ownerId = owner === ANYONE ? null : /^\d{1,20}$/.test(owner) ? owner : null;
  if (owner !== ANYONE && ownerId === null) return null;
  const rest = parts.slice(4).join(SEPARATOR);
  const story = STORY_ID.test(rest) ? rest : null;
  const withStory = (state: PageState, id: string | null): PageState =>
    id ? { ...state, story: id } : state;
  if (code === LIST_CODES.sources)
    return withStory({ request: { list: 'sources' }, page, ownerId }, story);
  if (code === LIST_CODES.timeline) {
    if (!rest.startsWith('['))
      return withStory({ request: { list: 'timeline' }, page, ownerId }, story);
    const args = parseTimelineArgs(rest);
    return (
      args && withStory({ request: { list: 'timeline', words: args[0] }, page, ownerId }, args[1])
    );
  }
  if (code === LIST_CODES.people)
    return withStory({ request: { list: 'people' }, page, ownerId }, story);
  if (code !== LIST_CODES.quotes) return null;
  const args = parseArgs(rest);
  if (!args) return null;
  return withStory(
    { request: { list: 'quotes', speaker: args[0], about: args[1] }, page, ownerId },
    args[2],
  );
}

/**
 * A button's JSON arguments: `arity` values, strings or null, then an optional story id; null
 * for anything else (malformed JSON, another shape, a story id that is not one).
 */
function jsonArgs(text: string, arity: number): [(string | null)[], string | null] | null {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return null;
  }
  if (!Array.isArray(value) || value.length < arity || value.length > arity + 1) return null;
  const args = value.slice(0, arity) as unknown[];
  if (!args.every((v) => v === null || typeof v === 'string')) return null;
  const story: unknown = value[arity] ?? null;
  if (story !== null && (typeof story !== 'string' || !STORY_ID.test(story))) return null;
  return [args as (string | null)[], story as string | null];
}

function parseTimelineArgs(text: string): [string, string | null] | null {
  const parsed = jsonArgs(text, 1);
  const words = parsed?.[0][0];
  return parsed && words?.trim() ? [words, parsed[1]] : null;
}

function parseArgs(text: string): [string | null, string | null, string | null] | null {
  const parsed = jsonArgs(text, 2);
  return parsed && [parsed[0][0] ?? null, parsed[0][1] ?? null, parsed[1]];
}

/**
 * The command a page button re-runs: the list it pages, private when the page has an owner.
 *
 * @example
 * commandForPage({ request: { list: 'timeline' }, page: 1, ownerId: null })
 * // { name: 'timeline', private: false, reason: null }
 */
export function commandForPage(state: PageState): Command {
  const command = listCommand(state);
  return state.story ? { ...command, story: state.story } : command;
}

function listCommand(state: PageState): Command {
  const isPrivate = state.ownerId !== null;
  switch (state.request.list) {
    case 'quotes':
      return {
        name: 'quotes',
        speaker: state.request.speaker,
        about: state.request.about,
        private: isPrivate,
      };
    case 'people':
      return { name: 'who', person: null, private: isPrivate };
    case 'timeline':
      return {
        name: 'timeline',
        private: isPrivate,
        reason: null,
        ...(state.request.words ? { args: state.request.words } : {}),
      };
    case 'sources':
      return { name: 'sources', private: isPrivate, reason: null };
  }
}
