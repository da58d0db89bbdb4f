import { describe, expect, it } from "vitest";
import { ApiError } from "../api/client";
import { linkProblemKey, problemCode, tokenFromHash } from "./Password";

describe("set-password links", () => {
  it("takes the token from the fragment and refuses anything else", () => {
    expect(tokenFromHash("#AbC_12-xyz0AbC_12-xyz0")).toBe("AbC_12-xyz0AbC_12-xyz0");
    expect(tokenFromHash("")).toBe("");
    expect(tokenFromHash("#short")).toBe("");
    expect(tokenFromHash("#abc<script>abcdefghijk")).toBe("");
  });

  it("names why a link does not work, per purpose", () => {
    const used = new ApiError(410, { type: "https://botschaft.dev/problems/token_used" });
    expect(problemCode(used)).toBe("token_used");
    expect(linkProblemKey("token_used", "reset")).toBe("password.token_used");
    expect(linkProblemKey("token_expired", "invitation")).toBe("password.token_expired.invitation");
    expect(linkProblemKey("token_expired", "reset")).toBe("password.token_expired.reset");
    expect(linkProblemKey("validation_error", "reset")).toBeUndefined();
    expect(problemCode(new Error("x"))).toBeUndefined();
  });
});
