import { Alert, Button, Stack } from '@mui/material';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import type { OperatorProfile } from '../../../../shared/contract';
import { ApiError, errorMessage } from '../../api/api-error';
import { useApi } from '../../api/ApiProvider';
import { queryKeys } from '../../api/query-keys';
import { useNotify } from '../../components/Notifier';
import { OperatorFields, operatorErrors, type OperatorDraft } from '../../components/OperatorFields';
import { SettingsSection } from '../../components/SettingsSection';

export function OperatorSection({ operator }: { operator: OperatorProfile }) {
  const api = useApi();
  const queryClient = useQueryClient();
  const notify = useNotify();
  const [draft, setDraft] = useState<OperatorDraft>(operator);
  const save = useMutation({
    mutationFn: (d: OperatorDraft) => api.settings.updateOperator(d),
    onSuccess: (settings) => {
      queryClient.setQueryData(queryKeys.settings, settings);
      notify('Operator profile saved.');
    },
  });
  const clientErrors = operatorErrors(draft);
  const serverErrors = save.error instanceof ApiError ? save.error.fields : {};
  const dirty = draft.displayName !== operator.displayName || draft.email !== operator.email;
  const valid = Object.keys(clientErrors).length === 0;

  return (
    <SettingsSection
      title="Operator profile"
      description="Who you are in this console: recorded on your invites and in the audit log."
    >
      <form
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          if (valid && dirty) save.mutate(draft);
        }}
      >
        <Stack spacing={2} sx={{ maxWidth: 480 }}>
          <OperatorFields
            draft={draft}
            onChange={setDraft}
            errors={{ ...serverErrors, ...(dirty ? clientErrors : {}) }}
          />
          {save.error && !(save.error instanceof ApiError && Object.keys(save.error.fields).length > 0) && (
            <Alert severity="error">{errorMessage(save.error)}</Alert>
          )}
          <Stack direction="row" spacing={1}>
            <Button type="submit" variant="contained" disabled={!dirty || !valid || save.isPending}>
              Save profile
            </Button>
            {dirty && <Button onClick={() => setDraft(operator)}>Discard changes</Button>}
          </Stack>
        </Stack>
      </form>
    </SettingsSection>
  );
}
