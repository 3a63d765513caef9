import { z } from "zod";
import { ruleMessage } from "../http/rule-messages.ts";
import { ASSIGNMENT_MODES } from "../users/assignment.ts";
import { messageKeySchema } from "./common.ts";

export { serviceParametersPatch } from "../params/validation.ts";

const parameterView = z.object({
  key: z.string(),
  name: z.string(),
  scope: z.enum(["cluster", "node"]),
  type: z.enum(["integer", "boolean"]),
  default: z.union([z.number(), z.boolean()]),
  min: z.number().optional(),
  max: z.number().optional(),
  unit: z.enum(["seconds", "port"]).optional(),
  help: z.string(),
  value: z.union([z.number(), z.boolean()]),
});
export type ParameterView = z.infer<typeof parameterView>;

export const serviceParametersView = z.object({
  cluster: z.array(parameterView),
  nodes: z.array(z.object({ nodeId: z.number().int(), hostName: z.string(), groupName: z.string().nullable(), parameters: z.array(parameterView) })),
  warnings: z.array(z.string()).describe("Guidance the values do not follow, in English"),
  warningMessages: z.array(messageKeySchema).describe("The same warnings, in the same order, as catalogue messages"),
});
export type ServiceParametersView = z.infer<typeof serviceParametersView>;

export const assignmentModeSchema = z.enum(ASSIGNMENT_MODES, {
  error: ruleMessage("field.oneOf", { field: { key: "label.userAssignmentMode" }, values: ASSIGNMENT_MODES.join(", ") }),
});

export const enterpriseParametersPut = z.object({ userAssignmentMode: assignmentModeSchema });

export const enterpriseParametersView = z.object({
  userAssignmentMode: assignmentModeSchema,
  default: assignmentModeSchema,
  options: z.array(z.object({ value: assignmentModeSchema, help: z.string() })),
  pendingGroups: z.array(z.object({ id: z.number().int(), name: z.string() })),
  moved: z.number().int().optional(),
});
export type EnterpriseParametersView = z.infer<typeof enterpriseParametersView>;
