import type { HandlersOf } from '../rpc/dispatch';
import type { SettingsService } from './settings-service';

export function settingsHandlers(settings: SettingsService): HandlersOf<'settings'> {
  return {
    'settings.get': () => settings.get(),
    'settings.updateOperator': (input) => settings.updateOperator(input),
    'settings.updateAppearance': (input) => settings.updateAppearance(input.theme),
    'settings.updateInviteFilters': (input) => settings.updateInviteFilters(input.filters),
    'settings.updateAccounts': (input, caller) => settings.updateAccounts(input, caller.actor),
    'settings.updateAlerts': (input, caller) => settings.updateAlerts(input, caller.actor),
  };
}
