/** Re-runs this process inside a private D-Bus session with a throw-away keyring (Linux); returns if already inside one. */
export function runInKeyringSession(): void;
