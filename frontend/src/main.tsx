import { render } from "preact";
import { App } from "./App";
import { detectLocale, setLocale } from "./i18n";
import { installRouter } from "./router";
import "./styles.css";

setLocale(detectLocale());
installRouter();
render(<App />, document.getElementById("app")!);
