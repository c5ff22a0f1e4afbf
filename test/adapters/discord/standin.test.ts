/** The stand-in fails the way Discord does, so the end-to-end tests mean something. */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { TEST_APPLICATION_ID, TEST_TOKEN } from '../../support/discord-harness.ts';
import { chatInput } from '../../support/discord-interactions.ts';
import { type DiscordStandIn, startDiscordStandIn } from '../../support/discord-standin.ts';

let standIn: DiscordStandIn;
before(async () => {
  // Discord's own deadline: a loaded machine must not turn a prompt answer into a late one.
  standIn = await startDiscordStandIn({ token: TEST_TOKEN, applicationId: TEST_APPLICATION_ID });
});
after(async () => {
  await standIn.close();
});

const actor = { applicationId: TEST_APPLICATION_ID };
function post(id: string, token: string, body: unknown, to = standIn): Promise<Response> {
  return fetch(`${to.apiUrl}/v10/interactions/${id}/${token}/callback`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
}
function dispatch(to = standIn): { id: string; token: string } {
  const payload = chatInput(actor, 'why');
  to.dispatch(payload);
  return { id: String(payload.id), token: String(payload.token) };
}
const reply = { type: 4, data: { content: 'hi' } };

describe('Discord stand-in', () => {
  it('returns its own websocket URL from GET /gateway/bot for the right token', async () => {
    const response = await fetch(`${standIn.apiUrl}/v10/gateway/bot`, {
      headers: { authorization: `Bot ${TEST_TOKEN}` },
    });
    assert.equal(((await response.json()) as { url: string }).url, standIn.gatewayUrl);
  });

  it('answers 404 code 10062 for an unknown interaction', async () => {
    const response = await post('1', 'nope', reply);
    assert.equal(response.status, 404);
    assert.equal(((await response.json()) as { code: number }).code, 10062);
  });

  it('answers 400 code 40060 to a second acknowledgement', async () => {
    const { id, token } = dispatch();
    assert.equal((await post(id, token, reply)).status, 204);
    const second = await post(id, token, reply);
    assert.equal(second.status, 400);
    assert.equal(((await second.json()) as { code: number }).code, 40060);
  });

  it('answers 404 code 10062 once the deadline has passed', async () => {
    const short = await startDiscordStandIn({
      token: TEST_TOKEN,
      applicationId: TEST_APPLICATION_ID,
      interactionDeadlineMs: 50,
    });
    try {
      const { id, token } = dispatch(short);
      await new Promise((resolve) => setTimeout(resolve, 80));
      const late = await post(id, token, reply, short);
      assert.equal(late.status, 404);
      assert.equal(((await late.json()) as { code: number }).code, 10062);
    } finally {
      await short.close();
    }
  });

  it('answers 400 code 50035 to content over 2000 characters', async () => {
    const { id, token } = dispatch();
    const response = await post(id, token, { type: 4, data: { content: 'x'.repeat(2001) } });
    assert.equal(response.status, 400);
    assert.equal(((await response.json()) as { code: number }).code, 50035);
  });
});
