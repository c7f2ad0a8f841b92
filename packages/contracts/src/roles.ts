import { z } from 'zod';
import { text, isoDate, plainString, multiLineText } from './common';
import { permissionSchema } from './permissions';
import { pageQuerySchema } from './pagination';

export const roleSchema = z.object({
  id: z.string(),
  key: z.string(),
  name: z.string(),
  description: z.string().nullable(),
  system: z.boolean(),
  permissions: z.array(permissionSchema),
  user_count: z.number().int(),
  created_at: isoDate,
  updated_at: isoDate,
});
export type Role = z.infer<typeof roleSchema>;

export const createRoleSchema = z
  .object({
    name: text(80),
    description: multiLineText(500).nullable().optional(),
    permissions: z.array(permissionSchema).max(200),
  })
  .strict();
export type CreateRoleInput = z.infer<typeof createRoleSchema>;
export const updateRoleSchema = createRoleSchema.partial().strict();
export type UpdateRoleInput = z.infer<typeof updateRoleSchema>;

export const listRolesQuerySchema = pageQuerySchema.extend({
  search: plainString().trim().max(80).optional(),
});
export type ListRolesQuery = z.infer<typeof listRolesQuerySchema>;
