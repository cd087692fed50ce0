import { mount } from "svelte";
import Gate from "./Gate.svelte";
import "./app.css";
import { markEmptyDateFields } from "./lib/empty-fields";

const target = document.getElementById("app");
if (!target) throw new Error("index.html has no #app element");
markEmptyDateFields();
export default mount(Gate, { target });
