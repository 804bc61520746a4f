import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { TFunction } from 'i18next';
import { PHRASE_CATEGORIES, type Disposition, type Phrase, type PhraseBook, type PhraseBookResponse, type PhraseCategory, type PhraseRequest } from '../../../src/contract';
import { localClockOf, localDateOf } from '../../../src/domain/local-time';
import { isLanguage } from '../../../src/i18n/languages';
import { BoardApiError, boardApi } from '../../api/board-api';
import { errorText } from '../../shared/error-text';
import { useLoaded } from '../../shared/use-loaded';
import type { BoardSession } from '../../state/board-store';
import { PhraseForm } from './PhraseForm';
import { movedOneStep } from './phrase-order';

/** Refusals that mean this board's book is older than the server's. */
const OUT_OF_DATE = new Set(['not-found', 'stale-order']);

interface Group {
  key: string;
  category: PhraseCategory;
  dispositionCode: string | null;
  heading: string;
  phrases: Phrase[];
}

/**
 * The standard phrases (话术) the desks use, kept by supervisors: every group as a call goes (each
 * disposition its own), a form to add one, and per phrase edit, delete (asked twice) and up/down.
 * Each change answers with the whole book, which is what this shows from then on; desks hear it live.
 */
export function PhrasesView({ session }: { session: BoardSession }) {
  const { t, i18n } = useTranslation();
  const language = isLanguage(i18n.language) ? i18n.language : 'zh-CN';
  const [failure, setFailure] = useState<string | null>(null);
  const onError = (error: unknown) => setFailure(errorText(t, error));
  // Bumped to read the book again: a change was refused because someone else changed it meanwhile.
  const [reload, setReload] = useState(0);
  const loaded = useLoaded(`phrases@${reload}`, () => boardApi.phrases(session.token), onError);
  const [changed, setChanged] = useState<PhraseBookResponse | null>(null);
  // The newest book known: what a change answered, or what was read (shown on while it is read again).
  const current = !loaded || (changed && changed.revision > loaded.revision) ? changed : loaded;
  const [editing, setEditing] = useState<string | null>(null);
  const [confirmingDelete, setConfirmingDelete] = useState<string | null>(null);
  const offset = session.policy.shift.utcOffsetMinutes;

  /**
   * A change, then the book it answered is shown. Refused, the refusal is shown and thrown on (a
   * form keeps what was typed); refused as out of date, the book is read again.
   */
  const run = async (work: () => Promise<PhraseBook>): Promise<void> => {
    setFailure(null);
    try {
      const book = await work();
      setChanged({ ...book, dispositions: current?.dispositions ?? [] });
    } catch (error) {
      setFailure(errorText(t, error));
      if (error instanceof BoardApiError && OUT_OF_DATE.has(error.code)) setReload((value) => value + 1);
      throw error;
    }
  };
  const create = (phrase: PhraseRequest) => run(async () => (await boardApi.createPhrase(session.token, phrase)).book);
  const update = (id: string, phrase: PhraseRequest) =>
    run(async () => (await boardApi.updatePhrase(session.token, id, phrase)).book).then(() => setEditing(null));
  const remove = (id: string) => void run(async () => (await boardApi.deletePhrase(session.token, id)).book).catch(() => undefined);
  const move = (group: Group, id: string, by: -1 | 1) =>
    void run(() =>
      boardApi.reorderPhrases(session.token, {
        category: group.category,
        dispositionCode: group.dispositionCode,
        ids: movedOneStep(
          group.phrases.map((phrase) => phrase.id),
          id,
          by,
        ),
      }),
    ).catch(() => undefined);

  const groups = current ? groupsOf(current.phrases, current.dispositions, (category, disposition) => headingOf(t, category, disposition, language)) : [];

  return (
    <div className="phrases-view" data-testid="phrases-view">
      {failure && <p role="alert">{failure}</p>}
      <section className="report-card" data-testid="phrase-add">
        <h2>{t('phrases.addTitle')}</h2>
        {current && (
          <PhraseForm
            initial={{ category: 'greeting', dispositionCode: '', title: '', text: '' }}
            dispositions={current.dispositions}
            language={language}
            submitLabel={t('phrases.add')}
            clearWhenDone
            onSubmit={create}
          />
        )}
      </section>
      {groups.map((group) => (
        <section key={group.key} className="report-card phrase-group" data-testid={`phrase-group-${group.key}`}>
          <h2>{group.heading}</h2>
          {group.phrases.length === 0 ? (
            <p className="muted">{t('phrases.emptyGroup')}</p>
          ) : (
            <table className="report-table phrase-table">
              <colgroup>
                <col className="phrase-col-title" />
                <col />
                <col className="phrase-col-edited" />
                <col className="phrase-col-buttons" />
              </colgroup>
              <tbody>
                {group.phrases.map((phrase, index) =>
                  editing === phrase.id ? (
                    <tr key={phrase.id} data-testid="phrase-editing" data-phrase-id={phrase.id}>
                      <td colSpan={4}>
                        <PhraseForm
                          initial={{ category: phrase.category, dispositionCode: phrase.dispositionCode ?? '', title: phrase.title, text: phrase.text }}
                          dispositions={current?.dispositions ?? []}
                          language={language}
                          submitLabel={t('phrases.save')}
                          onSubmit={(request) => update(phrase.id, request)}
                          onCancel={() => setEditing(null)}
                        />
                      </td>
                    </tr>
                  ) : (
                    <tr key={phrase.id} data-testid="phrase-row" data-phrase-id={phrase.id}>
                      <td className="phrase-title">{phrase.title}</td>
                      <td className="phrase-text" data-testid="phrase-row-text">
                        {phrase.text}
                      </td>
                      <td className="muted">
                        {phrase.editedBy && phrase.editedAt !== null
                          ? t('phrases.editedBy', { name: phrase.editedBy.name, agentId: phrase.editedBy.agentId, date: localDateOf(phrase.editedAt, offset), time: localClockOf(phrase.editedAt, offset) })
                          : t('phrases.asInstalled')}
                      </td>
                      <td className="phrase-buttons">
                        <button type="button" data-testid="phrase-up" aria-label={t('phrases.up')} disabled={index === 0} onClick={() => move(group, phrase.id, -1)}>
                          ↑
                        </button>
                        <button type="button" data-testid="phrase-down" aria-label={t('phrases.down')} disabled={index === group.phrases.length - 1} onClick={() => move(group, phrase.id, 1)}>
                          ↓
                        </button>
                        <button type="button" data-testid="phrase-edit" onClick={() => setEditing(phrase.id)}>
                          {t('phrases.edit')}
                        </button>
                        {confirmingDelete === phrase.id ? (
                          <button type="button" className="danger" data-testid="phrase-delete-confirm" onClick={() => remove(phrase.id)} onBlur={() => setConfirmingDelete(null)}>
                            {t('phrases.deleteConfirm')}
                          </button>
                        ) : (
                          <button type="button" className="danger" data-testid="phrase-delete" onClick={() => setConfirmingDelete(phrase.id)}>
                            {t('phrases.delete')}
                          </button>
                        )}
                      </td>
                    </tr>
                  ),
                )}
              </tbody>
            </table>
          )}
        </section>
      ))}
    </div>
  );
}

function headingOf(t: TFunction, category: PhraseCategory, disposition: Disposition | null, language: 'zh-CN' | 'en'): string {
  const name = t(`phrases.category.${category}`);
  return disposition ? t('phrases.dispositionGroup', { category: name, disposition: disposition.label[language] }) : name;
}

/** Every group a phrase can be in, as a call goes, each disposition its own, even when empty: a supervisor sees what is missing. */
function groupsOf(phrases: readonly Phrase[], dispositions: readonly Disposition[], heading: (category: PhraseCategory, disposition: Disposition | null) => string): Group[] {
  const ofGroup = (category: PhraseCategory, dispositionCode: string | null) => phrases.filter((phrase) => phrase.category === category && phrase.dispositionCode === dispositionCode);
  return PHRASE_CATEGORIES.flatMap((category): Group[] =>
    category === 'disposition'
      ? dispositions.map((disposition) => ({ key: `disposition-${disposition.code}`, category, dispositionCode: disposition.code, heading: heading(category, disposition), phrases: ofGroup(category, disposition.code) }))
      : [{ key: category, category, dispositionCode: null, heading: heading(category, null), phrases: ofGroup(category, null) }],
  );
}
