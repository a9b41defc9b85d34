import { describe, expect, it } from 'vitest';
import { receiptFrom, receiptLine } from '../../../../shared/onboarding/receipt';

const reading = { windows: [{ seconds: 18_000, usedPercent: 26.6, resetAt: null }], error: null, observedAt: 1 };

describe('the ready receipt', () => {
  it('says the plan and the 5-hour window left, once the usage was read', () => {
    const receipt = receiptFrom('plus', reading);
    expect(receipt).toEqual({ plan: 'plus', fiveHourLeft: 73, problem: null });
    expect(receiptLine('bob@example.com', receipt!)).toBe('Connected: bob@example.com, Plus; 5-hour window 73 % left.');
    expect(receiptFrom('plus', { windows: [], error: null, observedAt: null })).toBeNull();
    expect(receiptLine('bob@example.com', { plan: null, fiveHourLeft: null, problem: null })).toBe(
      'Connected: bob@example.com, plan unknown; no 5-hour window reported.',
    );
  });

  it('says why the account cannot be used yet when the read was refused', () => {
    const refused = receiptFrom('team', { windows: [], error: 'forbidden', observedAt: null })!;
    expect(receiptLine('bob@example.com', refused)).toBe(
      'Connected, but the account cannot be used yet: ChatGPT refused to report its usage (no Codex access for this account or workspace?).',
    );
    expect(receiptFrom(null, { windows: [], error: 'http_502', observedAt: null })?.problem).toBe(
      'ChatGPT answered the usage read with HTTP 502',
    );
  });
});
