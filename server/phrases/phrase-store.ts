import type { Kysely, Transaction } from 'kysely';
import { v7 as uuidv7 } from 'uuid';
import { PHRASE_CATEGORIES, PHRASES_MAX, type Phrase, type PhraseBook, type PhraseGroup } from '../../src/contract';
import type { Database, PhrasesTable } from '../db/schema';

/** The standard phrases (src/contract/phrases.ts), read fresh on every use: every instance sees a change at once. */

/** A phrase as a supervisor wrote it, once the contract's schema has checked it. */
export interface PhraseWording {
  category: PhrasesTable['category'];
  dispositionCode: string | null;
  title: string;
  text: string;
}

/** Why a change was refused; the routes turn each into its HTTP answer. */
export type PhraseRefusal = 'not-found' | 'unknown-disposition' | 'book-full' | 'stale-order';

export class PhraseChangeRefused extends Error {
  constructor(
    readonly reason: PhraseRefusal,
    message: string,
  ) {
    super(message);
    this.name = 'PhraseChangeRefused';
  }
}

const CATEGORY_ORDER = new Map(PHRASE_CATEGORIES.map((category, index) => [category, index]));

function selectPhrases(db: Kysely<Database>) {
  return db
    .selectFrom('phrases')
    .leftJoin('agents as editor', 'editor.agent_id', 'phrases.edited_by')
    .leftJoin('dispositions', 'dispositions.code', 'phrases.disposition_code')
    .select([
      'phrases.id',
      'phrases.category',
      'phrases.disposition_code',
      'phrases.title',
      'phrases.text',
      'phrases.sort_order',
      'phrases.edited_by',
      'editor.name as edited_by_name',
      'phrases.edited_at',
      'dispositions.sort_order as disposition_order',
    ]);
}

type PhraseRow = Awaited<ReturnType<ReturnType<typeof selectPhrases>['execute']>>[number];

function toPhrase(row: PhraseRow): Phrase {
  return {
    id: row.id,
    category: row.category,
    dispositionCode: row.disposition_code,
    title: row.title,
    text: row.text,
    sortOrder: row.sort_order,
    editedBy: row.edited_by === null ? null : { agentId: row.edited_by, name: row.edited_by_name ?? '' },
    editedAt: row.edited_at,
  };
}

const compare = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/**
 * In the book's order: category as a call goes, disposition phrases as the wrap-up form lists the
 * dispositions, then place; ids break ties, so the order never changes between two reads.
 */
function inBookOrder(a: PhraseRow, b: PhraseRow): number {
  return (
    (CATEGORY_ORDER.get(a.category) ?? 0) - (CATEGORY_ORDER.get(b.category) ?? 0) ||
    (a.disposition_order ?? 0) - (b.disposition_order ?? 0) ||
    compare(a.disposition_code ?? '', b.disposition_code ?? '') ||
    a.sort_order - b.sort_order ||
    compare(a.id, b.id)
  );
}

/** The whole book as it stands (inside `db`'s transaction, if it is one). */
export async function phraseBook(db: Kysely<Database>): Promise<PhraseBook> {
  const { revision } = await db.selectFrom('phrase_book').select('revision').executeTakeFirstOrThrow();
  const rows = await selectPhrases(db).execute();
  return { revision, phrases: rows.sort(inBookOrder).map(toPhrase) };
}

/**
 * Runs one change of the book in a transaction that first raises the revision: the row lock on
 * `phrase_book` makes concurrent changes take turns, so revisions follow the order of commits
 * and each change sees the one before it. Returns what `change` returns and the book after it.
 */
async function changeBook<T>(db: Kysely<Database>, change: (trx: Transaction<Database>) => Promise<T>): Promise<{ result: T; book: PhraseBook }> {
  return db.transaction().execute(async (trx) => {
    await trx
      .updateTable('phrase_book')
      .set((eb) => ({ revision: eb('revision', '+', 1) }))
      .execute();
    const result = await change(trx);
    return { result, book: await phraseBook(trx) };
  });
}

async function requireDisposition(trx: Transaction<Database>, code: string | null): Promise<void> {
  if (code === null) return;
  const found = await trx.selectFrom('dispositions').select('code').where('code', '=', code).executeTakeFirst();
  if (!found) throw new PhraseChangeRefused('unknown-disposition', `dispositionCode: the server offers no disposition ${JSON.stringify(code)}`);
}

