import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { interactionProblem } from '../../../src/adapters/discord/guard.ts';
import { buttonClick, chatInput } from '../../support/discord-interactions.ts';

const actor = { applicationId: '1302000000000000001' };

describe('interactionProblem', () => {
  it('accepts chat input and button payloads as Discord sends them', () => {
    assert.equal(interactionProblem(chatInput(actor, 'ask', { question: 'q' })), null);
    assert.equal(interactionProblem(buttonClick(actor, 'rift:s:1:-:')), null);
  });

  it('names a command without data', () => {
    assert.equal(
      interactionProblem({ ...chatInput(actor, 'why'), data: null }),
      'data: expected a command with name and type',
    );
  });

  it('names nested options that are not an array', () => {
    const payload = chatInput(actor, 'why');
    payload.data = { name: 'rift', type: 1, options: [{ name: 'why', type: 1, options: 'x' }] };
    assert.equal(interactionProblem(payload), 'data.options.0.options: expected an array');
  });

  it('names a payload with no user', () => {
    const { member: _member, ...payload } = chatInput(actor, 'why');
    assert.equal(interactionProblem(payload), 'user: expected user or member.user with an id');
  });
});
