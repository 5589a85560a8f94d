/**
 * The native menu. Reload and DevTools exist only in development: a packaged app has no way to
 * open DevTools (webPreferences.devTools is false there too).
 */
import type { MenuItemConstructorOptions } from 'electron';

export interface MenuInput {
  dev: boolean;
  platform: NodeJS.Platform;
  onOpenEngagement: () => void;
}

export function buildMenuTemplate({
  dev,
  platform,
  onOpenEngagement,
}: MenuInput): MenuItemConstructorOptions[] {
  const template: MenuItemConstructorOptions[] = [];
  if (platform === 'darwin') template.push({ role: 'appMenu' });
  template.push({
    label: 'File',
    submenu: [
      { label: 'Open Engagement…', accelerator: 'CmdOrCtrl+O', click: () => onOpenEngagement() },
      { type: 'separator' },
      platform === 'darwin' ? { role: 'close' } : { role: 'quit' },
    ],
  });
  // Copy and paste in the search box and table need the edit roles, on macOS in particular.
  template.push({ role: 'editMenu' });
  if (dev) {
    template.push({
      label: 'View',
      submenu: [{ role: 'reload' }, { role: 'forceReload' }, { role: 'toggleDevTools' }],
    });
  }
  return template;
}
