// The device layer's public surface for the station runtime, serve.ts and the HTTP/WS layer.
export { DeviceHub, listDevices, type DeviceHubOptions, type DeviceStatus, type DeviceRole, type PrinterRole, type ListedDevice, type HubEvents } from './hub';
export { startSimulatedBench, type SimulatedBench, type SimulatedBenchOptions } from './simulators/bench';
export { DeviceSettings, ScaleSetting, ScannerSetting, PrinterSetting, EMPTY_SETTINGS } from './settings';
export { parseAddress, formatAddress, type DeviceAddress } from './address';
export type { DriverState, DriverStatus } from './events';
export type { Scan } from './drivers/scanner-driver';
export type { TimedReading } from './drivers/scale-driver';
export type { JobInfo, JobState } from './print-queue';
export type { WeightReading, WeightStatus } from './types';
