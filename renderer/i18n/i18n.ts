import i18next from 'i18next';
import { initReactI18next } from 'react-i18next';
import { DEFAULT_LANGUAGE, LANGUAGES, rememberedLanguage, rememberLanguage, type Language } from './languages';
import en from './locales/en.json';
import zhCN from './locales/zh-CN.json';

export const resources = { 'zh-CN': { translation: zhCN }, en: { translation: en } } as const;

/** Starts i18next synchronously (resources are bundled), in the remembered language. */
export function initI18n(storage: Storage = localStorage): typeof i18next {
  const lng = rememberedLanguage(storage);
  void i18next.use(initReactI18next).init({
    resources,
    lng,
    fallbackLng: DEFAULT_LANGUAGE,
    supportedLngs: [...LANGUAGES],
    initAsync: false,
    // React escapes text itself; escaping twice would show &amp; in caller names.
    interpolation: { escapeValue: false },
    returnNull: false,
  });
  document.documentElement.lang = lng;
  return i18next;
}

export async function switchLanguage(language: Language, storage: Storage = localStorage): Promise<void> {
  rememberLanguage(storage, language);
  await i18next.changeLanguage(language);
  document.documentElement.lang = language;
}
