import DarkModeOutlinedIcon from '@mui/icons-material/DarkModeOutlined';
import LightModeOutlinedIcon from '@mui/icons-material/LightModeOutlined';
import SettingsBrightnessOutlinedIcon from '@mui/icons-material/SettingsBrightnessOutlined';
import { ToggleButton, ToggleButtonGroup } from '@mui/material';
import type { Theme } from '../../../../shared/contract';
import { errorMessage } from '../../api/api-error';
import { useCall } from '../../api/mutations';
import { useNotify } from '../../components/Notifier';
import { SettingsSection } from '../../components/SettingsSection';

export function AppearanceSection({ theme }: { theme: Theme }) {
  const notify = useNotify();
  const save = useCall('settings.updateAppearance');
  return (
    <SettingsSection title="Appearance" description="System follows your operating system's light or dark setting.">
      <ToggleButtonGroup
        exclusive
        size="small"
        value={theme}
        aria-label="Theme"
        onChange={(_e, value: Theme | null) =>
          value && save.mutate({ theme: value }, { onError: (err) => notify(errorMessage(err), 'error') })
        }
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
