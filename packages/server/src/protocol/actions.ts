import { z } from 'zod';

/** An action as the client sends it in `threads.custom_action` (§5.1). Payloads are untrusted. */
export const ActionSchema = z.object({
  type: z.string(),
  payload: z.unknown().optional(),
});
export type Action = z.infer<typeof ActionSchema>;

/** An action declared inside a widget (§5.2). All defaults are emitted on the wire. */
export const ActionConfigSchema = z.looseObject({
  type: z.string(),
  payload: z.unknown().optional(),
  handler: z.enum(['client', 'server']).default('server'),
  loadingBehavior: z.enum(['auto', 'none', 'self', 'container']).default('auto'),
  streaming: z.boolean().default(true),
});
export type ActionConfig = z.output<typeof ActionConfigSchema>;
export type ActionConfigInput = z.input<typeof ActionConfigSchema>;
