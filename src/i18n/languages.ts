/** The UI languages, default first (DOMAIN.md: Simplified Chinese by default, English available). */
export const LANGUAGES = ['zh-CN', 'en'] as const;
export type Language = (typeof LANGUAGES)[number];
export const DEFAULT_LANGUAGE: Language = 'zh-CN';

export const LANGUAGE_STORAGE_KEY = 'seatdesk.language';

export function isLanguage(value: unknown): value is Language {
  return typeof value === 'string' && (LANGUAGES as readonly string[]).includes(value);
}

/** Where the choice is remembered: the page's localStorage in the desk and on the board. */
export interface LanguageStorage {
  getItem(key: string): string | null;
  setItem(key: string, value: string): void;
}

/** The remembered choice, or the default; a storage that throws (privacy modes) means the default. */
export function rememberedLanguage(storage: Pick<LanguageStorage, 'getItem'>): Language {
  try {
    const stored = storage.getItem(LANGUAGE_STORAGE_KEY);
    return isLanguage(stored) ? stored : DEFAULT_LANGUAGE;
  } catch {
    return DEFAULT_LANGUAGE;
  }
}

export function rememberLanguage(storage: Pick<LanguageStorage, 'setItem'>, language: Language): void {
  try {
    storage.setItem(LANGUAGE_STORAGE_KEY, language);
  } catch {
    // Not remembering is harmless: the next launch starts in the default language.
  }
}

/**
 * i18next's options for a UI of ours (the desk, the board): bundled resources started
 * synchronously, in `lng`, falling back to the default. React escapes text itself; escaping twice
 * would show &amp; in caller names.
 */
export function i18nOptions<Resources>(resources: Resources, lng: Language) {
  return {
    resources,
    lng,
    fallbackLng: DEFAULT_LANGUAGE,
    supportedLngs: [...LANGUAGES],
    initAsync: false,
    interpolation: { escapeValue: false },
    returnNull: false,
  } as const;
}
