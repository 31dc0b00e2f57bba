/** Every IPC channel name, in one place (as Electron Fiddle does). */
export const CHANNELS = {
  coreUrl: 'packline:core-url',
  /** renderer -> main: (method, params) -> {ok, result} | {ok: false, error} */
  stationCall: 'packline:station-call',
  /** main -> renderer: one StationEvent */
  stationEvent: 'packline:station-event',
} as const;
