import { slugSchema } from '@switchboard/contracts';
import { describe, expect, it } from 'vitest';
import { slugFromName } from './slug';

describe('slug from a tenant name', () => {
  it('makes a slug the contract accepts', () => {
    for (const name of ['Acme Support GmbH', 'Café Zürich', '  --Dashes--  ', 'A'.repeat(80) + ' Ltd']) {
      const slug = slugFromName(name);
      expect(slugSchema.safeParse(slug).success, `${name} → ${slug}`).toBe(true);
    }
    expect(slugFromName('Acme Support GmbH')).toBe('acme-support-gmbh');
    expect(slugFromName('Café Zürich')).toBe('cafe-zurich');
  });
});
