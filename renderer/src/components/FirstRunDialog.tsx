import { Button, Dialog, DialogContent, DialogContentText, DialogTitle } from '@mui/material';
import { operatorProfileInput } from '../../../shared/contract/settings';
import { useCall } from '../api/mutations';
import { DialogButtons, DialogError } from './DialogParts';
import { useContractForm } from './forms/use-contract-form';
import { OperatorFields } from './OperatorFields';

/** First run: the console needs to know who the operator is before anything is attributed to them. */
export function FirstRunDialog({ suggestedDisplayName }: { suggestedDisplayName: string }) {
  const save = useCall('settings.updateOperator');
  const { form, formError, submitWith } = useContractForm(operatorProfileInput, {
    displayName: suggestedDisplayName,
    email: '',
  });
  const submit = submitWith((profile) => save.mutateAsync(profile));

  return (
    <Dialog open aria-labelledby="first-run-title" maxWidth="sm">
      <DialogTitle id="first-run-title">Welcome to Pooler Console</DialogTitle>
      <form noValidate onSubmit={(e) => void submit(e)}>
        <DialogContent>
          <DialogContentText sx={{ mb: 2.5 }}>
            Tell the console who you are. Your name and email are recorded on the invites you create and in the audit
            log. You can change them later in Settings.
          </DialogContentText>
          <OperatorFields control={form.control} autoFocus />
          <DialogError message={formError} />
        </DialogContent>
        <DialogButtons busy={form.formState.isSubmitting}>
          <Button type="submit" variant="contained" disabled={!form.formState.isValid || form.formState.isSubmitting}>
            Continue
          </Button>
        </DialogButtons>
      </form>
    </Dialog>
  );
}
