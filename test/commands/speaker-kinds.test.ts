import assert from 'node:assert/strict';
import { resolve } from 'node:path';
import { describe, it } from 'node:test';
import { toJson } from '../../src/adapters/terminal/json.ts';
import { renderText } from '../../src/adapters/terminal/render.ts';
import { createRift, loadStory } from '../../src/commands/open.ts';
import { ROOT } from '../support/seeds.ts';

// The third story: a boil-water advisory with a commission, a ministry and unnamed officials.
const rift = createRift(
  loadStory({ corpus: resolve(ROOT, 'test/fixtures/corpora/water'), cache: false }),
);
const quotes = (speaker: string | null) =>
  rift.run({ name: 'quotes', speaker, about: null, private: false });

describe('speakers of three kinds', () => {
  it('lists organisations and unnamed sources beside people, each with its kind', () => {
    const json = toJson(quotes(null)) as {
      speakers: { name: string; kind: string }[];
      quotes: { speaker: string | null; speakerKind: string | null }[];
    };
    const kindOf = new Map(json.speakers.map((s) => [s.name, s.kind]));
    assert.equal(kindOf.get('Amara Osei'), 'person');
    assert.equal(kindOf.get('Millbrook Water Commission'), 'organisation');
    assert.equal(kindOf.get('a senior provincial official'), 'description');
    for (const q of json.quotes) {
      assert.equal(q.speakerKind === null, q.speaker === null, JSON.stringify(q));
    }
  });

  it('shows the kind in the text list of speakers', () => {
    const text = renderText(quotes(null));
    assert.match(text, /Millbrook Water Commission \(organisation, \d+ quotes?\)/);
    assert.match(text, /a senior provincial official \(unnamed source, \d+ quotes?\)/);
  });

  it('fetches an unnamed source’s quotes by any word of the description', () => {
    const reply = quotes('spokesperson');
    assert.equal(reply.kind, 'quotes');
    if (reply.kind !== 'quotes') return;
    assert.equal(reply.speaker, 'a spokesperson for the Ministry of the Environment');
    assert.match(reply.quotes[0]?.text ?? '', /full report by Friday/);
  });

  it('autocompletes organisations and unnamed sources as speakers', () => {
    assert.ok(rift.completeSpeakers('millb', 25).includes('Millbrook Water Commission'));
    assert.ok(rift.completeSpeakers('offic', 25).includes('a senior provincial official'));
  });

  it('lists them in who after the people, and gives each a card with its quotes', () => {
    const reply = rift.run({ name: 'who', person: null, private: false });
    assert.equal(reply.kind, 'people');
    if (reply.kind !== 'people') return;
    const kinds = reply.people.map((p) => p.kind);
    const firstOther = kinds.findIndex((k) => k !== 'person');
    assert.ok(firstOther > 0 && kinds.slice(firstOther).every((k) => k !== 'person'));
    const card = rift.run({ name: 'who', person: 'Millbrook Water Commission', private: false });
    assert.equal(card.kind, 'person');
    if (card.kind !== 'person') return;
    assert.equal(card.person.kind, 'organisation');
    assert.ok(card.quotes.length > 0);
  });
});
