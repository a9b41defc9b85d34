import type { Foundation } from '../foundation';
import { userInfo } from 'node:os';
import {
  DEFAULT_ACCOUNT_SETTINGS,
  DEFAULT_ALERT_SETTINGS,
  type AccountSettings,
  type AlertSettings,
  type InviteFilters,
  type OperatorProfile,
  type RuntimeSetting,
  type Settings,
  type Theme,
} from '../../../shared/contract';
import type { Actor } from '../audit/audit-log';
import type { Person } from '../rpc/caller';

const OPERATOR = 'operator';
const APPEARANCE = 'appearance';
const INVITE_FILTERS = 'ui.invite-filters';
const ACCOUNTS = 'accounts';
const ALERTS = 'alerts';

/** A preference's key: the console's own, or (on a team server) one operator's. */
const personal = (key: string, person: Person | null) => (person ? `${key}:${person.id}` : key);

/** `person`: whose preferences, on a team server; null (the default) for the desktop console's operator. */
/** Settings as one operator sees them, before their access is added (by the caller who knows it). */
export type PersonalSettings = Omit<Settings, 'access'>;

export interface SettingsService {
  get(person?: Person | null): Promise<PersonalSettings>;
  updateOperator(profile: OperatorProfile, person?: Person | null): Promise<PersonalSettings>;
  updateAppearance(theme: Theme, person?: Person | null): Promise<PersonalSettings>;
  updateInviteFilters(filters: InviteFilters, person?: Person | null): Promise<PersonalSettings>;
  updateAccounts(accounts: AccountSettings, actor: Actor, person?: Person | null): Promise<PersonalSettings>;
  updateAlerts(alerts: AlertSettings, actor: Actor, person?: Person | null): Promise<PersonalSettings>;
  accounts(): Promise<AccountSettings>;
  alerts(): Promise<AlertSettings>;
  /** Who "the operator" is for audit entries and `created_by`. */
  operatorActor(): Promise<Actor>;
}

/** Field by field (one level into nested objects): what differs, as `{ from, to }`. */
function diff(previous: object, next: object, prefix = ''): Record<string, { from: unknown; to: unknown }> {
  const out: Record<string, { from: unknown; to: unknown }> = {};
  for (const [key, to] of Object.entries(next)) {
    const from = (previous as Record<string, unknown>)[key];
    if (typeof to === 'object' && to !== null && typeof from === 'object' && from !== null)
      Object.assign(out, diff(from, to, `${prefix}${key}.`));
    else if (from !== to) out[`${prefix}${key}`] = { from, to };
  }
  return out;
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
    runtime: () => Promise<RuntimeSetting[]>;
    smtpConfigured: () => Promise<boolean>;
  },
): SettingsService {
  const { store, changes, events, runtime, smtpConfigured } = deps;
  const suggestedDisplayName = osUserName();

  const accounts = async () => ({ ...DEFAULT_ACCOUNT_SETTINGS, ...(await store.read<AccountSettings>(ACCOUNTS)) });
  // Kinds added in later versions start on.
  const alerts = async (): Promise<AlertSettings> => {
    const saved = await store.read<AlertSettings>(ALERTS);
    return {
      enabled: { ...DEFAULT_ALERT_SETTINGS.enabled, ...saved?.enabled },
      capacityThresholdPercent: saved?.capacityThresholdPercent ?? DEFAULT_ALERT_SETTINGS.capacityThresholdPercent,
    };
  };

  /** Stores an administrative section with its audit entry (only what changed), and tells every console. */
  async function updateSection<T extends object>(section: 'accounts' | 'alerts', previous: T, next: T, actor: Actor) {
    const changed = diff(previous, next);
    if (Object.keys(changed).length === 0) return;
    await changes.write(async (write) => {
      await store.write(section === 'accounts' ? ACCOUNTS : ALERTS, next);
      await write.audit({
        actor,
        action: 'settings.changed',
        targetType: 'settings',
        targetId: section,
        poolId: null,
        details: { section, changes: changed },
      });
      write.emit({ name: 'settings.changed', payload: {} });
    });
  }

  const operatorActor = async (): Promise<Actor> => ({
    kind: 'operator',
    name: (await store.read<OperatorProfile>(OPERATOR))?.displayName ?? suggestedDisplayName,
  });

  /** A team server's operator is known by their account from the start: no first-run setup. */
  const profileOf = async (person: Person | null) =>
    (await store.read<OperatorProfile>(personal(OPERATOR, person))) ??
    (person ? { displayName: person.email.split('@')[0]!, email: person.email } : null);

  async function get(person: Person | null = null): Promise<PersonalSettings> {
    const [operator, appearance, inviteFilters, smtp, accountSettings, alertSettings, runtimeSettings] =
      await Promise.all([
        profileOf(person),
        store.read<{ theme: Theme }>(personal(APPEARANCE, person)),
        store.read<InviteFilters>(personal(INVITE_FILTERS, person)),
        smtpConfigured(),
        accounts(),
        alerts(),
        runtime(),
      ]);
    return {
      operator,
      suggestedDisplayName,
      theme: appearance?.theme ?? 'system',
      runtime: runtimeSettings,
      inviteFilters: inviteFilters ?? {},
      smtpConfigured: smtp,
      accounts: accountSettings,
      alerts: alertSettings,
    };
  }

  return {
    get,
    async updateOperator(profile, person = null) {
      const previous = await profileOf(person);
      if (previous?.displayName === profile.displayName && previous.email === profile.email) return get(person);
      await changes.write(async (write) => {
        await store.write(personal(OPERATOR, person), profile);
        const changed: Record<string, { from: string | null; to: string }> = {};
        for (const field of ['displayName', 'email'] as const) {
          if (previous?.[field] !== profile[field])
            changed[field] = { from: previous?.[field] ?? null, to: profile[field] };
        }
        await write.audit({
          // On a team server the audit knows an operator by their account, whatever they call themselves.
          actor: { kind: 'operator', name: person ? person.email : profile.displayName },
          action: 'settings.changed',
          targetType: 'settings',
          targetId: OPERATOR,
          poolId: null,
          details: { section: OPERATOR, changes: changed },
        });
        write.emit({ name: 'settings.changed', payload: {} });
      });
      return get(person);
    },
    // A personal view preference, not an administrative change: stored, not audited.
    async updateAppearance(theme, person = null) {
      await store.write(personal(APPEARANCE, person), { theme });
      events.emit({ name: 'settings.changed', payload: {} });
      return get(person);
    },
    // A view preference, like the theme. Not broadcast: each window keeps its own filters live
    // and only restores the saved ones at start.
    async updateInviteFilters(filters, person = null) {
      await store.write(personal(INVITE_FILTERS, person), filters);
      return get(person);
    },
    accounts,
    alerts,
    async updateAccounts(next, actor, person = null) {
      await updateSection('accounts', await accounts(), next, actor);
      return get(person);
    },
    async updateAlerts(next, actor, person = null) {
      await updateSection('alerts', await alerts(), next, actor);
      return get(person);
    },
    operatorActor,
  };
}
