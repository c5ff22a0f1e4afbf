/**
 * The story's views (`who`, `timeline`, `sources`, and the speakers `help` lists), computed once
 * with the story and kept in its snapshot, so no user's first `help` or `who` pays for building
 * them (6 to 13 s on 1,000 articles when they were built on first request).
 */
import { type StoryCoverage, storyCoverage } from './outlet-coverage/index.ts';
import type { Person } from './people/index.ts';
import { type PersonMatch, type StoryPerson, storyPeople } from './people-view/index.ts';
import { completeNames, matchSpeaker, type SpeakerForms } from './quotes/speakers.ts';
import type { Story } from './story.ts';
import { type CoreTimelineEvent, storyTimeline } from './timeline/index.ts';

/** Everything a view command shows, as plain data. */
export interface StoryViews {
  /** The people of the story, most mentioned first. */
  readonly people: readonly StoryPerson[];
  readonly coverage: StoryCoverage;
  readonly timeline: readonly CoreTimelineEvent[];
}

/**
 * Computes the views of a story whose corpus, index and quotes are built, from the people the
 * quote analysis found (`peopleOf`).
 *
 * @example
 * buildViews(story, peopleOf(analysis)).people[1]?.name // 'Kanye West'
 */
export function buildViews(story: Omit<Story, 'views'>, people: readonly Person[]): StoryViews {
  // The view builders take a whole story; they only read what is already built.
  const whole = story as Story;
  return {
    people: storyPeople(whole, people),
    coverage: storyCoverage(whole),
    timeline: storyTimeline(whole),
  };
}

/**
 * Finds a person among the story's people by name, alias or description, tolerating case and
 * small typos, without rebuilding the people list.
 *
 * @example
 * findPerson(story.views.people, 'ye') // { kind: 'found', person: { name: 'Kanye West', ... } }
 */
export function findPerson(people: readonly StoryPerson[], query: string): PersonMatch {
  const match = matchSpeaker(query, formsOf(people));
  const person = match.name ? people.find((p) => p.name === match.name) : undefined;
  return person ? { kind: 'found', person } : { kind: 'none', suggestions: match.suggestions };
}

/**
 * Names for `who` autocomplete over everyone in the story, best first.
 *
 * @example
 * completePersonNames(story.views.people, 'ax', 25) // ['David Axelrod']
 */
export function completePersonNames(
  people: readonly StoryPerson[],
  query: string,
  limit: number,
): readonly string[] {
  return completeNames(query, formsOf(people), limit);
}

function formsOf(people: readonly StoryPerson[]): SpeakerForms[] {
  return people.map((p) => ({ name: p.name, forms: p.aliases, quotes: p.quotes }));
}
