import { render } from "preact";
import { App } from "./App";
import { ConfirmHost, ToastHost } from "./components/feedback";
import { detectLocale, setLocale } from "./i18n";
import { installRouter } from "./router";
import "./styles.css";

setLocale(detectLocale());
installRouter();
render(
  <>
    <App />
    <ToastHost />
    <ConfirmHost />
  </>,
  document.getElementById("app")!,
);
