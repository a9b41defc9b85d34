import type { HandlersOf } from '../rpc/dispatch';
import type { SettingsService } from '../settings/settings-service';
import type { OnboardingService } from './onboarding-service';

export function onboardingHandlers(deps: {
  onboarding: OnboardingService;
  settings: SettingsService;
}): HandlersOf<'onboarding'> {
  const { onboarding, settings } = deps;
  return {
    'onboarding.get': () => onboarding.get(),
    'onboarding.update': (input) => onboarding.update(input, settings.operatorActor()),
    'onboarding.check': () => onboarding.check(),
  };
}
