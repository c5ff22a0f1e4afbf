import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { indexOf, mentionOf } from './helpers.ts';

/** The speaker and rule of the quotation containing `fragment`, in an article made of `lines`. */
function attributed(lines: readonly string[], fragment: string) {
  const mention = mentionOf(indexOf([lines.join('\n\n')]), fragment);
  assert.ok(mention, `no quotation contains "${fragment}"`);
  return { speaker: mention.speaker, rule: mention.rule };
}

describe('attribution rules', () => {
  it('attributes a quote followed by "Name said" with the cue-after rule', () => {
    const got = attributed(['“We will fix roads first,” Okafor said on Monday.'], 'fix roads');
    // A person the article names with one word only keeps that word as their name.
    assert.deepEqual(got, { speaker: 'Okafor', rule: 'cue-after' });
    const named = attributed(
      ['Mayor Diane Okafor spoke on Monday.', '“We will fix roads first,” Okafor said.'],
      'fix roads',
    );
    assert.deepEqual(named, { speaker: 'Diane Okafor', rule: 'cue-after' });
  });

  it('attributes an inverted cue ("said the mayor") to the person the description names', () => {
    const got = attributed(
      ['Mayor Diane Okafor spoke on Monday.', '“We will fix roads first,” said the mayor.'],
      'fix roads',
    );
    assert.deepEqual(got, { speaker: 'Diane Okafor', rule: 'cue-after' });
  });

  it('attributes a quote introduced by "he said" to the last named speaker', () => {
    const got = attributed(
      ['Coach Marcus Bell was angry.', '"Nobody is asking for an ATM," he said.'],
      'ATM',
    );
    assert.deepEqual(got, { speaker: 'Marcus Bell', rule: 'cue-after' });
  });

  it('attributes a quote introduced by "He said:" with the cue-before rule', () => {
    const got = attributed(
      ['Coach Marcus Bell was angry.', 'He said: "We need a new stadium."'],
      'new stadium',
    );
    assert.deepEqual(got, { speaker: 'Marcus Bell', rule: 'cue-before' });
  });

  it('attributes "Legend wrote in part:" to Legend', () => {
    const got = attributed(
      ['John Legend texted him.', 'Legend wrote in part: “Don’t let this be part of your legacy.”'],
      'legacy',
    );
    assert.deepEqual(got, { speaker: 'John Legend', rule: 'cue-before' });
  });

  it('attributes a document that "read" to whoever it was from', () => {
    const got = attributed(
      [
        'John Legend and Kanye West fell out.',
        'A screenshot of a message from Legend in one tweet read, "Hey, it\'s JL. I hope you reconsider."',
      ],
      'Hey',
    );
    assert.deepEqual(got, { speaker: 'John Legend', rule: 'cue-before' });
  });

  it('attributes "It read," to the author of the statement named in the sentence before', () => {
    const got = attributed(
      [
        'Mariners owner Victor Salas said nothing on Monday.',
        'Victor Salas released a short statement on Friday. It read, "We are exploring every option."',
      ],
      'exploring',
    );
    assert.deepEqual(got, { speaker: 'Victor Salas', rule: 'cue-before' });
  });

  it('attributes "replied," to the subject before it, past an appositive', () => {
    const got = attributed(
      [
        'Kanye West and John Legend fell out.',
        'At the time, West, an outspoken supporter of then-president Donald Trump, replied, "I love you John."',
      ],
      'I love you',
    );
    assert.deepEqual(got, { speaker: 'Kanye West', rule: 'cue-before' });
  });

  it('attributes a partial quote to the person after "according to"', () => {
    const got = attributed(
      ['According to club owner Victor Salas, the Mariners are “exploring every option.”'],
      'exploring',
    );
    assert.deepEqual(got, { speaker: 'Victor Salas', rule: 'according-to' });
  });

  it('attributes a partial quote to the subject of the speech verb in its sentence', () => {
    const got = attributed(
      [
        'John Legend spoke to Vanity Fair.',
        'Legend admitted they were "never the closest of friends."',
      ],
      'closest',
    );
    assert.deepEqual(got, { speaker: 'John Legend', rule: 'speech-subject' });
  });

  it('gives a quote-only paragraph to the speaker of the paragraph before', () => {
    const got = attributed(
      ['“The taxpayers are not an ATM,” Mayor Diane Okafor said.', '“We will fix roads first.”'],
      'fix roads',
    );
    assert.deepEqual(got, { speaker: 'Diane Okafor', rule: 'continuation' });
  });

  it('gives a quote-only paragraph after a reported-speech sentence to that sentence’s subject', () => {
    const got = attributed(
      [
        'In an interview with CNN’s David Axelrod, John Legend revealed that politics played a part.',
        '“We aren’t friends as much as we used to be.”',
      ],
      'friends',
    );
    assert.deepEqual(got, { speaker: 'John Legend', rule: 'previous-subject' });
  });

  it('gives an uncued quote to the single plausible person of the sentence before', () => {
    const got = attributed(
      [
        'Kanye West and John Legend fell out.',
        'Later, West discussed the messages."I tweeted the text to show that people disagree with me."',
      ],
      'tweeted',
    );
    assert.deepEqual(got, { speaker: 'Kanye West', rule: 'single-person' });
  });

  it('gives a quote no rule could attribute the speaker other outlets agree on (cluster rule)', () => {
    const index = indexOf([
      'Mayor Ana Ruiz spoke on Monday. “We will build the bridge with or without him,” Ruiz said.',
      'The weather was bad.\n\n“We will build the bridge with or without him.”',
    ]);
    const lonely = index.quotes[0]?.mentions.find((m) => m.source === 'a1');
    assert.deepEqual(
      { speaker: lonely?.speaker, rule: lonely?.rule },
      { speaker: 'Ana Ruiz', rule: 'cluster' },
    );
  });

  it('gives "he said" to a man named once with no title, not to the last man quoted', () => {
    const index = indexOf([
      '“We are staying,” Mayor Tom Ek said. Jorge Valdivia with the fishing co-op came too. “We want answers,” he said.',
    ]);
    assert.equal(mentionOf(index, 'We want answers')?.speaker, 'Jorge Valdivia');
  });

  it('takes the person a relative clause describes as the subject, not a name inside the clause', () => {
    const index = indexOf([
      'Lena Voss, who attended a school run by Tom Ek across the street, said the pier was "a hazard to everyone."',
    ]);
    assert.equal(mentionOf(index, 'hazard')?.speaker, 'Lena Voss');
  });

  it('gives a paragraph that is only a quotation to the last subject of the paragraph before', () => {
    const index = indexOf([
      [
        'Dock worker Dana Ostrowski said she expects the repairs to run late. That would push the opening to May.',
        '“Nobody wants another summer without the pier.”',
      ].join('\n\n'),
    ]);
    const got = mentionOf(index, 'another summer');
    assert.deepEqual(
      { speaker: got?.speaker, rule: got?.rule },
      { speaker: 'Dana Ostrowski', rule: 'previous-subject' },
    );
  });

  it('gives a quotation introduced by a colon to the person the sentence starts with', () => {
    const index = indexOf([
      'Dr. Ines Kovac, the harbour physician, is more blunt: “The pier will hurt someone before anyone fixes it.”',
    ]);
    assert.equal(mentionOf(index, 'hurt someone')?.speaker, 'Ines Kovac');
  });

  it('does not list scare quotes or a term in quotation marks as anyone’s quotation', () => {
    const index = indexOf([
      'Mayor Ana Ruiz spoke on Monday. Tenants fear a "dock tax" as rents climb.',
    ]);
    assert.deepEqual(index.quotes, []);
  });

  it('does not list a few words set off in marks with no cue as a quotation (signs, terms)', () => {
    const index = indexOf([
      'About 100 protesters marched with signs reading “Save the pier,” “No dock tax” and “Fix it now.”',
    ]);
    assert.deepEqual(
      index.quotes.map((q) => q.text),
      [],
    );
  });

  it('marks a quote made only of a partial quotation as partial', () => {
    const index = indexOf(['Mayor Ana Ruiz said the plan was "dead on arrival" and left.']);
    assert.equal(index.quotes[0]?.partial, true);
    assert.equal(index.quotes[0]?.speaker, 'Ana Ruiz');
  });

  it('joins consecutive segments of one speaker into one quote, segments in order', () => {
    const index = indexOf(['“A first thing,” Mayor Diane Okafor said. “A second thing.”']);
    assert.equal(index.quotes.length, 1);
    assert.deepEqual(index.quotes[0]?.mentions[0]?.segments, ['A first thing,', 'A second thing.']);
    assert.equal(index.quotes[0]?.text, 'A first thing, … A second thing.');
  });

  it('joins a quotation that runs on into the next paragraph', () => {
    const index = indexOf(['Coach Marcus Bell said: "First part of it.\n"Second part of it."']);
    assert.deepEqual(index.quotes[0]?.mentions[0]?.segments, [
      'First part of it.',
      'Second part of it.',
    ]);
  });

  it('records offsets of each segment in the raw text', () => {
    const raw = 'Coach Marcus Bell said: “We need it.”';
    const mention = indexOf([raw]).quotes[0]?.mentions[0];
    const span = mention?.spans[0];
    assert.ok(span);
    assert.equal(raw.slice(span.start, span.end), 'We need it.');
  });
});

