import { t } from '../i18n';

/** The e-mail input of a colleague to share with (Share panel, sharing rules) or to invite (guest). */
export function EmailField({ value, onChange, testid, placeholder }: {
  value: string;
  onChange: (v: string) => void;
  testid?: string;
  placeholder?: string;
}) {
  return (
    <input
      type="email"
      required
      maxLength={254}
      placeholder={placeholder ?? t('share.inviteEmail')}
      value={value}
      data-testid={testid}
      onInput={(e) => onChange((e.currentTarget as HTMLInputElement).value)}
    />
  );
}
