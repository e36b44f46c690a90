// The narrow bridge (STYLE 3): one call(method, input) over one IPC channel; nothing else.
import { contextBridge, ipcRenderer } from 'electron';
import type { Bridge } from '../commands/bridge';
import { IPC_CHANNEL } from './policy';

const bridge = {
  call: (request) => ipcRenderer.invoke(IPC_CHANNEL, request),
} satisfies Bridge;

contextBridge.exposeInMainWorld('examConsole', bridge);
