import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { toJson } from '../../src/adapters/terminal/json.ts';
import { parseCommandText } from '../../src/commands/grammar.ts';
import { createRift } from '../../src/commands/open.ts';
import type { Command } from '../../src/commands/types.ts';
import { seedsRift, stadium } from '../support/seeds.ts';

const seeds = seedsRift();
const stadiumRift = createRift(stadium());
const who = (person: string | null, rift = seeds) =>
  rift.run({ name: 'who', person, private: false });

describe('who: grammar', () => {
  it('reads "who", "who ye", "who is Ye?" as the who command', () => {
    assert.deepEqual(parseCommandText('who'), { name: 'who', person: null, private: false });
    assert.deepEqual(parseCommandText('/rift who ye private'), {
      name: 'who',
      person: 'ye',
      private: true,
    });
    assert.equal((parseCommandText('who is Ye?') as Command & { person: string }).person, 'is Ye?');
  });
});

describe('who: people', () => {
  it('lists the people with aliases and descriptions the corpus uses, roles, quotes and sources', () => {
    const reply = who(null);
    assert.equal(reply.kind, 'people');
    if (reply.kind !== 'people') return;
    const kanye = reply.people.find((p) => p.name === 'Kanye West');
    assert.ok(kanye);
    for (const alias of ['Ye', 'the rapper', 'the Yeezy mogul'])
      assert.ok(kanye.aliases.includes(alias), alias);
    assert.equal(kanye.role, 'rapper');
    assert.equal(kanye.quotes, 2);
    assert.equal(kanye.sources.length, 5);
    const legend = reply.people.find((p) => p.name === 'John Legend');
    assert.equal(legend?.role, 'singer');
    assert.ok(legend?.aliases.includes('the 43-year-old singer'));
  });

  it('leaves out generated initials and first names the articles never use alone', () => {
    const reply = who(null);
    if (reply.kind !== 'people') return assert.fail('people');
    const trump = reply.people.find((p) => p.name === 'Donald Trump');
    assert.ok(trump && !trump.aliases.includes('DT') && !trump.aliases.includes('Donald'));
  });

  it('finds roles on the stadium story: mayor, coach, owner, council member', () => {
    const reply = who(null, stadiumRift);
    if (reply.kind !== 'people') return assert.fail('people');
    const roles = Object.fromEntries(reply.people.map((p) => [p.name, p.role]));
    assert.equal(roles['Diane Okafor'], 'mayor');
    assert.equal(roles['Marcus Bell'], 'coach');
    assert.equal(roles['Victor Salas'], 'owner');
    assert.equal(roles['Priya Nandakumar'], 'council member');
  });
});

