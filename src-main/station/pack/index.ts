// The packing bench, from outside: the station wired to the devices and the core (bench.ts), and
// the pieces a caller may stand in for (the core, the devices). The flow's parts stay inside.
export { startPackBench, startPackingStation, hubDevices, type PackBench, type PackBenchOptions } from './bench';
export { PackStation, type BenchDevices, type PackStationOptions, type StationWeight } from './station';
export { httpPackCore } from './http-core';
export type { PackCore } from './core';
