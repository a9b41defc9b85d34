import { describe, expect, it } from 'vitest';
import { appMenuTemplate } from '../../../electron/main/app-menu';

function roles(template: ReturnType<typeof appMenuTemplate>): string[] {
  return template.flatMap((item) => [
    item.role ?? '',
    ...(Array.isArray(item.submenu) ? item.submenu.map((s) => s.role ?? '') : []),
  ]);
}

describe('application menu', () => {
  it('offers developer tools only in unpackaged runs', () => {
    expect(roles(appMenuTemplate('linux', false))).toContain('toggleDevTools');
    expect(roles(appMenuTemplate('linux', true))).not.toContain('toggleDevTools');
  });

  it('follows the platform convention for the first menu', () => {
    expect(appMenuTemplate('darwin', true)[0]?.role).toBe('appMenu');
    expect(appMenuTemplate('win32', true)[0]?.role).toBe('fileMenu');
  });
});
