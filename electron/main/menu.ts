/**
 * The native menu. Reload and DevTools exist only in development: a packaged app has no way to
 * open DevTools (webPreferences.devTools is false there too).
 */
import type { MenuItemConstructorOptions } from 'electron';

export interface MenuInput {
  dev: boolean;
  platform: NodeJS.Platform;
  onNewEngagement: () => void;
  onOpenEngagement: () => void;
  onOpenDemo: () => void;
  onCloseEngagement: () => void;
}

export function buildMenuTemplate({
  dev,
  platform,
  onNewEngagement,
  onOpenEngagement,
  onOpenDemo,
  onCloseEngagement,
}: MenuInput): MenuItemConstructorOptions[] {
  const template: MenuItemConstructorOptions[] = [];
  if (platform === 'darwin') template.push({ role: 'appMenu' });
  template.push({
    label: 'File',
    submenu: [
      { label: 'New Engagement…', accelerator: 'CmdOrCtrl+N', click: () => onNewEngagement() },
      { label: 'Open Engagement…', accelerator: 'CmdOrCtrl+O', click: () => onOpenEngagement() },
      { label: 'Open the Demo', click: () => onOpenDemo() },
      { label: 'Close Engagement', accelerator: 'CmdOrCtrl+W', click: () => onCloseEngagement() },
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
