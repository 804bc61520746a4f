import { useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { useDeskServices } from '../../shared/desk-services';
import { useModalFocus } from '../../shared/use-modal-focus';
import { useDeskStore } from '../../state/desk-store';
import { groupNumber, isNumberGrouping, NUMBER_GROUPINGS } from '../ringing/group-number';
import { AUDIO_ROUTES, choicesFor, ROUTE_KIND, type AudioRoute } from './device-choice';
import type { SeatSettings } from './seat-settings';
import { useDeviceDecisions } from './use-audio-routing';

const ROUTE_SETTING: Record<AudioRoute, keyof Pick<SeatSettings, 'microphoneId' | 'speakerId' | 'ringerId'>> = {
  microphone: 'microphoneId',
  speaker: 'speakerId',
  ringer: 'ringerId',
};
const ROUTE_TEST_ID: Record<AudioRoute, string> = { microphone: 'device-mic', speaker: 'device-speaker', ringer: 'device-ringer' };
const SAMPLE_NUMBER = '13812345678';

/**
 * This seat's settings: the microphone, the speaker or headset the call plays on, a separate
 * ringer (so a ring is heard with the headset off), and how numbers are grouped. Remembered on
 * this machine; applied at once, mid-call too.
 */
export function SettingsPanel({ onClose }: { onClose(): void }) {
  const { t } = useTranslation();
  const { sounds } = useDeskServices();
  const settings = useDeskStore((state) => state.settings);
  const changeSettings = useDeskStore((state) => state.changeSettings);
  const available = useDeskStore((state) => state.audioDevices.available);
  const microphoneLabel = useDeskStore((state) => state.audioDevices.microphoneLabel);
  const decisions = useDeviceDecisions();

  const dialog = useRef<HTMLElement>(null);
  useModalFocus(dialog, onClose);

  return (
    <div className="overlay" onClick={onClose}>
      <section
        ref={dialog}
        className="settings card"
        role="dialog"
        aria-modal="true"
        aria-labelledby="settings-title"
        data-testid="settings-panel"
        data-mic-label={microphoneLabel ?? ''}
        onClick={(event) => event.stopPropagation()}
      >
        <div className="settings__head">
          <h2 id="settings-title">{t('settings.title')}</h2>
          <button type="button" className="button button--small button--quiet" data-testid="settings-close" onClick={onClose}>
            {t('settings.close')}
          </button>
        </div>

        <fieldset className="settings__group">
          <legend>{t('settings.devices')}</legend>
          {AUDIO_ROUTES.map((route) => {
            const choices = choicesFor(available, ROUTE_KIND[route]);
            const chosen = settings[ROUTE_SETTING[route]];
            const listed = chosen === null || choices.some((device) => device.deviceId === chosen);
            return (
              <label key={route} className="field">
                <span>{t(`settings.route.${route}`)}</span>
                <select data-testid={ROUTE_TEST_ID[route]} value={chosen ?? ''} onChange={(event) => changeSettings({ [ROUTE_SETTING[route]]: event.target.value || null })}>
                  <option value="">{t('settings.systemDefault')}</option>
                  {choices.map((device, index) => (
                    <option key={device.deviceId} value={device.deviceId}>
                      {device.label || t(`settings.unnamed.${route}`, { number: index + 1 })}
                    </option>
                  ))}
                  {/* A chosen device that is unplugged stays chosen (it is used again when it returns). */}
                  {!listed && chosen && <option value={chosen}>{t('settings.missingDevice')}</option>}
                </select>
                {decisions[route].lost && (
                  <span className="field__error" role="status" data-testid={`${ROUTE_TEST_ID[route]}-lost`}>
                    {t('settings.fellBack')}
                  </span>
                )}
              </label>
            );
          })}
          <p className="settings__current muted">
            {t('settings.microphoneInUse')} <span data-testid="mic-in-use">{microphoneLabel || t('settings.none')}</span>
          </p>
          <button type="button" className="button button--small" data-testid="ringer-test" onClick={() => sounds.ringtone.play('ring', 1_000)}>
            {t('settings.testRinger')}
          </button>
        </fieldset>

        <fieldset className="settings__group">
          <legend>{t('settings.display')}</legend>
          <label className="field">
            <span>{t('settings.numberGrouping')}</span>
            <select
              data-testid="number-grouping"
              value={settings.numberGrouping}
              onChange={(event) => isNumberGrouping(event.target.value) && changeSettings({ numberGrouping: event.target.value })}
            >
              {NUMBER_GROUPINGS.map((grouping) => (
                <option key={grouping} value={grouping}>
                  {t(`settings.grouping.${grouping}`, { example: groupNumber(SAMPLE_NUMBER, grouping) })}
                </option>
              ))}
            </select>
          </label>
        </fieldset>
      </section>
    </div>
  );
}
