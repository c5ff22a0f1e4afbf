/**
 * A person as the story config may describe them: the canonical name and the other names the
 * corpus uses for them. Optional: attribution works without any.
 *
 * @example
 * const ye: PersonAlias = { name: 'Kanye West', aliases: ['Ye', 'Yeezy'] };
 */
export interface PersonAlias {
  readonly name: string;
  readonly aliases: readonly string[];
}

/**
 * A person of the corpus with every way the text refers to them.
 *
 * @example
 * // { name: 'John Legend', forms: ['John Legend', 'Legend', 'John', 'JL', 'the singer', ...],
 * //   descriptions: ['the singer', 'the 43-year-old singer'], gender: 'male', sources: ['000_…', ...] }
 */
export interface Person {
  /** The full name as the corpus gives it, e.g. `John Legend`. */
  readonly name: string;
  /** Full name, surname, first name, config aliases, initials and learned descriptions. */
  readonly forms: readonly string[];
  /** Descriptions learned from the text: `the mayor`, `the 52-year-old coach`. */
  readonly descriptions: readonly string[];
  readonly gender: 'male' | 'female' | null;
  /** Ids of the articles that mention the person. */
  readonly sources: readonly string[];
}
