import { Alert, Button, Dialog, DialogActions, DialogContent, DialogContentText, DialogTitle } from '@mui/material';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { ApiError, errorMessage } from '../api/api-error';
import { useApi } from '../api/ApiProvider';
import { queryKeys } from '../api/query-keys';
import { OperatorFields, operatorErrors, type OperatorDraft } from './OperatorFields';

/** First run: the console needs to know who the operator is before anything is attributed to them. */
export function FirstRunDialog({ suggestedDisplayName }: { suggestedDisplayName: string }) {
  const api = useApi();
  const queryClient = useQueryClient();
  const [draft, setDraft] = useState<OperatorDraft>({ displayName: suggestedDisplayName, email: '' });
  const [touched, setTouched] = useState(false);
  const save = useMutation({
    mutationFn: (d: OperatorDraft) => api.settings.updateOperator(d),
    onSuccess: (settings) => queryClient.setQueryData(queryKeys.settings, settings),
  });
  const clientErrors = operatorErrors(draft);
  const serverErrors = save.error instanceof ApiError ? save.error.fields : {};
  const shown = touched ? { ...serverErrors, ...clientErrors } : serverErrors;
  const valid = Object.keys(clientErrors).length === 0;

  return (
    <Dialog open aria-labelledby="first-run-title" maxWidth="sm">
      <DialogTitle id="first-run-title">Welcome to Pooler Console</DialogTitle>
      <form
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          setTouched(true);
          if (valid) save.mutate(draft);
        }}
      >
        <DialogContent>
          <DialogContentText sx={{ mb: 2.5 }}>
            Tell the console who you are. Your name and email are recorded on the invites you create and in the audit
            log. You can change them later in Settings.
          </DialogContentText>
          <OperatorFields
            draft={draft}
            onChange={(d) => {
              setDraft(d);
              setTouched(true);
            }}
            errors={shown}
            autoFocus
          />
          {save.error && !(save.error instanceof ApiError && Object.keys(save.error.fields).length > 0) && (
            <Alert severity="error" sx={{ mt: 2 }}>
              {errorMessage(save.error)}
            </Alert>
          )}
        </DialogContent>
        <DialogActions sx={{ px: 3, pb: 2 }}>
          <Button type="submit" variant="contained" disabled={!valid || save.isPending}>
            Continue
          </Button>
        </DialogActions>
      </form>
    </Dialog>
  );
}
