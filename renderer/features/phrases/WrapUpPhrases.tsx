import type { UseFormReturn } from 'react-hook-form';
import type { DeskSnapshot } from '../../../src/contract';
import type { WrapUpFormValues } from '../wrap-up/wrap-up-form';
import { insertIntoTextArea } from './insert-into-text-area';
import { PhrasePicker } from './PhrasePicker';
import { nameFromDisplayName, phraseValuesOf } from './phrase-values';

const SUMMARY: keyof WrapUpFormValues = 'summary';

/**
 * The phrase picker in a wrap-up form: the customer's name is the one typed in the form (else the
 * caller's display name), and a phrase goes into the summary at its cursor.
 */
export function WrapUpPhrases({ form, snapshot, callId }: { form: UseFormReturn<WrapUpFormValues>; snapshot: DeskSnapshot; callId: string }) {
  const typedName = form.watch('customerName');
  const disposition = form.watch('disposition');
  const displayName = snapshot.recentCalls.find((call) => call.callId === callId)?.remoteDisplayName ?? '';
  const values = phraseValuesOf(snapshot, typedName.trim() || nameFromDisplayName(displayName));

  const insert = (text: string, button: HTMLButtonElement) => {
    // The summary is the field of that name in the button's own form (register names it).
    const summary = button.form?.elements.namedItem(SUMMARY);
    if (!(summary instanceof HTMLTextAreaElement)) return;
    // Back where the agent was writing, to go on typing after the phrase.
    summary.focus();
    insertIntoTextArea(summary, text);
  };

  return <PhrasePicker phrases={snapshot.phrases} dispositions={snapshot.dispositions} values={values} disposition={disposition} onInsert={insert} />;
}
