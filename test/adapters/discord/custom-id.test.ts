import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  commandForPage,
  DISCORD_CUSTOM_ID_MAX,
  decodePageId,
  encodePageId,
} from '../../../src/adapters/discord/custom-id.ts';

describe('pagination custom ids', () => {
  it('round-trips a quotes page with its speaker, topic and owner', () => {
    const state = {
      request: { list: 'quotes' as const, speaker: 'Kanye West', about: 'Trump' },
      page: 2,
      ownerId: '42',
    };
    assert.deepEqual(decodePageId(encodePageId(state)), state);
  });

  it('round-trips a public sources page', () => {
    const state = { request: { list: 'sources' as const }, page: 1, ownerId: null };
    assert.deepEqual(decodePageId(encodePageId(state)), state);
  });

  it('keeps a long topic within 100 characters by shortening the topic', () => {
    const id = encodePageId({
      request: {
        list: 'quotes',
        speaker: 'Kanye West',
        about: 'the 2020 presidential election '.repeat(6),
      },
      page: 12,
      ownerId: '1302000000000000300',
    });
    const decoded = decodePageId(id);
    assert.ok(id.length <= DISCORD_CUSTOM_ID_MAX);
    assert.equal(decoded?.request.list === 'quotes' && decoded.request.speaker, 'Kanye West');
  });

  it('rejects ids it did not make', () => {
    for (const id of [
      '',
      'rift',
      'other:q:1:-:[]',
      'rift:q:x:-:[null,null]',
      'rift:q:1:-:{"a":1}',
      'rift:z:1:-:',
    ]) {
      assert.equal(decodePageId(id), null, id);
    }
  });
});

describe('page ids of one story among several', () => {
  it('keep the story, so every page of a list comes from the same story', () => {
    for (const request of [
      { list: 'timeline' as const },
      { list: 'quotes' as const, speaker: 'Marcus Bell', about: 'the vote' },
    ]) {
      const id = encodePageId({ request, page: 2, ownerId: null, story: 'stadium' });
      assert.ok(id.length <= DISCORD_CUSTOM_ID_MAX);
      const state = decodePageId(id);
      assert.equal(state?.story, 'stadium');
      assert.equal(commandForPage(state as NonNullable<typeof state>).story, 'stadium');
    }
  });

  it('refuse a story id that is not one (a forged button)', () => {
    assert.equal(decodePageId('rift:q:0:-:["a",null,"../etc"]'), null);
    assert.equal(decodePageId('rift:t:0:-:not a story!')?.story, undefined);
  });
});

describe('page ids of a timeline kept to some words', () => {
  it('carry the words, with or without a story, so every page keeps the same events', () => {
    for (const story of [null, 'stadium']) {
      const request = { list: 'timeline' as const, words: 'since 2016' };
      const state = decodePageId(encodePageId({ request, page: 1, ownerId: '123', story }));
      assert.deepEqual(state?.request, request);
      assert.equal(state?.story ?? null, story);
      const command = commandForPage(state as NonNullable<typeof state>);
      assert.equal(command.name === 'timeline' && command.args, 'since 2016');
      assert.equal(command.private, true);
    }
  });

  it('shorten words that would not fit, never past the length limit', () => {
    const words = 'ü'.repeat(60);
    const story = 'city-council-stadium-vote-2026';
    const id = encodePageId({
      request: { list: 'timeline', words },
      page: 3,
      ownerId: '12345678901234567890',
      story,
    });
    assert.ok(id.length <= DISCORD_CUSTOM_ID_MAX, id);
    const state = decodePageId(id);
    const kept = state?.request.list === 'timeline' ? (state.request.words ?? '') : '';
    assert.ok(kept.length > 0 && words.startsWith(kept), kept);
    assert.equal(state?.story, story);
  });

  it('still read the plain form, and refuse malformed words', () => {
    assert.deepEqual(decodePageId('rift:t:1:-:')?.request, { list: 'timeline' });
    for (const id of [
      'rift:t:1:-:[]',
      'rift:t:1:-:[7]',
      'rift:t:1:-:[" "]',
      'rift:t:1:-:["x","../a"]',
    ])
      assert.equal(decodePageId(id), null, id);
  });
});

describe('page ids of very long arguments', () => {
  // Shortening took one code point and one encoding per step: a megabyte of speaker kept the
  // renderer busy for minutes. Only the first 100 code points can ever fit, so only they are tried.
  it('are made from the arguments’ starts, within the limit', { timeout: 10_000 }, () => {
    const long = 'x'.repeat(1_000_000);
    for (const request of [
      { list: 'quotes' as const, speaker: long, about: long },
      { list: 'timeline' as const, words: long },
    ]) {
      const id = encodePageId({ request, page: 1, ownerId: null, story: 'stadium' });
      assert.ok(id.length <= DISCORD_CUSTOM_ID_MAX, id);
      const state = decodePageId(id);
      assert.equal(state?.story, 'stadium');
      const kept = JSON.stringify(state?.request);
      assert.match(kept, /x{10}/);
    }
  });
});