describe('attribution traps', () => {
  it('does not take the listener for the speaker ("told host David Axelrod")', () => {
    const got = attributed(
      [
        'John Legend spoke on a podcast.',
        '"We aren\'t friends," John Legend told host David Axelrod. "I honestly think so."',
      ],
      'friends',
    );
    assert.equal(got.speaker, 'John Legend');
  });

  it('does not take the person told for the speaker ("Hale told Ruiz")', () => {
    const got = attributed(
      [
        'Senator Tom Hale met Mayor Ana Ruiz.',
        '"Go home," Hale told Ruiz at the end of the meeting.',
      ],
      'Go home',
    );
    assert.equal(got.speaker, 'Tom Hale');
  });

  it('does not take an outlet for the speaker ("According to People, West replied")', () => {
    const got = attributed(
      [
        'Kanye West and John Legend fell out.',
        'According to People, West allegedly replied to the text, “I love you John.”',
      ],
      'I love you',
    );
    assert.deepEqual(got, { speaker: 'Kanye West', rule: 'cue-before' });
  });

  it('keeps "he said" with the speaker when the sentence before is about him mentioning someone else', () => {
    const got = attributed(
      [
        'John Legend and Kanye West fell out.',
        '“I wasn’t alone in that,” Legend admitted.',
        'He continued by saying he understands Kanye has struggled with mental health issues.',
        '“I think he’s been very open,” he said.',
      ],
      'very open',
    );
    assert.equal(got.speaker, 'John Legend');
  });

  it('gives "she said" right after a sentence about one woman to her, not an earlier woman', () => {
    const got = attributed(
      [
        'Mayor Diane Okafor stood by her decision, she said.',
        'Council member Priya Nandakumar tried to calm the room.',
        '"Both of them need to sit down," she said.',
      ],
      'sit down',
    );
    assert.equal(got.speaker, 'Priya Nandakumar');
  });

  it('skips a sentence about a man when resolving "she"', () => {
    const got = attributed(
      [
        'Mayor Diane Okafor said she would not pay.',
        'Coach Marcus Bell said he was angry.',
        '"The answer is no," she said.',
      ],
      'answer is no',
    );
    assert.equal(got.speaker, 'Diane Okafor');
  });

  it('answers unknown rather than guessing when nobody plausible is around', () => {
    const got = attributed(
      ['The weather was bad.', '“It is raining over the whole valley.”'],
      'raining',
    );
    assert.equal(got.speaker, null);
  });

  it('resolves a description learned from a title before the name ("the 52-year-old coach")', () => {
    const got = attributed(
      [
        'Coach Marcus Bell and Mayor Diane Okafor argued.',
        'The 52-year-old coach said the upgrades had failed.',
        '“Nobody is asking for an ATM,” he said.',
      ],
      'ATM',
    );
    assert.equal(got.speaker, 'Marcus Bell');
  });

  it('resolves a description learned from an appositive ("Bell, a former linebacker")', () => {
    const got = attributed(
      [
        'Marcus Bell, a former linebacker, coaches the team. Diane Okafor is the mayor.',
        '“I am not going anywhere,” the former linebacker said.',
      ],
      'going anywhere',
    );
    assert.equal(got.speaker, 'Marcus Bell');
  });

  it('reads past an honorific between the quote and the name ("Ms Stone said")', () => {
    const got = attributed(
      ['Councillor Emma Stone clashed with Raj Patel.', "'This is a disgrace,' Ms Stone said."],
      'disgrace',
    );
    assert.deepEqual(got, { speaker: 'Emma Stone', rule: 'cue-after' });
  });

  it('answers unknown for a joint statement of two people', () => {
    const got = attributed(
      [
        'Councillor Emma Stone clashed with Deputy Mayor Raj Patel.',
        'Patel and Stone later said in a joint statement: "We will meet next week."',
      ],
      'meet next week',
    );
    assert.equal(got.speaker, null);
  });

  it('does not give a quote by someone’s lawyer or spokesman to them', () => {
    const lines = ['Jane Doe, the company’s chief, apologised.'];
    assert.equal(
      attributed([...lines, '"We will appeal," said Doe\'s lawyer.'], 'appeal').speaker,
      null,
    );
    assert.equal(
      attributed([...lines, 'Doe\'s spokesman said: "No further comment."'], 'comment').speaker,
      null,
    );
  });

  it('names an unnamed speaker as the article does ("asked the reporter"), never a named one', () => {
    const index = indexOf([
      ['Jane Doe, the company’s chief, apologised.', '"Why now?" asked the reporter.'].join('\n\n'),
    ]);
    const got = mentionOf(index, 'Why now');
    assert.deepEqual(
      { speaker: got?.speaker, kind: got?.speakerKind },
      { speaker: 'the reporter', kind: 'description' },
    );
  });

  it('attributes to an organisation, then to it again through "it said" and "the statement read"', () => {
    const index = indexOf([
      [
        'HRB Power said crews were working around the clock.',
        '"Hundreds of trees are down," it said.',
        'The Harbour Water Commission said in a statement that a filter had failed.',
        '"We regret the disruption," the statement read.',
        '"The warnings were in every report," a senior provincial official said.',
        '"Nobody listened," the official said.',
      ].join('\n\n'),
    ]);
    const who = (fragment: string) => {
      const m = mentionOf(index, fragment);
      return [m?.speaker, m?.speakerKind];
    };
    assert.deepEqual(who('Hundreds of trees'), ['HRB Power', 'organisation']);
    assert.deepEqual(who('We regret'), ['Harbour Water Commission', 'organisation']);
    assert.deepEqual(who('The warnings'), ['a senior provincial official', 'description']);
    assert.deepEqual(who('Nobody listened'), ['a senior provincial official', 'description']);
  });

  it('does not let the byline of an embedded post take the next "he said"', () => {
    // The post's author is named in its byline, not in the reporter's narrative: the `he` after
    // it is still the man the article was about.
    const got = attributed(
      [
        'Council member Ravi Patel defended the budget on Monday, a week after Mira Solberg attacked it online.',
        'The budget is a disgrace and everyone on this council knows it, so stop pretending otherwise and vote it down. — Mira Solberg (@mirasolberg) May 2, 2024',
        '"We expected criticism," he said.',
      ],
      'expected criticism',
    );
    assert.deepEqual(got, { speaker: 'Ravi Patel', rule: 'cue-after' });
  });

  it('gives "..., including Lake Halden, it said" to the organisation "it" stands for, not to the place', () => {
    const index = indexOf([
      [
        'Councillor Rita Vance says the ferry has not sailed since Sunday.',
        'Skerry Ferry Company said on Monday that three crossings a day were cancelled.',
        '"Ice has closed the harbour mouth at the northern landings" including Lake Halden, it said.',
      ].join('\n\n'),
    ]);
    const got = mentionOf(index, 'Ice has closed');
    assert.deepEqual(
      [got?.speaker, got?.speakerKind, got?.rule],
      ['Skerry Ferry Company', 'organisation', 'cue-after'],
    );
  });

  it('gives "the agency said" to the organisation named just before, whose name holds a verb ("State")', () => {
    // `State` in `the Norland State Department` is a name, not the verb `state`; the agency is
    // the department that spoke in the sentence before.
    const index = indexOf([
      [
        'The Norland State Department called for the ferry timetable to be restored on Friday.',
        '"Islanders rely on the crossing for school and work," the agency said on its website.',
      ].join('\n\n'),
    ]);
    const got = mentionOf(index, 'Islanders rely');
    assert.deepEqual(
      [got?.speaker, got?.speakerKind],
      ['Norland State Department', 'organisation'],
    );
  });

  it('keeps "the company said" as written when no organisation was named before it', () => {
    const index = indexOf([
      [
        'Two hundred jobs will go when the mill closes in March.',
        '"The decision was not taken lightly," the company said.',
      ].join('\n\n'),
    ]);
    const got = mentionOf(index, 'not taken lightly');
    assert.deepEqual([got?.speaker, got?.speakerKind], ['the company', 'description']);
  });

  it('takes a name after "but" for the subject of its own clause ("... of the region but Holm says")', () => {
    // `of` before `the region` must not make Holm the object of a preposition: `but` starts a
    // clause, and the paragraph that is only a quotation continues with its subject.
    const got = attributed(
      [
        'Grower Greta Holm chairs the apple co-op.',
        'Prices rose in most markets of the region but Holm says her members saw none of it.',
        '"We still sell at what we got in 2015."',
      ],
      'what we got',
    );
    assert.deepEqual(got, { speaker: 'Greta Holm', rule: 'previous-subject' });
  });

  it('reads back past one paragraph that names nobody to the speaker before it', () => {
    const got = attributed(
      [
        '"Most fishers lost money two seasons running," Ines Moreau said.',
        'The drop was steepest on the north shore, where catches halved.',
        '"So the north shore boats now fish at a loss."',
      ],
      'fish at a loss',
    );
    assert.deepEqual(got, { speaker: 'Ines Moreau', rule: 'previous-subject' });
  });

  it('does not read back past a paragraph that names a writing the quotation may be from', () => {
    // The note's words, not the baker's: a paragraph naming a sign, note or statement is where
    // the quotation after it may come from, so it is not silent.
    const got = attributed(
      [
        '"We open at seven every day," baker Lena Fisk said.',
        'A note was taped to the shop door on Tuesday.',
        '"Back in ten minutes."',
      ],
      'Back in ten',
    );
    assert.equal(got.speaker, null);
  });

  it('does not read back past a paragraph that names someone else', () => {
    const got = attributed(
      [
        '"Most fishers lost money two seasons running," Ines Moreau said.',
        'The drop was steepest on the north shore, according to a report by the Halden Institute.',
        'Paul Ostrander runs a boatyard in the harbour.',
        '"So the north shore boats now fish at a loss."',
      ],
      'fish at a loss',
    );
    assert.notEqual(got.speaker, 'Ines Moreau');
  });
});
