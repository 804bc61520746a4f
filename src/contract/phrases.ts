import * as z from 'zod';
import { dispositionSchema } from './policy';

/**
 * Standard phrases (标准话术): what an agent says at each step of a call, kept on the central
 * server and edited by supervisors on the board. The desk has them at login (LoginResponse.phrases),
 * hears every change live (`phrasesChanged` on /v1/live) and reads them again on every reconnect;
 * the agent searches them, copies one, or inserts it into the wrap-up summary.
 *
 *   GET    /v1/phrases                 (desk or board session, anyone) -> PhraseBookResponse
 *   POST   /v1/board/phrases           (board, supervisors) PhraseRequest      -> PhraseChange: a new phrase, last of its group
 *   PUT    /v1/board/phrases/:id       (board, supervisors) PhraseRequest      -> PhraseChange: replaced; a new group puts it last there
 *   DELETE /v1/board/phrases/:id       (board, supervisors)                    -> PhraseChange: the phrase removed
 *   PUT    /v1/board/phrases/order     (board, supervisors) PhraseOrderRequest -> { book }: one group's new order
 *
 * An agent (or a supervisor's desk session) gets 403 on the writes. An unknown `:id` is 404. A
 * request that does not fit is 400 with what is wrong; a disposition code the server does not
 * offer is 400 too. An order that does not list exactly the group's phrases (someone changed the
 * group meanwhile) is 409 `stale-order`; a book already holding PHRASES_MAX phrases refuses a new
 * one with 409 `phrase-book-full`.
 *
 * Every change makes a new `revision` of the whole book (one counter, in the transaction of the
 * change), so a desk that hears two changes out of order keeps the newer.
 */

/**
 * What a phrase is for, in the order of a call: 问候 (rule 1: company name and 工号), 核实 (checking
 * who the caller is), 转接 (rule 5), 致歉 (rule 1: answered late), 结束语 (rule 4: the satisfaction
 * survey), and 业务类别 phrases for one disposition, mostly wording for the wrap-up summary.
 */
export const PHRASE_CATEGORIES = ['greeting', 'verification', 'transfer', 'apology', 'closing', 'disposition'] as const;
export const phraseCategorySchema = z.enum(PHRASE_CATEGORIES, { error: `category must be one of ${PHRASE_CATEGORIES.join(', ')}` });
export type PhraseCategory = z.infer<typeof phraseCategorySchema>;

/**
 * What a phrase's text may leave for the desk to fill in, written `{agentId}`: the agent's 工号 and
 * name, the customer's name (from the wrap-up form, else the caller's display name) and the
 * center's name (policy.companyName).
 */
export const PHRASE_PLACEHOLDERS = ['agentId', 'agentName', 'customerName', 'companyName'] as const;
export type PhrasePlaceholder = (typeof PHRASE_PLACEHOLDERS)[number];

export const PHRASE_TITLE_MAX = 40;
/** A phrase is said aloud: a few sentences. The cap keeps the whole book small enough for every login and live frame. */
export const PHRASE_TEXT_MAX = 1_000;
export const PHRASES_MAX = 200;

export function isPhrasePlaceholder(name: string): name is PhrasePlaceholder {
  return (PHRASE_PLACEHOLDERS as readonly string[]).includes(name);
}

/** Text, or one placeholder: a phrase's text read left to right. */
export type PhrasePart = { kind: 'text'; text: string } | { kind: 'placeholder'; name: PhrasePlaceholder };

/** `{name}` with a name that could be a placeholder (an identifier); braces around anything else are plain text. */
const PLACEHOLDER_TOKEN = /\{([A-Za-z_][A-Za-z0-9_]{0,31})\}/g;

/**
 * A phrase's text as parts: `{agentId}` and the other PHRASE_PLACEHOLDERS are placeholders,
 * everything else (other braces, `{unknown}`) is text, kept as written. Adjacent text is one part.
 */
export function phraseParts(text: string): PhrasePart[] {
  const parts: PhrasePart[] = [];
  const pushText = (piece: string) => {
    if (piece === '') return;
    const last = parts.at(-1);
    if (last?.kind === 'text') last.text += piece;
    else parts.push({ kind: 'text', text: piece });
  };
  let from = 0;
  for (const match of text.matchAll(PLACEHOLDER_TOKEN)) {
    const name = match[1] ?? '';
    if (!isPhrasePlaceholder(name)) continue;
    pushText(text.slice(from, match.index));
    parts.push({ kind: 'placeholder', name });
    from = match.index + match[0].length;
  }
  pushText(text.slice(from));
  return parts;
}

