import type { Citation, PersonSummary, QuoteItem, Reply } from '../../core/reply.ts';

/** A citation in the `--json` contract. */
export interface JsonCitation {
  readonly source: string;
  readonly outlet: string | null;
  readonly date: string | null;
  readonly snippet: string;
  readonly speaker: string | null;
  /** Every source of the (merged) citation, its own first. */
  readonly corroboratedBy: readonly string[];
}

/**
 * The machine-readable form of a reply, as `rift ... --json` prints it. For ask and why:
 * `{question, abstained, answer, citations: [{source, outlet, date, snippet, corroboratedBy}]}`.
 *
 * @example
 * toJson(rift.run({ name: 'ask', question: 'How many votes did Kanye get?', private: false })).citations[0].snippet
 */
export function toJson(reply: Reply): Record<string, unknown> {
  const json = kindJson(reply);
  // With several stories, every reply says which one it comes from.
  return reply.story ? { story: reply.story.id, ...json } : json;
}

function kindJson(reply: Reply): Record<string, unknown> {
  switch (reply.kind) {
    case 'compared':
      return {
        question: reply.question,
        abstained: false,
        compared: true,
        message: reply.message,
        story: reply.answers[0]?.story.id ?? null,
        answers: reply.answers.map(toJson),
      };
    case 'answer':
      return {
        question: reply.question,
        abstained: false,
        answer: reply.lead,
        leadPrefix: reply.leadPrefix,
        citations: reply.citations.map(jsonCitation),
        otherViews: reply.otherViews.map(jsonCitation),
        corpusSize: reply.corpusSize,
        note: reply.note,
        more: reply.more ?? false,
      };
    case 'abstention':
      return {
        question: reply.question,
        abstained: true,
        answer: reply.message,
        reason: reply.reason,
        citations: [],
        otherViews: [],
        corpusSize: reply.corpusSize,
        note: reply.note,
      };
    case 'help':
      return {
        question: '',
        abstained: true,
        answer: 'help',
        help: { reason: reply.reason, commands: reply.commands },
        citations: [],
      };
    case 'quotes':
      // The `rift quotes --json` contract.
      return {
        speaker: reply.speaker,
        about: reply.about,
        speakers: reply.speakers,
        quotes: reply.quotes.map(jsonQuote),
      };
    case 'speakers':
      // With no speaker: every quotation of the story, `speaker: null` where no rule could tell.
      return { speakers: reply.speakers, quotes: reply.quotes.map(jsonQuote) };
    case 'unknown-speaker':
      return {
        error: `unknown speaker "${reply.query}"`,
        query: reply.query,
        suggestions: reply.suggestions,
        speakers: [],
        quotes: [],
      };
    case 'timeline':
      // The `rift timeline --json` contract.
      return {
        events: reply.events.map((e) => ({
          date: e.date,
          approximate: e.approximate,
          text: e.text,
          citations: e.citations.map(jsonCitation),
        })),
      };
    case 'people':
      // The `rift who --json` contract.
      return { people: reply.people.map(jsonPerson) };
    case 'person':
      return {
        people: [jsonPerson(reply.person)],
        role: reply.person.role,
        descriptions: reply.descriptions.map((d) => ({
          text: d.text,
          citation: jsonCitation(d.citation),
        })),
        topQuotes: reply.quotes.map(jsonQuote),
      };
    case 'coverage':
      return {
        storyTitle: reply.storyTitle,
        statements: reply.statements,
        sources: reply.sources.map((c) => ({
          ...c.source,
          statements: c.statements,
          quotes: c.quotes,
          facts: c.facts,
          aloneCount: c.aloneCount,
          alone: c.alone.map((a) => ({ kind: a.kind, ...jsonCitation(a.citation) })),
        })),
      };
    default: {
      const { command: _command, ...rest } = reply;
      return rest;
    }
  }
}

function jsonCitation(c: Citation): JsonCitation {
  const own = c.sources[0];
  return {
    source: c.source,
    outlet: own?.outlet ?? null,
    date: own?.date ?? null,
    snippet: c.snippet,
    speaker: c.speaker,
    corroboratedBy: c.sources.map((s) => s.id),
  };
}

function jsonQuote(q: QuoteItem) {
  return {
    speaker: q.speaker,
    speakerKind: q.speakerKind,
    text: q.text,
    partial: q.partial,
    mentions: q.mentions,
  };
}

function jsonPerson(p: PersonSummary) {
  return {
    name: p.name,
    aliases: p.aliases,
    quotes: p.quotes,
    sources: p.sources.map((s) => s.id),
    // Added by issue 11: a person, an organisation or an unnamed description.
    kind: p.kind,
  };
}
