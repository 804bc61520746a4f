import * as z from 'zod';
import { phraseCategorySchema, phraseRequestSchema } from '../../../src/contract';

/**
 * The phrase form as typed (a select gives '' for no disposition), checked with the server's own
 * request schema, whose issues land on the same fields: what the form accepts, the server accepts.
 */
export const phraseFormSchema = z
  .object({ category: phraseCategorySchema, dispositionCode: z.string(), title: z.string(), text: z.string() })
  .transform(({ category, dispositionCode, title, text }, context) => {
    const request = phraseRequestSchema.safeParse({ category, dispositionCode: category === 'disposition' ? dispositionCode || null : null, title, text });
    if (request.success) return request.data;
    for (const issue of request.error.issues) context.addIssue({ code: 'custom', message: issue.message, path: issue.path });
    return z.NEVER;
  });

export type PhraseFormValues = z.input<typeof phraseFormSchema>;
