import { expect } from '@open-wc/testing';
import { computeStats } from '../src/engine/stats.js';
import type { CompletionUsage } from '../src/engine/engine.js';

describe('pure: computeStats', () => {
  it('takes the figures from usage.extra when the engine gives them', () => {
    const stats = computeStats(
      { start: 0, firstToken: 100, end: 1000, chunks: 10, promptChars: 40 },
      {
        prompt_tokens: 12,
        completion_tokens: 11,
        extra: {
          time_to_first_token_s: 0.25,
          time_per_output_token_s: 0.025,
          decode_tokens_per_s: 40,
          prefill_tokens_per_s: 48,
        },
      },
      50,
    );
    expect(stats).to.deep.equal({
      ttftMs: 250,
      msPerToken: 25,
      tokensPerSecond: 40,
      prefillTokensPerSecond: 48,
      promptTokens: 12,
      completionTokens: 11,
      rating: 'good',
      source: 'engine',
    });
  });
  it('measures with the element clock when there is no usage', () => {
    const stats = computeStats(
      { start: 0, firstToken: 200, end: 1100, chunks: 10, promptChars: 400 },
      undefined,
      50,
    );
    expect(stats).to.deep.equal({
      ttftMs: 200,
      msPerToken: 100,
      tokensPerSecond: 10,
      prefillTokensPerSecond: 500,
      promptTokens: 100,
      completionTokens: 10,
      rating: 'slow',
      source: 'measured',
    });
  });
  it('counts the prompt tokens evaluated: those read from the cache (cached_tokens) are not', () => {
    const timing = { start: 0, firstToken: 100, end: 200, chunks: 3, promptChars: 40 };
    const usage = (cached: unknown): CompletionUsage =>
      JSON.parse(JSON.stringify({ prompt_tokens: 900, prompt_tokens_details: { cached_tokens: cached } }));
    expect(computeStats(timing, usage(700), 50).promptTokens).to.equal(200);
    expect(computeStats(timing, usage(undefined), 50).promptTokens).to.equal(900);
    expect(computeStats(timing, usage('all'), 50).promptTokens).to.equal(900);
    expect(computeStats(timing, usage(5000), 50).promptTokens).to.equal(0);
  });
});