describe('who: one person', () => {
  it("gives Ye's card: descriptions cited verbatim and his most reported quote first", () => {
    const reply = who('ye');
    assert.equal(reply.kind, 'person');
    if (reply.kind !== 'person') return;
    assert.equal(reply.person.name, 'Kanye West');
    const rapper = reply.descriptions.find((d) => d.text === 'the rapper');
    assert.match(rapper?.citation.snippet ?? '', /the rapper/);
    assert.match(reply.quotes[0]?.text ?? '', /^I love you John/);
    assert.equal(reply.quotes[0]?.sources.length, 3);
  });

  it('tolerates "who is", a description and a typo', () => {
    for (const query of ['is Ye?', 'the mayor', 'okafr']) {
      const reply = who(query, query === 'is Ye?' ? seeds : stadiumRift);
      assert.equal(reply.kind, 'person', query);
    }
  });

  it('cites the sentence where a description names the person, not "the mayor\'s office"', () => {
    const reply = who('Diane Okafor', stadiumRift);
    if (reply.kind !== 'person') return assert.fail('person');
    const mayor = reply.descriptions.find((d) => d.text === 'the mayor');
    assert.doesNotMatch(mayor?.citation.snippet ?? '', /the mayor's office/);
    assert.equal(mayor?.citation.source, mayor?.citation.sources[0]?.id);
  });

  it('answers "who <question>" as a question when it names nobody', () => {
    const reply = who('did Kanye support in 2020?');
    assert.ok(reply.kind === 'answer' || reply.kind === 'abstention');
    if (reply.kind === 'answer') assert.equal(reply.question, 'who did Kanye support in 2020?');
  });

  it('suggests the known people for a name nobody matches', () => {
    const reply = who('Zelda');
    assert.equal(reply.kind, 'unknown-speaker');
    if (reply.kind === 'unknown-speaker') assert.ok(reply.suggestions.length > 0);
  });
});

describe('timeline and sources commands', () => {
  it('answers timeline with dated events and citations carrying outlets and dates', () => {
    const reply = seeds.run({ name: 'timeline', private: false, reason: null });
    assert.equal(reply.kind, 'timeline');
    if (reply.kind !== 'timeline') return;
    assert.ok(reply.events.length >= 10);
    const bossip = reply.events.find((e) => e.citations[0]?.sources[0]?.outlet === 'Bossip');
    assert.ok(bossip, 'Bossip is named where the config names it');
  });

  it('answers sources with each article, its statements and what it alone reports', () => {
    const reply = stadiumRift.run({ name: 'sources', private: false, reason: null });
    assert.equal(reply.kind, 'coverage');
    if (reply.kind !== 'coverage') return;
    assert.deepEqual(
      reply.sources.map((s) => s.source.outlet),
      ['Halden Herald', 'Coastline Sports Daily', 'Metro Ledger', 'The Bay Courier'],
    );
    for (const s of reply.sources) {
      assert.ok(s.statements > 0 && s.statements <= reply.statements);
      assert.ok(s.alone.length <= 3 && s.alone.length <= s.aloneCount);
    }
  });

  it('keeps the events a timeline filter names: a year, a range, or words', () => {
    const run = (args: string) => {
      const reply = seeds.run({ name: 'timeline', private: false, reason: null, args });
      return reply.kind === 'timeline' ? reply : null;
    };
    const year = run('of 2018');
    assert.ok(
      year && year.events.length > 0 && year.events.every((e) => e.date.startsWith('2018')),
    );
    assert.equal(year?.filter, 'of 2018');
    const since = run('since 2020');
    assert.ok(since && since.events.length > 0 && since.events.every((e) => e.date >= '2020'));
    const range = run('2016 to 2018');
    assert.ok(range?.events.every((e) => e.date >= '2016' && e.date < '2019'));
    // Words are compared as index terms: "hat" finds the MAGA hat sentences.
    const hat = run('the hat');
    assert.ok(hat && hat.events.length > 0);
    assert.ok(hat.events.every((e) => /\bhat\b/i.test(e.text)));
    assert.equal(run('zeppelins')?.events.length, 0);
  });

  it('says what it did not use: a topic without a speaker, words after sources', () => {
    const speakers = seeds.run({ name: 'quotes', speaker: null, about: 'trump', private: false });
    assert.equal(speakers.kind, 'speakers');
    if (speakers.kind === 'speakers') assert.match(speakers.note ?? '', /needs a speaker/);
    const sources = seeds.run({
      name: 'sources',
      private: false,
      reason: null,
      args: 'for Bossip',
    });
    assert.equal(sources.kind, 'coverage');
    if (sources.kind === 'coverage') assert.match(sources.note ?? '', /“for Bossip” was not used/);
  });

  it('lists the speakers in help', () => {
    const reply = seeds.run({ name: 'help', private: false, reason: null });
    assert.equal(reply.kind, 'help');
    if (reply.kind === 'help') assert.deepEqual(reply.people, ['John Legend', 'Kanye West']);
  });
});

describe('--json contracts', () => {
  it('timeline: {events: [{date, approximate, text, citations}]} sorted by date', () => {
    const json = toJson(seeds.run({ name: 'timeline', private: false, reason: null })) as {
      events: Record<string, unknown>[];
    };
    assert.deepEqual(Object.keys(json), ['events']);
    for (const event of json.events) {
      assert.deepEqual(Object.keys(event), ['date', 'approximate', 'text', 'citations']);
      assert.match(String(event.date), /^\d{4}(-\d{2}(-\d{2})?)?$/);
      assert.equal(typeof event.approximate, 'boolean');
      for (const c of event.citations as Record<string, unknown>[])
        assert.deepEqual(Object.keys(c), [
          'source',
          'outlet',
          'date',
          'snippet',
          'speaker',
          'corroboratedBy',
        ]);
    }
    const dates = json.events.map((e) => String(e.date));
    assert.deepEqual(dates, [...dates].sort());
  });

  it('who: {people: [{name, aliases, quotes, sources, kind}]}', () => {
    const json = toJson(who(null)) as { people: Record<string, unknown>[] };
    assert.deepEqual(Object.keys(json), ['people']);
    for (const p of json.people) {
      assert.deepEqual(Object.keys(p), ['name', 'aliases', 'quotes', 'sources', 'kind']);
      assert.ok(['person', 'organisation', 'description'].includes(String(p.kind)));
      assert.ok((p.sources as unknown[]).every((s) => typeof s === 'string'));
    }
    const one = toJson(who('Ye')) as { people: { name: string }[] };
    assert.deepEqual(
      one.people.map((p) => p.name),
      ['Kanye West'],
    );
  });

  it('why: otherViews holds citations shaped as in ask', () => {
    const json = toJson(seeds.run({ name: 'why', private: false })) as {
      otherViews: { snippet: string; speaker: string; corroboratedBy: string[] }[];
    };
    const view = json.otherViews.find((v) =>
      /less friends because of the Trump thing/.test(v.snippet),
    );
    assert.equal(view?.speaker, 'John Legend');
    assert.deepEqual(view?.corroboratedBy, ['002_e37ff9940fa829ac']);
  });
});
