/**
 * The files the invite page's HTML references (`./assets/…`), by name: all its server sends
 * besides the page, and all the build compresses for it.
 */
export function invitePageFiles(html: string): string[] {
  return [...html.matchAll(/(?:src|href)="\.\/assets\/([\w.-]+)"/g)].map(([, name]) => name!);
}
