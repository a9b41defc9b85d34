import type { OnboardingSettings } from '../contract/onboarding';

export interface ReachLine {
  severity: 'success' | 'info' | 'warning' | 'error';
  text: string;
  /** Links made now will not open for the invitee: the app shell says so too. */
  unreachable: boolean;
}

const origin = (url: string) => {
  try {
    return new URL(url).host;
  } catch {
    return url;
  }
};

/**
 * One plain sentence on whether a link made now can be opened, and by whom. It never claims more
 * than the check proves: a check from this computer shows the address routes to this console.
 */
export function reachLine(s: OnboardingSettings): ReachLine {
  const at = origin(s.status.publicUrl);
  if (s.status.state !== 'listening') {
    return { severity: 'error', text: 'Invite links are not being served, so no link will open.', unreachable: true };
  }
  if (s.notice) return { severity: 'warning', text: s.notice, unreachable: false };
  if (s.scope === 'this_computer' && s.reach.mode !== 'tunnel') {
    return { severity: 'info', text: 'Only this computer can open this link.', unreachable: false };
  }
  if (s.tunnel && s.tunnel.state !== 'up') {
    const text =
      s.tunnel.state === 'failed'
        ? `The ${s.tunnel.program} tunnel failed, so links only open on this computer: ${s.tunnel.message ?? ''}`
        : `The ${s.tunnel.program} tunnel is starting; links made now only open on this computer.`;
    return { severity: s.tunnel.state === 'failed' ? 'error' : 'warning', text, unreachable: true };
  }
  const who = s.scope === 'local_network' ? 'Computers on your local network' : 'Anyone with the link';
  switch (s.reachability.state) {
    case 'reachable':
      return {
        severity: 'success',
        text: `${who} should be able to open it: a check from this computer reached this console at ${at} in ${s.reachability.roundTripMs ?? 0} ms.`,
        unreachable: false,
      };
    case 'unreachable':
      return {
        severity: 'error',
        text: `Links may not open: a check of ${at} from this computer failed — ${s.reachability.detail ?? 'no answer'}.`,
        unreachable: true,
      };
    case 'checking':
      return { severity: 'info', text: `Checking that ${at} reaches this console…`, unreachable: false };
    case 'unchecked':
      return { severity: 'info', text: `Links point to ${at}; not checked yet.`, unreachable: false };
  }
}
