import * as z from 'zod';
import { NUMBER_GROUPINGS } from '../ringing/group-number';

/**
 * This seat's own settings, kept in the browser's localStorage: device ids only mean something on
 * the machine that listed them, so they never go to main or the server. Absent device ids mean
 * the system default.
 */
export const seatSettingsSchema = z.object({
  numberGrouping: z.enum(NUMBER_GROUPINGS).catch('auto'),
  microphoneId: z.string().max(256).nullable().catch(null),
  speakerId: z.string().max(256).nullable().catch(null),
  ringerId: z.string().max(256).nullable().catch(null),
});
export type SeatSettings = z.infer<typeof seatSettingsSchema>;

export const DEFAULT_SEAT_SETTINGS: SeatSettings = { numberGrouping: 'auto', microphoneId: null, speakerId: null, ringerId: null };

export const SEAT_SETTINGS_STORAGE_KEY = 'seatdesk.seatSettings';

/** The remembered settings; missing, unreadable or partly bad storage falls back field by field to the defaults. */
export function loadSeatSettings(storage: Pick<Storage, 'getItem'> | null): SeatSettings {
  try {
    const stored = storage?.getItem(SEAT_SETTINGS_STORAGE_KEY);
    if (!stored) return DEFAULT_SEAT_SETTINGS;
    const parsed = seatSettingsSchema.safeParse({ ...DEFAULT_SEAT_SETTINGS, ...(JSON.parse(stored) as object) });
    return parsed.success ? parsed.data : DEFAULT_SEAT_SETTINGS;
  } catch {
    return DEFAULT_SEAT_SETTINGS;
  }
}

export function saveSeatSettings(storage: Pick<Storage, 'setItem'> | null, settings: SeatSettings): void {
  try {
    storage?.setItem(SEAT_SETTINGS_STORAGE_KEY, JSON.stringify(settings));
  } catch {
    // Not remembering is harmless: the next launch uses the defaults.
  }
}
