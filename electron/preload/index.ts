/**
 * Sandboxed preload: exposes `window.agentAnchor` (the app API) and nothing else — in particular
 * not ipcRenderer. Bundled by electron-vite into a single CommonJS file that requires only
 * 'electron', as a sandboxed preload can load little more than that.
 */
import { contextBridge, ipcRenderer } from 'electron';
import { buildBridgeApi } from './bridge';

contextBridge.exposeInMainWorld(
  'agentAnchor',
  // A wrapper so the renderer cannot reach ipcRenderer through the function it was given.
  buildBridgeApi((channel, args) => ipcRenderer.invoke(channel, args)),
);
