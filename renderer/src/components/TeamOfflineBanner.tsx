import { Alert } from '@mui/material';
import { formatDateTimeFull } from '../../../shared/format/time';
import { useTeamStatus } from '../api/queries';

/** On every page while the team server is away: what the lists show, and why changes are refused. */
export function TeamOfflineBanner() {
  const team = useTeamStatus().data;
  if (team?.state !== 'offline' || team.offlineSince === null) return null;
  return (
    <Alert severity="warning" sx={{ mb: 3 }}>
      Offline since {formatDateTimeFull(team.offlineSince)}: the team server at {team.url} does not answer. The lists
      show what you last saw; changes wait until it answers again.
    </Alert>
  );
}
