/** Why the desk store refused a write or could not open; `code` is stable for callers and i18n. */
export type StoreErrorCode =
  | 'invalid-record'
  | 'unknown-call'
  | 'call-already-recorded'
  | 'not-your-call'
  | 'wrap-up-already-saved'
  | 'schema-too-new'
  | 'invalid-query'
  /** Not a promise of the agent's (or not one this desk knows). */
  | 'unknown-promise'
  | 'promise-kept'
  /** A promise or ticket in a handover nobody has accepted yet: read-only until then. */
  | 'item-in-handover';

export class StoreError extends Error {
  constructor(
    readonly code: StoreErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'StoreError';
  }
}
