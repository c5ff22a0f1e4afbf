import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parseStoryConfig } from '../../src/config/story-config.ts';

describe('story config answer options', () => {
  it('accepts answer size options within their ranges', () => {
    const config = parseStoryConfig({ answer: { maxCitations: 3, snippetChars: 250 } }, 's.json');
    assert.deepEqual(config.answer, { maxCitations: 3, snippetChars: 250 });
  });

  it('rejects the retired abstention thresholds with a message saying what replaced them', () => {
    for (const key of ['minCoverage', 'minKnownShare']) {
      assert.throws(
        () => parseStoryConfig({ answer: { [key]: 0.5 } }, 's.json'),
        (error: Error) =>
          error.message.includes(`answer.${key}`) && error.message.includes('npm run fit'),
      );
    }
  });
});
