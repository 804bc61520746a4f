export * from './policy';
export * from './sync';
export * from './desk';
export * from './media';
export * from './survey';
export * from './live';
export * from './sessions';
export * from './board';
