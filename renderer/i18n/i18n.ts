import i18next from 'i18next';
import { initReactI18next } from 'react-i18next';
import { i18nOptions, rememberedLanguage, rememberLanguage, type Language } from '../../src/i18n/languages';
import en from './locales/en.json';
import zhCN from './locales/zh-CN.json';

export const resources = { 'zh-CN': { translation: zhCN }, en: { translation: en } } as const;

/** Starts i18next synchronously (resources are bundled), in the remembered language. */
export function initI18n(storage: Storage = localStorage): typeof i18next {
  const lng = rememberedLanguage(storage);
  void i18next.use(initReactI18next).init(i18nOptions(resources, lng));
  document.documentElement.lang = lng;
  return i18next;
}

export async function switchLanguage(language: Language, storage: Storage = localStorage): Promise<void> {
  rememberLanguage(storage, language);
  await i18next.changeLanguage(language);
  document.documentElement.lang = language;
}
