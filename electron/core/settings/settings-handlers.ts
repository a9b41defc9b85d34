import type { HandlersOf } from '../rpc/dispatch';
import type { SettingsService } from './settings-service';

export function settingsHandlers(settings: SettingsService): HandlersOf<'settings'> {
  return {
    'settings.get': (_input, caller) => settings.get(caller.person),
    'settings.updateOperator': (input, caller) => settings.updateOperator(input, caller.person),
    'settings.updateAppearance': (input, caller) => settings.updateAppearance(input.theme, caller.person),
    'settings.updateInviteFilters': (input, caller) => settings.updateInviteFilters(input.filters, caller.person),
    'settings.updateAccounts': (input, caller) => settings.updateAccounts(input, caller.actor, caller.person),
    'settings.updateAlerts': (input, caller) => settings.updateAlerts(input, caller.actor, caller.person),
  };
}
