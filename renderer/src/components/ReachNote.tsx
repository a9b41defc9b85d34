import CheckCircleOutlineIcon from '@mui/icons-material/CheckCircleOutlineOutlined';
import ErrorOutlineIcon from '@mui/icons-material/ErrorOutlineOutlined';
import InfoOutlinedIcon from '@mui/icons-material/InfoOutlined';
import WarningAmberIcon from '@mui/icons-material/WarningAmber';
import { Stack, Typography } from '@mui/material';
import { reachLine } from '../../../shared/format/reach-line';
import { useOnboardingSettings } from '../api/queries';

const ICONS = {
  success: CheckCircleOutlineIcon,
  info: InfoOutlinedIcon,
  warning: WarningAmberIcon,
  error: ErrorOutlineIcon,
} as const;

/** One line on who can open a link made now (Settings → How invitees reach this console). */
export function ReachNote({ sx }: { sx?: object }) {
  const onboarding = useOnboardingSettings();
  if (!onboarding.data) return null;
  const line = reachLine(onboarding.data);
  const Icon = ICONS[line.severity];
  return (
    <Stack
      direction="row"
      spacing={1}
      role="note"
      aria-label="Who can open this link"
      sx={{ alignItems: 'flex-start', ...sx }}
    >
      <Icon fontSize="small" color={line.severity} sx={{ mt: '1px' }} />
      <Typography variant="body2" color="textSecondary">
        {line.text}
      </Typography>
    </Stack>
  );
}
