import { mount } from "svelte";
import App from "./App.svelte";
import "./app.css";
import { markEmptyDateFields } from "./lib/empty-fields";

const target = document.getElementById("app");
if (!target) throw new Error("index.html has no #app element");
markEmptyDateFields();
export default mount(App, { target });
