import { Alert, Box, Button, DialogActions } from '@mui/material';
import type { ReactNode } from 'react';

/** A refusal that belongs to no single field, under a dialog's content. */
export function DialogError({ message }: { message: string | null }) {
  return message ? (
    <Alert severity="error" sx={{ mt: 2 }}>
      {message}
    </Alert>
  ) : null;
}

/** A dialog's button row: a note on the left (if any), Cancel (when it may be dismissed), then its own action. */
export function DialogButtons({
  onCancel,
  busy,
  note,
  children,
}: {
  onCancel?: () => void;
  busy: boolean;
  note?: ReactNode;
  children: ReactNode;
}) {
  return (
    // The note takes what room is left: the buttons keep their one line.
    <DialogActions sx={{ px: 3, pb: 2, gap: 1, '& > .MuiButton-root': { flexShrink: 0, whiteSpace: 'nowrap' } }}>
      {note && <Box sx={{ mr: 'auto', minWidth: 0 }}>{note}</Box>}
      {onCancel && (
        <Button onClick={onCancel} disabled={busy}>
          Cancel
        </Button>
      )}
      {children}
    </DialogActions>
  );
}
