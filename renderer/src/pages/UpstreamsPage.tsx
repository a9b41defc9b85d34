import HubOutlinedIcon from '@mui/icons-material/HubOutlined';
import { Paper } from '@mui/material';
import { EmptyState } from '../components/EmptyState';
import { PageHeader } from '../components/PageHeader';

// Upstreams arrive with their own issue; until then the page says plainly what it will hold.
export function UpstreamsPage() {
  return (
    <>
      <PageHeader title="Upstreams" subtitle="Onboarded Codex accounts, their credentials and their quota." />
      <Paper variant="outlined">
        <EmptyState
          icon={<HubOutlinedIcon />}
          title="No onboarded accounts yet"
          body="Accounts appear here once an invitee approves the device-code login from their invite URL."
        />
      </Paper>
    </>
  );
}
