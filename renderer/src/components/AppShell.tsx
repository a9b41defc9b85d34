import LogoutIcon from '@mui/icons-material/Logout';
import { Alert, Button } from '@mui/material';
import { reachLine } from '../../../shared/format/reach-line';
import { NavLink, Outlet } from 'react-router';
import { useSignOut } from '../api/ApiProvider';
import { LazyTooltip } from './LazyTooltip';
import { BrandMark, NavIcon, type NavIconName } from './ShellIcons';
import { TeamOfflineBanner } from './TeamOfflineBanner';
import './app-shell.css';
import type { AppStatus, OnboardingSettings, OperatorProfile } from '../../../shared/contract';

const NAV: { to: string; label: string; icon: NavIconName }[] = [
  { to: '/invites', label: 'Invites', icon: 'invites' },
  { to: '/pools', label: 'Pools', icon: 'pools' },
  { to: '/upstreams', label: 'Upstreams', icon: 'upstreams' },
  { to: '/audit', label: 'Audit log', icon: 'audit' },
  { to: '/settings', label: 'Settings', icon: 'settings' },
];

function initials(name: string): string {
  return (
    name
      .split(/\s+/)
      .filter(Boolean)
      .slice(0, 2)
      .map((w) => w[0]?.toUpperCase())
      .join('') || '?'
  );
}

interface Props {
  operator: OperatorProfile | null;
  status: AppStatus | undefined;
  onboarding: OnboardingSettings | undefined;
}

export function AppShell({ operator, status, onboarding }: Props) {
  const reach = onboarding ? reachLine(onboarding) : null;
  const signOut = useSignOut();
  // Plain elements styled by app-shell.css: the shell is drawn with every page, first of all
  // with the first page after a start, where a styled component each was a good part of the time.
  return (
    <div className="app-shell">
      <div className="app-shell-side">
        <div className="app-shell-brand">
          <BrandMark />
          <span>Pooler Console</span>
        </div>
        <nav aria-label="Main">
          <ul>
            {NAV.map((item) => (
              <li key={item.to}>
                <NavLink to={item.to}>
                  <NavIcon name={item.icon} />
                  <span>{item.label}</span>
                </NavLink>
              </li>
            ))}
          </ul>
        </nav>
        {operator && (
          <section aria-label="Signed-in operator" className="app-shell-operator">
            <div className="app-shell-avatar">{initials(operator.displayName)}</div>
            <div className="app-shell-names">
              <p title={operator.displayName}>{operator.displayName}</p>
              <p title={operator.email}>{operator.email}</p>
            </div>
            {signOut && (
              <LazyTooltip title={() => 'Sign out'}>
                <button type="button" aria-label="Sign out" onClick={() => void signOut()}>
                  <LogoutIcon fontSize="small" />
                </button>
              </LazyTooltip>
            )}
          </section>
        )}
      </div>
      <main>
        <div className="app-shell-page">
          <TeamOfflineBanner />
          {status && !status.keychain.available && (
            <Alert severity="warning" sx={{ mb: 3 }}>
              {status.keychain.reason}
            </Alert>
          )}
          {onboarding && reach?.unreachable && (
            <Alert
              severity="warning"
              sx={{ mb: 3 }}
              action={
                <Button color="inherit" size="small" component={NavLink} to="/settings">
                  Settings
                </Button>
              }
            >
              {onboarding.status.state === 'failed'
                ? `Invite links are not being served. ${onboarding.status.message ?? ''}`
                : reach.text}
            </Alert>
          )}
          <Outlet />
        </div>
      </main>
    </div>
  );
}
