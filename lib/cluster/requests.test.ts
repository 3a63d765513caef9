import { describe, expect, it } from "vitest";
import { ApiError, keyedError } from "../http/errors.ts";
import { localizedErrorBody } from "../i18n/api-errors.ts";
import { outcomeOf, settle } from "./requests.ts";

describe("a request forwarded to the leader", () => {
  it("answers the follower's caller in its language: the error keeps its catalogue messages through the stored outcome", async () => {
    const outcome = await outcomeOf(async () => {
      throw keyedError("conflict", { key: "group.disableHaFirst" }, { haEnabled: { key: "group.haEnabledField" } });
    });
    // The outcome travels as JSON through the request table.
    const stored = JSON.parse(JSON.stringify(outcome));
    let thrown: unknown;
    try {
      settle(stored);
    } catch (err) {
      thrown = err;
    }
    expect(thrown).toBeInstanceOf(ApiError);
    const english = await localizedErrorBody(thrown as ApiError, "en");
    expect(english.error).toEqual({
      code: "conflict",
      message: "Disable High Availability and save before changing the Presence Servers",
      fields: { haEnabled: "High Availability is enabled: disable it before changing the Presence Servers" },
    });
    const chinese = await localizedErrorBody(thrown as ApiError, "zh");
    expect(chinese.error.message).toBe("更改 Presence 服务器之前，请禁用高可用性并保存");
    expect(chinese.error.fields).toEqual({ haEnabled: "高可用性已启用：更改 Presence 服务器之前请将其禁用" });
  });
});
