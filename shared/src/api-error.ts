import { z } from 'zod';

/** The one error envelope every API answer uses: a stable code, a message and the next action. */
export const apiErrorSchema = z.object({
  error: z.object({
    code: z.string(),
    message: z.string(),
    next_action: z.string(),
  }),
});
export type ApiErrorBody = z.infer<typeof apiErrorSchema>;
