import { z } from "zod";

/**
 * How the lab stands in for real hardware: how fast lab time runs and how
 * long the steps that take time on a real node take here (lab seconds).
 */
export const labSettingsSchema = z.object({
  speed: z
    .number({ error: "Speed must be a number" })
    .min(0.1, "Speed must be at least 0.1")
    .max(1000, "Speed may be at most 1000"),
  stepSeconds: z
    .number({ error: "Step duration must be a number" })
    .min(0, "Step duration must be 0 or more")
    .max(600, "Step duration may be at most 600 seconds"),
  srmStartSeconds: z
    .number({ error: "SRM start duration must be a number" })
    .min(0, "SRM start duration must be 0 or more")
    .max(600, "SRM start duration may be at most 600 seconds"),
  bootSeconds: z
    .number({ error: "Boot duration must be a number" })
    .min(0, "Boot duration must be 0 or more")
    .max(3600, "Boot duration may be at most 3600 seconds"),
});
export type LabSettings = z.infer<typeof labSettingsSchema>;

/**
 * A lab duration in whole lab milliseconds: durations may be fractional
 * seconds (0.0005 s is accepted), while lab time, and every persisted
 * deadline, is a whole number of milliseconds.
 */
export const labMs = (seconds: number): number => Math.round(seconds * 1000);

export const DEFAULT_LAB_SETTINGS: LabSettings = { speed: 1, stepSeconds: 5, srmStartSeconds: 5, bootSeconds: 60 };
