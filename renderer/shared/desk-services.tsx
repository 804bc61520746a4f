import { createContext, useContext, type ReactNode } from 'react';
import type { DeskApi, MediaEngine } from '../../src/contract';
import type { Remote } from '../../src/rpc';
import type { AudioRouting } from '../media/audio-routing';
import type { DeskSounds } from '../media/desk-sounds';

/**
 * What components may call: desk commands (to main), the local media engine (for stats), the
 * desk's own sounds, and the routing of audio to this machine's devices.
 */
export interface DeskServices {
  desk: Remote<DeskApi>;
  media: Pick<MediaEngine, 'stats'>;
  sounds: DeskSounds;
  audio: AudioRouting;
}

const DeskServicesContext = createContext<DeskServices | null>(null);

export function DeskServicesProvider({ services, children }: { services: DeskServices; children: ReactNode }) {
  return <DeskServicesContext.Provider value={services}>{children}</DeskServicesContext.Provider>;
}

export function useDeskServices(): DeskServices {
  const services = useContext(DeskServicesContext);
  if (!services) throw new Error('useDeskServices needs a DeskServicesProvider');
  return services;
}
