import { describe, expect, it } from "vitest";
import { guessFormat, sharedHashtags, sharedLink, usesProgramHashtag } from "./share";

describe("shared posts", () => {
  it("finds the link in the url field, the text or the title", () => {
    expect(sharedLink({ url: "https://www.instagram.com/reel/C1abc/" })).toBe("https://www.instagram.com/reel/C1abc/");
    const linkedIn = "Mein Beitrag zur Ausbildungsmesse #WirSindMusterstadt https://www.linkedin.com/posts/anna_ausbildung-activity-7150123456789012345-abcd?utm_source=share.";
    expect(sharedLink({ text: linkedIn })).toBe("https://www.linkedin.com/posts/anna_ausbildung-activity-7150123456789012345-abcd?utm_source=share");
    expect(sharedLink({ title: "Schau mal (https://vm.tiktok.com/ZMabc123/)" })).toBe("https://vm.tiktok.com/ZMabc123/");
    expect(sharedLink({ text: "kein Link" })).toBeUndefined();
  });

  it("collects hashtags once, as written", () => {
    expect(sharedHashtags({ title: "#Karriere", text: "Neu: #WirSindMusterstadt und #karriere, #Ausbildung2026" })).toEqual([
      "#Karriere",
      "#WirSindMusterstadt",
      "#Ausbildung2026",
    ]);
    expect(usesProgramHashtag(["#wirsindmusterstadt"], ["#WirSindMusterstadt"])).toBe(true);
    expect(usesProgramHashtag(["#Karriere"], ["#WirSindMusterstadt"])).toBe(false);
  });

  it("guesses the format where the link tells it", () => {
    expect(guessFormat("https://www.instagram.com/reel/C1abc/")).toBe("video");
    expect(guessFormat("https://www.tiktok.com/@stadt/video/7301234567890123456")).toBe("video");
    expect(guessFormat("https://youtu.be/dQw4w9WgXcQ")).toBe("video");
    expect(guessFormat("https://www.youtube.com/shorts/abc")).toBe("video");
    expect(guessFormat("https://www.linkedin.com/pulse/warum-ich-gern-bei-der-stadt-arbeite-anna")).toBe("article");
    expect(guessFormat("https://www.instagram.com/p/C1abc/")).toBeUndefined();
    expect(guessFormat("not a link")).toBeUndefined();
  });
});
