import { createContext } from "preact";
import { useContext } from "preact/hooks";
import type { Me, MyProgram } from "./api/types";
import type { Locale } from "./i18n";

export interface Session {
  me: Me;
  setMe: (me: Me) => void;
  /** The program the user works in now (from the URL, else the one remembered this tab). */
  program: MyProgram | undefined;
  locale: Locale;
  changeLocale: (l: Locale) => Promise<void>;
  signOut: () => Promise<void>;
  /** Says something to screen-reader users without moving focus. */
  announce: (message: string) => void;
}

export const SessionContext = createContext<Session | null>(null);

export function useSession(): Session {
  const s = useContext(SessionContext);
  if (!s) throw new Error("useSession outside a signed-in layout");
  return s;
}

export const PROGRAM_KEY = "botschaft.program";

export function rememberedProgram(): string | null {
  try {
    return sessionStorage.getItem(PROGRAM_KEY);
  } catch {
    return null;
  }
}

export function rememberProgram(slug: string): void {
  try {
    sessionStorage.setItem(PROGRAM_KEY, slug);
  } catch {
    /* storage may be disabled */
  }
}