/** The `{name}` tokens of `text` that name no placeholder (a typo such as `{agentID}`), each once. */
export function unknownPlaceholdersIn(text: string): string[] {
  const names = [...text.matchAll(PLACEHOLDER_TOKEN)].map((match) => match[1] ?? '').filter((name) => !isPhrasePlaceholder(name));
  return [...new Set(names)];
}

/** Control characters other than line breaks and tabs: they have no place in something read aloud. */
const CONTROL_EXCEPT_LINES = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f]/u;

const titleSchema = z
  .string()
  .trim()
  .min(1, 'a title is required')
  .max(PHRASE_TITLE_MAX, `a title of at most ${PHRASE_TITLE_MAX} characters`)
  .regex(/^[^\p{Cc}]*$/u, 'a title without control characters');

const textSchema = z
  .string()
  .trim()
  .min(1, 'a text is required')
  .max(PHRASE_TEXT_MAX, `a text of at most ${PHRASE_TEXT_MAX} characters`)
  .refine((text) => !CONTROL_EXCEPT_LINES.test(text), 'a text without control characters (line breaks are fine)')
  .superRefine((text, context) => {
    const unknown = unknownPlaceholdersIn(text);
    if (unknown.length === 0) return;
    context.addIssue({
      code: 'custom',
      message: `unknown placeholder ${unknown.map((name) => `{${name}}`).join(' ')}: the placeholders are ${PHRASE_PLACEHOLDERS.map((name) => `{${name}}`).join(' ')}`,
    });
  });

const dispositionCodeSchema = z.string().min(1).max(32);

/** What a supervisor writes: a disposition phrase names its disposition, any other none. */
export const phraseRequestSchema = z
  .object({
    category: phraseCategorySchema,
    dispositionCode: dispositionCodeSchema.nullable().default(null),
    title: titleSchema,
    text: textSchema,
  })
  .refine((phrase) => (phrase.category === 'disposition') === (phrase.dispositionCode !== null), {
    message: 'a disposition phrase needs its disposition code, and only a disposition phrase has one',
    path: ['dispositionCode'],
  });
export type PhraseRequest = z.input<typeof phraseRequestSchema>;

/** Which phrases a group is: a category, and for disposition phrases the disposition. */
export const phraseGroupSchema = z.object({ category: phraseCategorySchema, dispositionCode: dispositionCodeSchema.nullable().default(null) });
export type PhraseGroup = z.output<typeof phraseGroupSchema>;

/** A group's phrases in their new order: every one of them, each once. */
export const phraseOrderRequestSchema = phraseGroupSchema.extend({
  ids: z
    .array(z.uuid())
    .min(1)
    .max(PHRASES_MAX)
    .refine((ids) => new Set(ids.map((id) => id.toLowerCase())).size === ids.length, 'each phrase once'),
});
export type PhraseOrderRequest = z.input<typeof phraseOrderRequestSchema>;

export const phraseIdParamsSchema = z.object({ id: z.uuid({ error: 'a phrase id (UUID)' }) });

const epochMs = z.number().int().nonnegative();

/**
 * A phrase as desks and boards read it. Reading is lenient where writing is strict (a text with an
 * unknown placeholder still reads): one odd row must never stop a desk from logging in.
 */
export const phraseSchema = z.object({
  id: z.uuid(),
  category: phraseCategorySchema,
  dispositionCode: dispositionCodeSchema.nullable(),
  title: z.string().max(PHRASE_TITLE_MAX),
  text: z.string().max(PHRASE_TEXT_MAX),
  /** Its place in its group, smallest first. */
  sortOrder: z.number().int(),
  /** The supervisor who last changed its wording; null for a phrase as the server was installed with it. */
  editedBy: z.object({ agentId: z.string().max(32), name: z.string().max(64) }).nullable(),
  editedAt: epochMs.nullable(),
});
export type Phrase = z.infer<typeof phraseSchema>;

/** Every phrase, by category (PHRASE_CATEGORIES order), then disposition code, then place. */
export const phraseBookSchema = z.object({
  revision: z.number().int().nonnegative(),
  phrases: z.array(phraseSchema).max(PHRASES_MAX),
});
export type PhraseBook = z.infer<typeof phraseBookSchema>;

/** GET /v1/phrases: the book, and the dispositions a disposition phrase may be for (the board's editor offers them). */
export const phraseBookResponseSchema = phraseBookSchema.extend({ dispositions: z.array(dispositionSchema) });
export type PhraseBookResponse = z.infer<typeof phraseBookResponseSchema>;

/** A write's answer: the phrase it made, changed or removed, and the book after it. */
export const phraseChangeSchema = z.object({ phrase: phraseSchema, book: phraseBookSchema });
export type PhraseChange = z.infer<typeof phraseChangeSchema>;

export const phraseOrderResponseSchema = z.object({ book: phraseBookSchema });
