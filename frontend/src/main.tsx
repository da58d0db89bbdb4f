import { QueryClientProvider } from "@tanstack/preact-query";
import { render } from "preact";
import { App } from "./App";
import { ConfirmHost, ToastHost } from "./components/feedback";
import { queryClient } from "./data";
import { detectLocale, setLocale } from "./i18n";
import { LocationProvider } from "preact-iso";
import { SPA_LINKS } from "./router";
import "./styles.css";

setLocale(detectLocale());
render(
  <QueryClientProvider client={queryClient}>
    <LocationProvider scope={SPA_LINKS}>
      <App />
      <ToastHost />
      <ConfirmHost />
    </LocationProvider>
  </QueryClientProvider>,
  document.getElementById("app")!,
);
