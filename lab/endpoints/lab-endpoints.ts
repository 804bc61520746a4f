import type { DirectoryEntry } from '../../src/contract/sync';
import { systemClock, type Clock } from '../../src/domain/clock';
import { startLabEndpoint, type Arrival, type LabEndpoint, type SurveyReporter } from './lab-endpoint';

export type { Arrival } from './lab-endpoint';

export interface LabEndpointsOptions {
  /** The lab Kamailio's SIP over WebSocket address. */
  wsUrl: string;
  domain: string;
  /** Kamailio's auth_ephemeral secret (the endpoints mint their own credentials). */
  secret: string;
  /** One auto-answering endpoint per extension (the department phones of DOMAIN.md rule 5). */
  directory: readonly DirectoryEntry[];
  /** The satisfaction survey IVR of DOMAIN.md rule 4 (policy `surveyExtension`). */
  surveyExtension: string;
  /** How long the survey waits for a rating key before it hangs up; default 2 s. */
  surveyHangUpAfterMs?: number;
  /** Where the survey IVR reports ratings (the lab: POST to its central server with the IVR token). */
  reportSurvey?: SurveyReporter;
  clock?: Clock;
}

export interface LabEndpoints {
  /** Calls that arrived, oldest first: at one extension, or at all of them. */
  arrivals(extension?: string): Arrival[];
  /** The SIP INFO tones of the latest call to `extension` ('' when none arrived). */
  dtmf(extension: string): string;
  stop(): Promise<void>;
}

const SURVEY_HANG_UP_AFTER_MS = 2_000;

/**
 * The far ends a desk transfers calls to, as real SIP.js user agents registered with the lab's
 * Kamailio: each directory extension and the survey IVR answer at once and record what arrived
 * (caller, Referred-By, DTMF); the survey IVR takes a rating key (1 satisfied, 2 neutral,
 * 3 dissatisfied), reports it against the desk's call id, and hangs up.
 */
export async function startLabEndpoints(options: LabEndpointsOptions): Promise<LabEndpoints> {
  const clock = options.clock ?? systemClock;
  const extensions = [...options.directory.map((entry) => entry.extension), options.surveyExtension];
  const duplicate = extensions.find((extension, index) => extensions.indexOf(extension) !== index);
  if (duplicate !== undefined) throw new Error(`extension ${duplicate} is listed twice (the survey extension must not be a department)`);

  const connection = { wsUrl: options.wsUrl, domain: options.domain, secret: options.secret, clock };
  const starting = [
    ...options.directory.map((entry) =>
      startLabEndpoint({ ...connection, extension: entry.extension, displayName: entry.name ? `${entry.department} ${entry.name}` : entry.department }),
    ),
    startLabEndpoint({
      ...connection,
      extension: options.surveyExtension,
      displayName: '满意度调查 Survey',
      hangUpAfterMs: options.surveyHangUpAfterMs ?? SURVEY_HANG_UP_AFTER_MS,
      ...(options.reportSurvey ? { survey: options.reportSurvey } : {}),
    }),
  ];
  const results = await Promise.allSettled(starting);
  const endpoints = results.flatMap((result) => (result.status === 'fulfilled' ? [result.value] : []));
  const failure = results.find((result): result is PromiseRejectedResult => result.status === 'rejected');
  if (failure) {
    await Promise.all(endpoints.map((endpoint) => endpoint.stop()));
    throw failure.reason;
  }

  let stopped: Promise<void> | undefined;
  const endpointAt = (extension: string): LabEndpoint | undefined => endpoints.find((endpoint) => endpoint.extension === extension);
  return {
    arrivals: (extension) =>
      (extension === undefined ? endpoints : [endpointAt(extension)].filter((endpoint) => endpoint !== undefined))
        .flatMap((endpoint) => endpoint.arrivals())
        .sort((a, b) => a.at - b.at),
    dtmf: (extension) => endpointAt(extension)?.arrivals().at(-1)?.dtmf ?? '',
    stop: () => {
      stopped ??= Promise.all(endpoints.map((endpoint) => endpoint.stop())).then(() => undefined);
      return stopped;
    },
  };
}
