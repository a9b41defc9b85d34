import HistoryIcon from '@mui/icons-material/History';
import LogoutIcon from '@mui/icons-material/Logout';
import HubOutlinedIcon from '@mui/icons-material/HubOutlined';
import EmailOutlinedIcon from '@mui/icons-material/EmailOutlined';
import SettingsOutlinedIcon from '@mui/icons-material/SettingsOutlined';
import WorkspacesOutlinedIcon from '@mui/icons-material/WorkspacesOutlined';
import {
  Alert,
  Avatar,
  Button,
  Box,
  Drawer,
  IconButton,
  List,
  ListItemButton,
  ListItemIcon,
  ListItemText,
  Stack,
  Tooltip,
  Typography,
} from '@mui/material';
import { reachLine } from '../../../shared/format/reach-line';
import type { ReactNode } from 'react';
import { NavLink, Outlet } from 'react-router';
import { useSignOut } from '../api/ApiProvider';
import { TeamOfflineBanner } from './TeamOfflineBanner';
import type { AppStatus, OnboardingSettings, OperatorProfile } from '../../../shared/contract';

const NAV_WIDTH = 208;

const NAV: { to: string; label: string; icon: ReactNode }[] = [
  { to: '/invites', label: 'Invites', icon: <EmailOutlinedIcon /> },
  { to: '/pools', label: 'Pools', icon: <WorkspacesOutlinedIcon /> },
  { to: '/upstreams', label: 'Upstreams', icon: <HubOutlinedIcon /> },
  { to: '/audit', label: 'Audit log', icon: <HistoryIcon /> },
  { to: '/settings', label: 'Settings', icon: <SettingsOutlinedIcon /> },
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

function Brand() {
  return (
    <Stack direction="row" spacing={1.25} sx={{ alignItems: 'center', px: 2.5, py: 2.25 }}>
      <Box component="img" src="./favicon.svg" alt="" sx={{ width: 28, height: 28 }} />
      <Typography variant="subtitle1" sx={{ fontWeight: 700, letterSpacing: '-0.01em' }}>
        Pooler Console
      </Typography>
    </Stack>
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
  return (
    <Box sx={{ display: 'flex', minHeight: '100vh' }}>
      <Drawer
        variant="permanent"
        sx={{
          width: NAV_WIDTH,
          flexShrink: 0,
          '& .MuiDrawer-paper': { width: NAV_WIDTH, boxSizing: 'border-box', display: 'flex', flexDirection: 'column' },
        }}
      >
        <Brand />
        <Box component="nav" aria-label="Main" sx={{ flex: 1 }}>
          <List dense sx={{ px: 1 }}>
            {NAV.map((item) => (
              <ListItemButton
                key={item.to}
                component={NavLink}
                to={item.to}
                sx={{
                  borderRadius: 1.5,
                  mb: 0.25,
                  '&.active': {
                    bgcolor: 'action.selected',
                    '& .MuiListItemIcon-root, & .MuiListItemText-primary': { color: 'primary.main' },
                  },
                }}
              >
                <ListItemIcon sx={{ minWidth: 36 }}>{item.icon}</ListItemIcon>
                <ListItemText primary={item.label} slotProps={{ primary: { sx: { fontWeight: 550 } } }} />
              </ListItemButton>
            ))}
          </List>
        </Box>
        {operator && (
          <Stack
            component="section"
            aria-label="Signed-in operator"
            direction="row"
            spacing={1.25}
            sx={{ alignItems: 'center', p: 2, borderTop: 1, borderColor: 'divider' }}
          >
            <Avatar sx={{ width: 32, height: 32, fontSize: 13, bgcolor: 'primary.main' }}>
              {initials(operator.displayName)}
            </Avatar>
            <Box sx={{ minWidth: 0 }}>
              <Typography variant="body2" noWrap sx={{ fontWeight: 600 }} title={operator.displayName}>
                {operator.displayName}
              </Typography>
              <Typography variant="caption" color="textSecondary" noWrap component="div" title={operator.email}>
                {operator.email}
              </Typography>
            </Box>
            {signOut && (
              <Tooltip title="Sign out">
                <IconButton size="small" aria-label="Sign out" onClick={() => void signOut()} sx={{ ml: 'auto' }}>
                  <LogoutIcon fontSize="small" />
                </IconButton>
              </Tooltip>
            )}
          </Stack>
        )}
      </Drawer>
      <Box component="main" sx={{ flex: 1, minWidth: 0, px: { xs: 3, md: 4 }, py: 4 }}>
        <Box sx={{ maxWidth: 1280, mx: 'auto' }}>
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
        </Box>
      </Box>
    </Box>
  );
}
