import type { Database, Statement } from 'better-sqlite3';
import { v7 as uuidv7 } from 'uuid';
import * as z from 'zod';
import { agentIdSchema, dispositionSchema, phraseBookSchema, policySchema } from '../../src/contract';

/** Every key the desk keeps in `kv`, with the shape its value must have. */
export const settingSchemas = {
  /** Identifies this desk installation to the server (LoginRequest.deviceId). */
  deviceId: z.string().min(1).max(64),
  /** Pre-fills the login form. */
  lastAgentId: agentIdSchema,
  /** The server's last policy set and disposition list, for working before the server answers. */
  policy: policySchema,
  dispositions: z.array(dispositionSchema),
  /** The standard phrases last heard from the server (at login or live), for a server that sends none. */
  phrases: phraseBookSchema,
} satisfies Record<string, z.ZodType>;

export type SettingKey = keyof typeof settingSchemas;
export type SettingValue<K extends SettingKey> = z.infer<(typeof settingSchemas)[K]>;

/**
 * Typed key/value settings. Values are validated on write and again on read: a value written by
 * an older desk that no longer fits reads as absent rather than breaking the desk.
 */
export class SettingsRepo {
  private readonly select: Statement<[string], { value: string }>;
  private readonly upsert: Statement<[string, string]>;
  private readonly remove: Statement<[string]>;

  constructor(
    private readonly db: Database,
    private readonly newDeviceId: () => string = uuidv7,
  ) {
    this.select = db.prepare('SELECT value FROM kv WHERE key = ?');
    this.upsert = db.prepare('INSERT INTO kv (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value');
    this.remove = db.prepare('DELETE FROM kv WHERE key = ?');
  }

  get<K extends SettingKey>(key: K): SettingValue<K> | null {
    const row = this.select.get(key);
    if (!row) return null;
    const parsed = settingSchemas[key].safeParse(JSON.parse(row.value));
    return parsed.success ? (parsed.data as SettingValue<K>) : null;
  }

  set<K extends SettingKey>(key: K, value: SettingValue<K>): void {
    const valid = settingSchemas[key].parse(value);
    this.upsert.run(key, JSON.stringify(valid));
  }

  delete(key: SettingKey): void {
    this.remove.run(key);
  }

  /** This installation's id, made on first use and kept for the life of the database. */
  deviceId(): string {
    return this.db.transaction(() => {
      const existing = this.get('deviceId');
      if (existing) return existing;
      const made = this.newDeviceId();
      this.set('deviceId', made);
      return made;
    }).immediate();
  }
}
