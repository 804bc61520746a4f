import { useTranslation } from 'react-i18next';
import { switchLanguage } from '../../i18n/i18n';
import { isLanguage, LANGUAGES } from '../../../src/i18n/languages';
import { useLanguage } from '../../shared/use-language';

export function LanguageSwitch() {
  const { t } = useTranslation();
  const language = useLanguage();
  return (
    <label className="lang-switch">
      <span className="visually-hidden">{t('language.label')}</span>
      <select
        data-testid="lang-switch"
        value={language}
        onChange={(event) => {
          if (isLanguage(event.target.value)) void switchLanguage(event.target.value);
        }}
      >
        {LANGUAGES.map((option) => (
          <option key={option} value={option}>
            {t(`language.${option}`)}
          </option>
        ))}
      </select>
    </label>
  );
}
