// The merged message catalogs: the shell's (de.ts/en.ts) plus one file per domain.
// A domain adds its catalog here with one import and one spread per language.
import { de as shellDe } from "./de";
import { en as shellEn } from "./en";
import { delivery } from "./delivery";
import { posts } from "./posts";
import { learning } from "./learning";
import { apply } from "./apply";
import { calls } from "./calls";
import { selection } from "./selection";
import { cohorts } from "./cohorts";
import { modules } from "./modules";
import { transparency } from "./transparency";
import { password } from "./password";
import { programs } from "./programs";
import { ui } from "./ui";
import { labels } from "./labels";
import { problems } from "./problems";
import { erasure } from "./erasure";
import { archive } from "./archive";
import { followers } from "./followers";
import { requests } from "./requests";
import { questions } from "./questions";

export const de = {
  ...shellDe,
  ...delivery.de,
  ...posts.de,
  ...learning.de,
  ...apply.de,
  ...calls.de,
  ...selection.de,
  ...cohorts.de,
  ...modules.de,
  ...transparency.de,
  ...password.de,
  ...programs.de,
  ...ui.de,
  ...labels.de,
  ...problems.de,
  ...erasure.de,
  ...archive.de,
  ...followers.de,
  ...requests.de,
  ...questions.de,
};

export const en: Record<keyof typeof de, string> = {
  ...shellEn,
  ...delivery.en,
  ...posts.en,
  ...learning.en,
  ...apply.en,
  ...calls.en,
  ...selection.en,
  ...cohorts.en,
  ...modules.en,
  ...transparency.en,
  ...password.en,
  ...programs.en,
  ...ui.en,
  ...labels.en,
  ...problems.en,
  ...erasure.en,
  ...archive.en,
  ...followers.en,
  ...requests.en,
  ...questions.en,
};

export type MessageKey = keyof typeof de;
