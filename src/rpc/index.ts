export * from './wire';
export * from './errors';
export * from './peer';
export * from './memory-transport';