function inGroup(trx: Transaction<Database>, group: PhraseGroup) {
  const query = trx.selectFrom('phrases').where('category', '=', group.category);
  return group.dispositionCode === null ? query.where('disposition_code', 'is', null) : query.where('disposition_code', '=', group.dispositionCode);
}

/** The place after the group's last phrase. */
async function lastPlaceIn(trx: Transaction<Database>, group: PhraseGroup): Promise<number> {
  const { last } = await inGroup(trx, group)
    .select((eb) => eb.fn.max('sort_order').as('last'))
    .executeTakeFirstOrThrow();
  return (last ?? 0) + 1;
}

async function phraseIn(trx: Transaction<Database>, id: string): Promise<Phrase> {
  const row = await selectPhrases(trx).where('phrases.id', '=', id).executeTakeFirst();
  if (!row) throw new PhraseChangeRefused('not-found', `no phrase ${id}`);
  return toPhrase(row);
}

/** Adds a phrase at the end of its group. */
export async function createPhrase(db: Kysely<Database>, wording: PhraseWording, byAgentId: string, now: number): Promise<{ phrase: Phrase; book: PhraseBook }> {
  const { result, book } = await changeBook(db, async (trx) => {
    const { count } = await trx
      .selectFrom('phrases')
      .select((eb) => eb.fn.countAll<number>().as('count'))
      .executeTakeFirstOrThrow();
    if (Number(count) >= PHRASES_MAX) throw new PhraseChangeRefused('book-full', `the phrase book holds at most ${PHRASES_MAX} phrases: remove one first`);
    await requireDisposition(trx, wording.dispositionCode);
    const id = uuidv7();
    await trx
      .insertInto('phrases')
      .values({
        id,
        category: wording.category,
        disposition_code: wording.dispositionCode,
        title: wording.title,
        text: wording.text,
        sort_order: await lastPlaceIn(trx, wording),
        edited_by: byAgentId,
        edited_at: now,
      })
      .execute();
    return phraseIn(trx, id);
  });
  return { phrase: result, book };
}

/** Replaces a phrase's wording; one moved to another group goes to the end of it. */
export async function updatePhrase(db: Kysely<Database>, id: string, wording: PhraseWording, byAgentId: string, now: number): Promise<{ phrase: Phrase; book: PhraseBook }> {
  const { result, book } = await changeBook(db, async (trx) => {
    const before = await phraseIn(trx, id);
    await requireDisposition(trx, wording.dispositionCode);
    const sameGroup = before.category === wording.category && before.dispositionCode === wording.dispositionCode;
    await trx
      .updateTable('phrases')
      .set({
        category: wording.category,
        disposition_code: wording.dispositionCode,
        title: wording.title,
        text: wording.text,
        sort_order: sameGroup ? before.sortOrder : await lastPlaceIn(trx, wording),
        edited_by: byAgentId,
        edited_at: now,
      })
      .where('id', '=', id)
      .execute();
    return phraseIn(trx, id);
  });
  return { phrase: result, book };
}

/** Removes a phrase; returns it as it was. */
export async function deletePhrase(db: Kysely<Database>, id: string): Promise<{ phrase: Phrase; book: PhraseBook }> {
  const { result, book } = await changeBook(db, async (trx) => {
    const removed = await phraseIn(trx, id);
    await trx.deleteFrom('phrases').where('id', '=', id).execute();
    return removed;
  });
  return { phrase: result, book };
}

/**
 * Puts a group's phrases in the order of `ids`, which must name every phrase of the group once:
 * an order made before someone else added or removed one of them is refused, not half applied.
 */
export async function reorderPhrases(db: Kysely<Database>, group: PhraseGroup, ids: readonly string[]): Promise<PhraseBook> {
  const { book } = await changeBook(db, async (trx) => {
    const current = (await inGroup(trx, group).select('id').execute()).map((row) => row.id.toLowerCase());
    const wanted = ids.map((id) => id.toLowerCase());
    const wantedSet = new Set(wanted);
    if (current.length !== wanted.length || current.some((id) => !wantedSet.has(id))) {
      throw new PhraseChangeRefused('stale-order', 'the order does not list exactly the phrases of the group now: load the phrases again');
    }
    for (const [index, id] of wanted.entries()) await trx.updateTable('phrases').set({ sort_order: index + 1 }).where('id', '=', id).execute();
  });
  return book;
}
