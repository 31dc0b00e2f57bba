/** Every IPC channel name, in one place (as Electron Fiddle does). */
export const CHANNELS = {
  coreUrl: 'packline:core-url',
} as const;
