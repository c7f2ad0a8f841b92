import { z } from 'zod';
import { email, text, timeZone, weeklyHoursSchema, isoDate, plainString, localeTag } from './common';
import { pageQuerySchema } from './pagination';

export const tenantStatuses = ['active', 'suspended', 'deleted'] as const;
export const tenantStatusSchema = z.enum(tenantStatuses);

export const limitKeys = [
  'users',
  'agents',
  'dids',
  'queues',
  'endpoints',
  'concurrent_calls',
  'storage_mb',
  'chat_widgets',
] as const;
export type LimitKey = (typeof limitKeys)[number];

/** null = unlimited. */
const limitValue = z.number().int().min(0).max(1_000_000).nullable();
export const tenantLimitsSchema = z
  .object({
    users: limitValue,
    agents: limitValue,
    dids: limitValue,
    queues: limitValue,
    endpoints: limitValue,
    concurrent_calls: limitValue,
    storage_mb: limitValue,
    chat_widgets: limitValue,
  })
  .strict();
export type TenantLimits = z.infer<typeof tenantLimitsSchema>;

export const defaultTenantLimits: TenantLimits = {
  users: 50,
  agents: 25,
  dids: 20,
  queues: 20,
  endpoints: 50,
  concurrent_calls: 30,
  storage_mb: 5120,
  chat_widgets: 5,
};

export const featureKeys = ['voice', 'chat', 'helpdesk', 'recording', 'analytics', 'webrtc'] as const;
export type FeatureKey = (typeof featureKeys)[number];
export const tenantFeaturesSchema = z
  .object({
    voice: z.boolean(),
    chat: z.boolean(),
    helpdesk: z.boolean(),
    recording: z.boolean(),
    analytics: z.boolean(),
    webrtc: z.boolean(),
  })
  .strict();
export type TenantFeatures = z.infer<typeof tenantFeaturesSchema>;
export const defaultTenantFeatures: TenantFeatures = {
  voice: true,
  chat: true,
  helpdesk: true,
  recording: true,
  analytics: true,
  webrtc: true,
};

export const tenantSettingsSchema = z
  .object({
    business_hours: weeklyHoursSchema,
    /** Abandons shorter than this are "short abandons" (GLOSSARY). */
    short_abandon_seconds: z.number().int().min(0).max(120),
    locale: localeTag,
  })
  .strict();
export type TenantSettings = z.infer<typeof tenantSettingsSchema>;

export const slugSchema = z
  .string()
  .trim()
  .toLowerCase()
  .min(2)
  .max(48)
  .regex(/^[a-z0-9](?:[a-z0-9-]*[a-z0-9])?$/, 'Use lowercase letters, digits and dashes');

export const tenantSchema = z.object({
  id: z.string(),
  name: z.string(),
  slug: z.string(),
  status: tenantStatusSchema,
  timezone: z.string(),
  limits: tenantLimitsSchema,
  features: tenantFeaturesSchema,
  settings: tenantSettingsSchema,
  created_at: isoDate,
  updated_at: isoDate,
});
export type Tenant = z.infer<typeof tenantSchema>;

/** A tenant as the platform operator sees it: soft-deleted tenants stay listed with their date. */
export const platformTenantSchema = tenantSchema.extend({ deleted_at: isoDate.nullable() });
export type PlatformTenant = z.infer<typeof platformTenantSchema>;

export const createTenantSchema = z
  .object({
    name: text(120),
    slug: slugSchema,
    timezone: timeZone.default('UTC'),
    limits: tenantLimitsSchema.partial().optional(),
    features: tenantFeaturesSchema.partial().optional(),
    admin: z
      .object({ email: email, name: text(120), password: plainString().min(12).max(256) })
      .strict()
      .optional(),
  })
  .strict();
export type CreateTenantInput = z.infer<typeof createTenantSchema>;

export const updateTenantSchema = z
  .object({
    name: text(120).optional(),
    slug: slugSchema.optional(),
    timezone: timeZone.optional(),
    settings: tenantSettingsSchema.partial().optional(),
  })
  .strict();
export type UpdateTenantInput = z.infer<typeof updateTenantSchema>;

/** What a tenant admin may change about its own tenant. */
export const updateOwnTenantSchema = z
  .object({
    name: text(120).optional(),
    timezone: timeZone.optional(),
    settings: tenantSettingsSchema.partial().optional(),
  })
  .strict();
export type UpdateOwnTenantInput = z.infer<typeof updateOwnTenantSchema>;

export const updateTenantLimitsSchema = tenantLimitsSchema.partial().strict();
export type UpdateTenantLimitsInput = z.infer<typeof updateTenantLimitsSchema>;
export const updateTenantFeaturesSchema = tenantFeaturesSchema.partial().strict();
export type UpdateTenantFeaturesInput = z.infer<typeof updateTenantFeaturesSchema>;

export const listTenantsQuerySchema = pageQuerySchema.extend({
  search: plainString().trim().max(120).optional(),
  status: tenantStatusSchema.optional(),
});
export type ListTenantsQuery = z.infer<typeof listTenantsQuerySchema>;

/** `limit` null = unlimited. */
export const usageItemSchema = z.object({ used: z.number().int(), limit: z.number().int().nullable() });
export const tenantUsageSchema = z.record(z.enum(limitKeys), usageItemSchema);
export type TenantUsage = z.infer<typeof tenantUsageSchema>;
