import { useTranslation } from 'react-i18next';
import { useMediaStats } from './use-media-stats';

/** Live evidence of audio both ways: byte counters from WebRTC stats, and whether they still grow. */
export function AudioMeter({ sessionId }: { sessionId: string }) {
  const { t } = useTranslation();
  const { stats, flowing } = useMediaStats(sessionId);
  const inbound = stats?.inboundAudioBytes ?? 0;
  const outbound = stats?.outboundAudioBytes ?? 0;

  return (
    <div className={`audio-meter${flowing ? ' audio-meter--flowing' : ''}`} data-testid="audio-meter" data-ice-state={stats?.iceState ?? 'none'}>
      <span className="audio-meter__status">
        <span className="dot" aria-hidden="true" />
        {flowing ? t('call.audioFlowing') : t('call.noAudio')}
        {stats && <span className="muted"> · ICE {stats.iceState}</span>}
      </span>
      <span className="audio-meter__counter">
        {t('call.audioIn')}{' '}
        <span data-testid="audio-in-bytes" data-bytes={inbound}>
          {inbound}
        </span>
      </span>
      <span className="audio-meter__counter">
        {t('call.audioOut')}{' '}
        <span data-testid="audio-out-bytes" data-bytes={outbound}>
          {outbound}
        </span>
      </span>
    </div>
  );
}
