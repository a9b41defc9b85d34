import CheckCircleOutlineIcon from '@mui/icons-material/CheckCircleOutlined';
import ErrorOutlineIcon from '@mui/icons-material/ErrorOutlined';
import RemoveCircleOutlineIcon from '@mui/icons-material/RemoveCircleOutlineOutlined';
import ScheduleIcon from '@mui/icons-material/Schedule';
import type { InviteRow } from '../../../../shared/contract';
import { formatDateTime } from '../../../../shared/format/time';

/** The Email column: sent, failed, sending, or not requested — as an icon, its sentence on hover. */
export function EmailDeliveryIcon({ invite }: { invite: InviteRow }) {
  const [icon, label] = {
    sent: [
      <CheckCircleOutlineIcon key="i" fontSize="small" color="success" />,
      `Invite email sent${invite.emailSentAt === null ? '' : ` ${formatDateTime(invite.emailSentAt)}`}`,
    ],
    failed: [
      <ErrorOutlineIcon key="i" fontSize="small" color="error" />,
      `Invite email failed: ${invite.emailError ?? 'unknown error'}`,
    ],
    pending: [<ScheduleIcon key="i" fontSize="small" color="action" />, 'Sending the invite email…'],
    not_requested: [<RemoveCircleOutlineIcon key="i" fontSize="small" color="disabled" />, 'No invite email requested'],
  }[invite.emailDelivery] as [React.ReactNode, string];
  return (
    <span role="img" aria-label={label} title={label} style={{ display: 'inline-flex' }}>
      {icon}
    </span>
  );
}
