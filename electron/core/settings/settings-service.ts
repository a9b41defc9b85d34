import type { Foundation } from '../foundation';
import { userInfo } from 'node:os';
import type { InviteFilters, OperatorProfile, RuntimeSetting, Settings, Theme } from '../../../shared/contract';
import type { Actor } from '../audit/audit-log';

const OPERATOR = 'operator';
const APPEARANCE = 'appearance';
const INVITE_FILTERS = 'ui.invite-filters';

export interface SettingsService {
  get(): Settings;
  updateOperator(profile: OperatorProfile): Settings;
  updateAppearance(theme: Theme): Settings;
  updateInviteFilters(filters: InviteFilters): Settings;
  /** Who "the operator" is for audit entries and `created_by`. */
  operatorActor(): Actor;
}

function osUserName(): string {
  try {
    return userInfo().username || 'Operator';
  } catch {
    return 'Operator';
  }
}

export function createSettingsService(
  deps: Pick<Foundation, 'store' | 'changes' | 'events'> & {
    runtime: () => RuntimeSetting[];
    smtpConfigured: () => boolean;
  },
): SettingsService {
  const { store, changes, events, runtime, smtpConfigured } = deps;
  const suggestedDisplayName = osUserName();

  function get(): Settings {
    return {
      operator: store.read<OperatorProfile>(OPERATOR),
      suggestedDisplayName,
      theme: store.read<{ theme: Theme }>(APPEARANCE)?.theme ?? 'system',
      runtime: runtime(),
      inviteFilters: store.read<InviteFilters>(INVITE_FILTERS) ?? {},
      smtpConfigured: smtpConfigured(),
    };
  }

  return {
    get,
    updateOperator(profile) {
      const previous = store.read<OperatorProfile>(OPERATOR);
      if (previous?.displayName === profile.displayName && previous.email === profile.email) return get();
      changes.write((write) => {
        store.write(OPERATOR, profile);
        const changed: Record<string, { from: string | null; to: string }> = {};
        for (const field of ['displayName', 'email'] as const) {
          if (previous?.[field] !== profile[field])
            changed[field] = { from: previous?.[field] ?? null, to: profile[field] };
        }
        write.audit({
          actor: { kind: 'operator', name: profile.displayName },
          action: 'settings.changed',
          targetType: 'settings',
          targetId: OPERATOR,
          poolId: null,
          details: { section: OPERATOR, changes: changed },
        });
        write.emit({ name: 'settings.changed', payload: {} });
      });
      return get();
    },
    // A personal view preference, not an administrative change: stored, not audited.
    updateAppearance(theme) {
      store.write(APPEARANCE, { theme });
      events.emit({ name: 'settings.changed', payload: {} });
      return get();
    },
    // A view preference, like the theme. Not broadcast: each window keeps its own filters live
    // and only restores the saved ones at start.
    updateInviteFilters(filters) {
      store.write(INVITE_FILTERS, filters);
      return get();
    },
    operatorActor() {
      return { kind: 'operator', name: store.read<OperatorProfile>(OPERATOR)?.displayName ?? suggestedDisplayName };
    },
  };
}
