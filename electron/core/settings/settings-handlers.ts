import type { Settings } from '../../../shared/contract';
import type { Caller } from '../rpc/caller';
import type { HandlersOf } from '../rpc/dispatch';
import type { PersonalSettings, SettingsService } from './settings-service';

/** The settings with what this caller may do, so the console offers only that. */
const seenBy = async (caller: Caller, pending: Promise<PersonalSettings>): Promise<Settings> => ({
  ...(await pending),
  access: { role: caller.role, pools: caller.pools === null ? null : [...caller.pools] },
});

export function settingsHandlers(settings: SettingsService): HandlersOf<'settings'> {
  return {
    'settings.get': (_input, caller) => seenBy(caller, settings.get(caller.person)),
    'settings.updateOperator': (input, caller) => seenBy(caller, settings.updateOperator(input, caller.person)),
    'settings.updateAppearance': (input, caller) =>
      seenBy(caller, settings.updateAppearance(input.theme, caller.person)),
    'settings.updateInviteFilters': (input, caller) =>
      seenBy(caller, settings.updateInviteFilters(input.filters, caller.person)),
    'settings.updateAccounts': (input, caller) =>
      seenBy(caller, settings.updateAccounts(input, caller.actor, caller.person)),
    'settings.updateAlerts': (input, caller) =>
      seenBy(caller, settings.updateAlerts(input, caller.actor, caller.person)),
  };
}
