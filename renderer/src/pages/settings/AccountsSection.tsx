import { FormControlLabel, FormHelperText, Radio, RadioGroup } from '@mui/material';
import { useState } from 'react';
import type { AccountSettings, RelinkAutomation } from '../../../../shared/contract';
import { errorMessage } from '../../api/api-error';
import { useCall } from '../../api/mutations';
import { useNotify } from '../../components/Notifier';
import { SettingsSection } from '../../components/SettingsSection';

const CHOICES: { value: RelinkAutomation; label: string; needsSmtp?: boolean }[] = [
  { value: 'off', label: 'Do nothing (the account is flagged and you are alerted)' },
  { value: 'link', label: 'Create a relink link (reissue it on the Invites page to copy the URL)' },
  { value: 'link_and_email', label: 'Create a relink link and email it to the account’s owner', needsSmtp: true },
];

/** Settings → Accounts: what the console does when an account's owner must sign in again. */
export function AccountsSection({ accounts, smtpConfigured }: { accounts: AccountSettings; smtpConfigured: boolean }) {
  const notify = useNotify();
  const save = useCall('settings.updateAccounts');
  // Shown chosen at once; a refusal puts the stored choice back.
  const [chosen, setChosen] = useState(accounts.relinkAutomation);
  return (
    <SettingsSection
      title="Accounts"
      description="When an account needs relinking (its refresh token died, or refreshes kept failing), its owner has to sign in again. At most one relink link is out per account; an account that recovers on its own has its link revoked."
    >
      <RadioGroup
        aria-label="When an account needs relinking"
        value={chosen}
        onChange={(e) => {
          const relinkAutomation = e.target.value as RelinkAutomation;
          setChosen(relinkAutomation);
          save.mutate(
            { relinkAutomation },
            {
              onError: (err) => {
                setChosen(accounts.relinkAutomation);
                notify(errorMessage(err), 'error');
              },
            },
          );
        }}
      >
        {CHOICES.map((choice) => (
          <FormControlLabel
            key={choice.value}
            value={choice.value}
            control={<Radio size="small" />}
            label={choice.label}
            disabled={choice.needsSmtp === true && !smtpConfigured && chosen !== choice.value}
          />
        ))}
      </RadioGroup>
      {!smtpConfigured && (
        <FormHelperText sx={{ ml: 4 }}>
          {chosen === 'link_and_email'
            ? 'Email is off until SMTP is configured: links are created but not sent.'
            : 'Emailing the owner needs SMTP: configure it under Email.'}
        </FormHelperText>
      )}
    </SettingsSection>
  );
}
