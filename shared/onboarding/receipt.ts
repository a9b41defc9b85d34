import type { QuotaWindow } from '../contract/upstreams';

/** What the console learnt about an account right after it connected: its plan and its 5-hour window. */
export interface Receipt {
  plan: string | null;
  /** Percent left in the 5-hour window, when the usage endpoint reported one. */
  fiveHourLeft: number | null;
  /** Why the account cannot be used yet (the usage read was refused), or null. */
  problem: string | null;
}

const FIVE_HOURS_S = 5 * 3600;

/** Usage-read failures in words an invitee and an operator both understand. */
const PROBLEMS: Record<string, string> = {
  forbidden: 'ChatGPT refused to report its usage (no Codex access for this account or workspace?)',
  challenged: 'ChatGPT asked for a browser check before reporting its usage',
  unauthorized: 'ChatGPT did not accept its sign-in for usage',
  rate_limited: 'ChatGPT asked to slow down; its usage will be read shortly',
  network: 'ChatGPT could not be reached to read its usage',
  unreadable: 'ChatGPT answered the usage read with something unreadable',
};

/**
 * The receipt from the account's stored plan and latest quota reading; null until the first
 * read has been tried.
 */
export function receiptFrom(
  planType: string | null,
  quota: { windows: QuotaWindow[]; error: string | null; observedAt: number | null },
): Receipt | null {
  if (quota.error !== null) {
    const problem =
      PROBLEMS[quota.error] ?? `ChatGPT answered the usage read with ${quota.error.replace('http_', 'HTTP ')}`;
    return { plan: planType, fiveHourLeft: null, problem };
  }
  if (quota.observedAt === null) return null;
  const window = quota.windows.find((w) => w.seconds === FIVE_HOURS_S);
  return { plan: planType, fiveHourLeft: window ? Math.round(100 - window.usedPercent) : null, problem: null };
}

const planName = (plan: string | null) => (plan ? `${plan[0]!.toUpperCase()}${plan.slice(1)}` : 'plan unknown');

/** "Connected: bob@example.com, Plus; 5-hour window 73 % left", or why it cannot be used yet. */
export function receiptLine(email: string, receipt: Receipt): string {
  if (receipt.problem) return `Connected, but the account cannot be used yet: ${receipt.problem}.`;
  const window =
    receipt.fiveHourLeft === null ? 'no 5-hour window reported' : `5-hour window ${receipt.fiveHourLeft} % left`;
  return `Connected: ${email}, ${planName(receipt.plan)}; ${window}.`;
}
