import type { HandlersOf } from '../rpc/dispatch';
import type { OnboardingService } from './onboarding-service';

export function onboardingHandlers(onboarding: OnboardingService): HandlersOf<'onboarding'> {
  return {
    'onboarding.get': () => onboarding.get(),
    'onboarding.update': (input, caller) => onboarding.update(input, caller.actor),
    'onboarding.check': () => onboarding.check(),
  };
}
