/**
 * Story views end to end on Discord: `/rift timeline`, `/rift sources`, `/rift who` and the
 * "Another view" of `/rift why`, through the real discord.js client against the stand-in, on
 * the seeds; the stadium story through the renderer and the stand-in's validator.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { buildCommandData } from '../../../src/adapters/discord/command-data.ts';
import { decodePageId } from '../../../src/adapters/discord/custom-id.ts';
import { EVENTS_PER_PAGE, renderDiscord } from '../../../src/adapters/discord/render.ts';
import { parseCommandText } from '../../../src/commands/grammar.ts';
import { createRift } from '../../../src/commands/open.ts';
import { inProcessRift } from '../../../src/runtime/in-process.ts';
import { type DiscordHarness, startDiscordHarness } from '../../support/discord-harness.ts';
import { autocomplete, buttonClick, chatInput } from '../../support/discord-interactions.ts';
import { type CapturedRequest, validateMessage } from '../../support/discord-standin.ts';
import { seedsRift, stadium } from '../../support/seeds.ts';

interface Body {
  type?: number;
  data?: Body & { choices?: { name: string }[] };
  embeds?: { title?: string; description?: string; fields?: { name: string; value: string }[] }[];
  components?: { components: { custom_id: string; label: string; disabled?: boolean }[] }[];
}
const body = (request: CapturedRequest) => request.body as Body;
const message = (request: CapturedRequest) => body(request).data ?? body(request);
const text = (b: Body) => JSON.stringify(b.embeds ?? []);

/**
 * Waits for the adapter's side of a patch to `interactions.ts` (the `who` subcommand, the `name`
 * autocomplete and paging any list through `commandForPage`); until then these run as todo.
 */

let h: DiscordHarness;
before(async () => {
  h = await startDiscordHarness(inProcessRift(seedsRift()));
});
after(async () => {
  await h.close();
});

describe('Discord story views (seeds)', () => {
  it('registers /rift who with an autocompleted name option', () => {
    const who = buildCommandData().options?.find((o) => o.name === 'who') as
      | { options?: { name: string; autocomplete?: boolean }[] }
      | undefined;
    assert.ok(who?.options?.some((o) => o.name === 'name' && o.autocomplete === true));
  });

  it('answers /rift timeline with a page of dated events and paging buttons', async () => {
    const { final } = await h.answer(chatInput(h.actor, 'timeline'));
    const embed = message(final).embeds?.[0];
    assert.match(embed?.title ?? '', /^Timeline/);
    assert.equal(embed?.fields?.length, EVENTS_PER_PAGE);
    assert.equal(embed?.fields?.[0]?.name, '2000 (approximate)');
    const next = message(final).components?.[0]?.components.find((b) => b.label === 'Next');
    assert.deepEqual(decodePageId(next?.custom_id ?? '')?.request, { list: 'timeline' });
  });

  it('turns to the second page of the timeline', async () => {
    const { final } = await h.answer(chatInput(h.actor, 'timeline'));
    const next = message(final).components?.[0]?.components.find((b) => b.label === 'Next');
    const turned = await h.answer(buttonClick(h.actor, next?.custom_id ?? ''));
    assert.match(text(message(turned.final)), /Timeline/);
    assert.match(text(message(turned.final)), /2022-08-05/);
  });

  it('keeps /rift timeline words:… to the events they name, on every page', async () => {
    const { final } = await h.answer(chatInput(h.actor, 'timeline', { words: 'since 2016' }));
    const first = message(final);
    // Field names are dates as people write them ("April 2018"); the year is what the words keep.
    const years = (b: Body) =>
      b.embeds?.[0]?.fields?.map((f) => Number(/\b\d{4}\b/.exec(f.name)?.[0])) ?? [];
    assert.equal(years(first).length, EVENTS_PER_PAGE);
    assert.ok(
      years(first).every((y) => y >= 2016),
      String(years(first)),
    );
    const next = first.components?.[0]?.components.find((b) => b.label === 'Next');
    assert.deepEqual(decodePageId(next?.custom_id ?? '')?.request, {
      list: 'timeline',
      words: 'since 2016',
    });
    const turned = message((await h.answer(buttonClick(h.actor, next?.custom_id ?? ''))).final);
    assert.ok(years(turned).length > 0);
    assert.ok(
      years(turned).every((y) => y >= 2016),
      String(years(turned)),
    );
  });

  it('answers /rift sources with what each article carries and alone reports', async () => {
    const { final } = await h.answer(chatInput(h.actor, 'sources'));
    const all = text(message(final));
    assert.match(all, /statements \(quote clusters and key facts\)/);
    assert.match(all, /only here/);
  });

  it('shows "Another view" under /rift why', async () => {
    const { final } = await h.answer(chatInput(h.actor, 'why'));
    const fields = message(final).embeds?.[0]?.fields ?? [];
    const other = fields.find((f) => f.name.startsWith('Another view'));
    assert.match(other?.value ?? '', /less friends because of the Trump thing/);
  });

  it('answers /rift who name:Ye with his card', async () => {
    const { final } = await h.answer(chatInput(h.actor, 'who', { name: 'Ye' }));
    assert.match(message(final).embeds?.[0]?.title ?? '', /^Kanye West \(rapper\)/);
  });

  it('autocompletes the who name option', async () => {
    const callback = await h.callback(autocomplete(h.actor, 'who', { name: 'ye' }, 'name'));
    assert.equal(body(callback).data?.choices?.[0]?.name, 'Kanye West');
  });
});

describe('Discord story views render (stadium and seeds)', () => {
  const rifts = { seeds: seedsRift(), stadium: createRift(stadium()) };
  for (const [name, rift] of Object.entries(rifts)) {
    for (const line of ['timeline', 'who', 'who mayor', 'who ye', 'sources', 'why']) {
      it(`renders "${line}" on ${name} within Discord's limits, on every page`, () => {
        const reply = rift.run(parseCommandText(line));
        for (const page of [0, 1, 2]) {
          const rendered = renderDiscord(reply, { page });
          assert.deepEqual(
            validateMessage(rendered as unknown as Record<string, unknown>, true),
            [],
          );
        }
      });
    }
  }

  it('gives the mayor a card with her descriptions on the stadium story', () => {
    const rendered = renderDiscord(rifts.stadium.run(parseCommandText('who the mayor')));
    assert.match(rendered.embeds[0]?.title ?? '', /Diane Okafor \(mayor\)/);
    assert.ok(rendered.embeds[0]?.fields?.some((f) => f.name.includes('the 47-year-old mayor')));
  });

  it('agrees counts in number and writes timeline dates as people do', () => {
    for (const [name, rift] of Object.entries(rifts)) {
      for (const line of ['sources', 'timeline', 'who', 'quotes']) {
        for (const page of [0, 1, 2]) {
          const shown = JSON.stringify(renderDiscord(rift.run(parseCommandText(line)), { page }));
          assert.doesNotMatch(
            shown,
            /\b1 (facts|quotes|sources|articles|statements|events)\b/,
            `${name} ${line}`,
          );
        }
      }
    }
    const timeline = JSON.stringify(
      renderDiscord(rifts.seeds.run(parseCommandText('timeline')), { page: 1 }),
    );
    assert.doesNotMatch(timeline, /"name":"\d{4}-\d{2}/);
  });
});
