import { Alert, Button, Stack } from '@mui/material';
import { operatorProfileInput, type OperatorProfile } from '../../../../shared/contract';
import { useCall } from '../../api/mutations';
import { useContractForm } from '../../components/forms/use-contract-form';
import { useNotify } from '../../components/Notifier';
import { OperatorFields } from '../../components/OperatorFields';
import { SettingsSection } from '../../components/SettingsSection';

export function OperatorSection({ operator }: { operator: OperatorProfile }) {
  const notify = useNotify();
  const save = useCall('settings.updateOperator');
  const { form, formError, submitWith } = useContractForm(operatorProfileInput, operator);
  const { isDirty, isValid, isSubmitting } = form.formState;
  const submit = submitWith(async (profile) => {
    const saved = await save.mutateAsync(profile);
    form.reset(saved.operator ?? profile);
    notify('Operator profile saved.');
  });

  return (
    <SettingsSection
      title="Operator profile"
      description="Who you are in this console: recorded on your invites and in the audit log."
    >
      <form noValidate onSubmit={(e) => void submit(e)}>
        <Stack spacing={2} sx={{ maxWidth: 480 }}>
          <OperatorFields control={form.control} />
          {formError && <Alert severity="error">{formError}</Alert>}
          <Stack direction="row" spacing={1}>
            <Button type="submit" variant="contained" disabled={!isDirty || !isValid || isSubmitting}>
              Save profile
            </Button>
            {isDirty && <Button onClick={() => form.reset(operator)}>Discard changes</Button>}
          </Stack>
        </Stack>
      </form>
    </SettingsSection>
  );
}
