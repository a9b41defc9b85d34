import DarkModeOutlinedIcon from '@mui/icons-material/DarkModeOutlined';
import LightModeOutlinedIcon from '@mui/icons-material/LightModeOutlined';
import SettingsBrightnessOutlinedIcon from '@mui/icons-material/SettingsBrightnessOutlined';
import { ToggleButton, ToggleButtonGroup } from '@mui/material';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { Theme } from '../../../../shared/contract';
import { useApi } from '../../api/ApiProvider';
import { queryKeys } from '../../api/query-keys';
import { useNotify } from '../../components/Notifier';
import { SettingsSection } from '../../components/SettingsSection';
import { errorMessage } from '../../api/api-error';

export function AppearanceSection({ theme }: { theme: Theme }) {
  const api = useApi();
  const queryClient = useQueryClient();
  const notify = useNotify();
  const save = useMutation({
    mutationFn: (t: Theme) => api.settings.updateAppearance({ theme: t }),
    onSuccess: (settings) => queryClient.setQueryData(queryKeys.settings, settings),
    onError: (err) => notify(errorMessage(err), 'error'),
  });
  return (
    <SettingsSection title="Appearance" description="System follows your operating system's light or dark setting.">
      <ToggleButtonGroup
        exclusive
        size="small"
        value={theme}
        aria-label="Theme"
        onChange={(_e, value: Theme | null) => value && save.mutate(value)}
      >
        <ToggleButton value="system" aria-label="System theme">
          <SettingsBrightnessOutlinedIcon fontSize="small" sx={{ mr: 1 }} />
          System
        </ToggleButton>
        <ToggleButton value="light" aria-label="Light theme">
          <LightModeOutlinedIcon fontSize="small" sx={{ mr: 1 }} />
          Light
        </ToggleButton>
        <ToggleButton value="dark" aria-label="Dark theme">
          <DarkModeOutlinedIcon fontSize="small" sx={{ mr: 1 }} />
          Dark
        </ToggleButton>
      </ToggleButtonGroup>
    </SettingsSection>
  );
}
