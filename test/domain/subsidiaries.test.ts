import { describe, expect, it } from 'vitest';
import { currencyOfSubsidiary, localeOfSubsidiary, subsidiariesOfApi, subsidiaryInfo, validateSubsidiary } from '../../src/domain/subsidiaries.js';
import { UsageError } from '../../src/domain/errors.js';

const EU = ['CZ', 'DE', 'ES', 'FI', 'FR', 'GB', 'IE', 'IT', 'LT', 'MA', 'NL', 'PL', 'PT', 'SN', 'TN'];

describe('subsidiaries', () => {
  it.each([
    ['FR', 'EUR', 'fr-FR'],
    ['GB', 'GBP', 'en-GB'],
    ['DE', 'EUR', 'de-DE'],
    ['IE', 'EUR', 'en-IE'],
    ['PL', 'PLN', 'pl-PL'],
    ['CZ', 'CZK', 'cs-CZ'],
    ['MA', 'MAD', 'fr-MA'],
    ['SN', 'XOF', 'fr-SN'],
    ['TN', 'TND', 'fr-TN'],
    ['CA', 'CAD', 'en-CA'],
    ['QC', 'CAD', 'fr-CA'],
    ['US', 'USD', 'en-US'],
    ['AU', 'AUD', 'en-AU'],
    ['SG', 'SGD', 'en-SG'],
  ])('%s is billed in %s and formatted as %s', (code, currency, locale) => {
    expect(currencyOfSubsidiary(code)).toBe(currency);
    expect(localeOfSubsidiary(code)).toBe(locale);
  });

  it('knows which API serves each subsidiary', () => {
    expect(subsidiariesOfApi('eu')).toEqual(expect.arrayContaining(EU));
    expect(subsidiariesOfApi('ca')).toEqual(['ASIA', 'AU', 'CA', 'IN', 'QC', 'SG', 'WE', 'WS']);
    expect(subsidiariesOfApi('us')).toEqual(['US']);
    expect(subsidiaryInfo('qc')?.name).toMatch(/Quebec/);
  });

  it('accepts an allowed code in any case and returns it upper-cased', () => {
    expect(validateSubsidiary(' fr ', EU)).toBe('FR');
  });

  it('rejects an unknown code, naming it and listing the allowed ones', () => {
    try {
      validateSubsidiary('XX', EU);
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(UsageError);
      expect((error as UsageError).message).toContain('"XX"');
      expect((error as UsageError).message).toContain('FR, GB, IE');
      expect((error as UsageError).exitCode).toBe(2);
    }
  });

  it('says when a real subsidiary belongs to another API', () => {
    expect(() => validateSubsidiary('US', EU)).toThrow(/"US".*ovh-us API.*Allowed: CZ, DE/s);
  });
});
