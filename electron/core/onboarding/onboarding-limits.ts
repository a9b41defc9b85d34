import { DEFAULT_TIMEOUTS, type ListenerTimeouts } from '../http/hardened-server';
import type { ReachOptions } from './onboarding-service';
import { DEFAULT_TUNNEL_TIMING } from './reach/tunnel-process';
import { DEFAULT_STREAM_LIMITS, type StreamLimits } from './stream-limits';

/** What the onboarding listener allows one client, one invite and everyone together. */
export interface OnboardingLimits {
  /** Token lookups per client per minute, all token routes together. */
  lookupsPerMinute: number;
  streams: StreamLimits;
  /** Sockets the listener holds at most (see guardConnections), so file descriptors stay bounded. */
  maxConnections: number;
  timeouts: ListenerTimeouts;
  /** The least time between two device codes for one invite ("Start again" pressed repeatedly). */
  newCodeGapMs: number;
}

const DEFAULT_ONBOARDING_LIMITS: OnboardingLimits = {
  lookupsPerMinute: 120,
  streams: DEFAULT_STREAM_LIMITS,
  maxConnections: 1024,
  timeouts: DEFAULT_TIMEOUTS,
  newCodeGapMs: 10_000,
};

export function onboardingLimits(overrides: Partial<OnboardingLimits> = {}): OnboardingLimits {
  return { ...DEFAULT_ONBOARDING_LIMITS, ...overrides };
}

export function reachOptions(overrides: Partial<ReachOptions> = {}): ReachOptions {
  return {
    interfaces: undefined,
    tunnelTiming: DEFAULT_TUNNEL_TIMING,
    checkEveryMs: 10 * 60_000,
    checkTimeoutMs: 10_000,
    checkCa: undefined,
    addressWatchMs: 15_000,
    ...overrides,
  };
}
