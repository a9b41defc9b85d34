import { Alert, Skeleton, Stack } from '@mui/material';
import { errorMessage } from '../api/api-error';
import { useConnectsToTeams } from '../api/ApiProvider';
import { useAppStatus, useOnboardingSettings, useSettings, useTeamStatus } from '../api/queries';
import { useMay } from '../api/use-may';
import { PageHeader } from '../components/PageHeader';
import { AccountsSection } from './settings/AccountsSection';
import { AlertsSection } from './settings/AlertsSection';
import { AppearanceSection } from './settings/AppearanceSection';
import { EmailSection } from './settings/EmailSection';
import { OnboardingSection } from './settings/OnboardingSection';
import { OperatorSection } from './settings/OperatorSection';
import { SystemSection } from './settings/SystemSection';
import { TeamServerSection } from './settings/TeamServerSection';

export function SettingsPage() {
  const settings = useSettings();
  const may = useMay();
  // A team server's SMTP, reach, automation and alerts are its owners' to set.
  const serverWide = may('smtp.update');
  const status = useAppStatus();
  const team = useTeamStatus();
  const connectsToTeams = useConnectsToTeams();
  const onboarding = useOnboardingSettings();
  const error = settings.error ?? status.error ?? onboarding.error;
  return (
    <>
      <PageHeader title="Settings" />
      {error && <Alert severity="error">{errorMessage(error)}</Alert>}
      {settings.data && status.data ? (
        <Stack spacing={2.5} sx={{ maxWidth: 880 }}>
          {settings.data.operator && (
            <OperatorSection key={JSON.stringify(settings.data.operator)} operator={settings.data.operator} />
          )}
          {connectsToTeams && team.data && <TeamServerSection status={team.data} />}
          {serverWide ? (
            <>
              <EmailSection />
              {onboarding.data && <OnboardingSection settings={onboarding.data} />}
              <AccountsSection
                key={settings.data.accounts.relinkAutomation}
                accounts={settings.data.accounts}
                smtpConfigured={settings.data.smtpConfigured}
              />
              <AlertsSection key={JSON.stringify(settings.data.alerts)} alerts={settings.data.alerts} />
            </>
          ) : (
            <Alert severity="info">
              Email, invite links, account automation and alerts are set by this team server’s owners.
            </Alert>
          )}
          <AppearanceSection theme={settings.data.theme} />
          <SystemSection status={status.data} runtime={settings.data.runtime} />
        </Stack>
      ) : (
        !error && <Skeleton variant="rounded" height={240} sx={{ maxWidth: 880 }} />
      )}
    </>
  );
}
