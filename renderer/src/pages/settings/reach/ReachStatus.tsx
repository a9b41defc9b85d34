import { Alert, Button, Stack, Typography } from '@mui/material';
import type { OnboardingSettings } from '../../../../../shared/contract';
import { reachLine } from '../../../../../shared/format/reach-line';
import { useCall } from '../../../api/mutations';
import { TimeText } from '../../../components/TimeText';

/** Where links point now, whether a check reached this console, and a way to check again. */
export function ReachStatus({ settings }: { settings: OnboardingSettings }) {
  const check = useCall('onboarding.check');
  const line = reachLine(settings);
  const { status, reachability } = settings;
  return (
    <Alert
      severity={line.severity}
      role="status"
      aria-label="Invite link reach"
      action={
        <Button color="inherit" size="small" disabled={check.isPending} onClick={() => check.mutate({})}>
          {check.isPending || reachability.state === 'checking' ? 'Checking…' : 'Check now'}
        </Button>
      }
    >
      <Stack spacing={0.5}>
        <span>{line.text}</span>
        {status.state === 'listening' && (
          <Typography variant="caption" component="span">
            Listening on {status.listeningOn}. Links start with {status.publicUrl}.
            {reachability.checkedAt !== null && (
              <>
                {' '}
                Checked <TimeText ms={reachability.checkedAt} />.
              </>
            )}
          </Typography>
        )}
        {status.state === 'failed' && status.message && (
          <Typography variant="caption" component="span">
            {status.message}
          </Typography>
        )}
      </Stack>
    </Alert>
  );
}
