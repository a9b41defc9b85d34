import EmailOutlinedIcon from '@mui/icons-material/EmailOutlined';
import { Button, Paper } from '@mui/material';
import { Link } from 'react-router';
import { usePools } from '../api/queries';
import { EmptyState } from '../components/EmptyState';
import { PageHeader } from '../components/PageHeader';

// Invites arrive with their own issue; until then the page says plainly what it will hold.
export function InvitesPage() {
  const pools = usePools();
  const hasActivePool = (pools.data ?? []).some((p) => p.status === 'active');
  return (
    <>
      <PageHeader title="Invites" subtitle="One-time invite URLs that onboard Codex accounts into a Pool." />
      <Paper variant="outlined">
        {hasActivePool || pools.isPending ? (
          <EmptyState
            icon={<EmailOutlinedIcon />}
            title="Invites are not available in this build yet"
            body="Creating, copying, reissuing and revoking invite URLs comes next. Pools you create now will be the targets."
          />
        ) : (
          <EmptyState
            icon={<EmailOutlinedIcon />}
            title="Create a Pool first"
            body="Every invite targets an active Pool."
            action={
              <Button variant="contained" component={Link} to="/pools">
                Go to Pools
              </Button>
            }
          />
        )}
      </Paper>
    </>
  );
}
